package dev.lpm.ui.tray;

import java.awt.image.BufferedImage;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * One icon of a StatusNotifierItem's {@code IconPixmap} ({@code a(iiay)}): width, height and ARGB32
 * pixels in network byte order (A, R, G, B for each pixel, rows top to bottom), as the specification says.
 */
public final class IconPixmap extends Struct {

    @Position(0)
    public final int width;
    @Position(1)
    public final int height;
    @Position(2)
    public final byte[] pixels;

    public IconPixmap(int width, int height, byte[] pixels) {
        if (pixels.length != width * height * 4) {
            throw new IllegalArgumentException(width + "x" + height + " needs " + width * height * 4 + " bytes, not "
                    + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** The image's pixels, whatever its type (PNGs may load as indexed or 3-byte images). */
    public static IconPixmap of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 4];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y); // default sRGB, not premultiplied: what the spec means
                out[i++] = (byte) (argb >>> 24);
                out[i++] = (byte) (argb >>> 16);
                out[i++] = (byte) (argb >>> 8);
                out[i++] = (byte) argb;
            }
        }
        return new IconPixmap(w, h, out);
    }

    /** The pixel at (x, y) as an int ARGB, for tests and logs. */
    public int argbAt(int x, int y) {
        int i = (y * width + x) * 4;
        return (pixels[i] & 0xff) << 24 | (pixels[i + 1] & 0xff) << 16 | (pixels[i + 2] & 0xff) << 8 | pixels[i + 3] & 0xff;
    }
}
