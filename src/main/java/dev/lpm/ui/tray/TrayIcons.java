package dev.lpm.ui.tray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The tray PNGs in the jar ({@code /dev/lpm/ui/tray/tray-STATE-SIZE.png}, rendered by icons/render.sh),
 * and the choice of size for a panel.
 */
public final class TrayIcons {

    /** The sizes in the jar, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48, 64);

    private TrayIcons() {}

    /**
     * The smallest size at least {@code logicalSize * scale} pixels, so the icon is scaled down (sharp)
     * rather than up (blurred); the largest when the panel is bigger than every PNG.
     */
    public static int pixelSizeFor(int logicalSize, double scale) {
        int wanted = (int) Math.ceil(logicalSize * scale);
        return SIZES.stream().filter(s -> s >= wanted).findFirst().orElse(SIZES.getLast());
    }

    public static BufferedImage load(TrayState state, int pixelSize) {
        String resource = "/dev/lpm/ui/tray/" + state.iconName() + "-" + pixelSize + ".png";
        try (InputStream in = TrayIcons.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing icon resource " + resource);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read icon " + resource, e);
        }
    }
}
