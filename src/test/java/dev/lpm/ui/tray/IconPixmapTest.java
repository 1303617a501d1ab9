package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class IconPixmapTest {

    @Test
    void pixelsAreArgbInNetworkByteOrderRowByRow() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80112233);
        image.setRGB(1, 0, 0xff445566);
        image.setRGB(0, 1, 0x00000000);
        image.setRGB(1, 1, 0xffaabbcc);
        IconPixmap pixmap = IconPixmap.of(image);
        assertThat(pixmap.width).isEqualTo(2);
        assertThat(pixmap.height).isEqualTo(2);
        assertThat(pixmap.pixels).containsExactly(
                0x80, 0x11, 0x22, 0x33, 0xff, 0x44, 0x55, 0x66,
                0x00, 0x00, 0x00, 0x00, 0xff, 0xaa, 0xbb, 0xcc);
    }

    @Test
    void anOpaqueImageWithoutAlphaGetsFullAlpha() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, 0x0010ff20);
        assertThat(IconPixmap.of(image).pixels).containsExactly(0xff, 0x10, 0xff, 0x20);
    }

    @Test
    void theTrayPngsConvertAtEverySizeWithTheirColours() {
        for (int size : TrayIcons.SIZES) {
            IconPixmap pixmap = IconPixmap.of(TrayIcons.load(TrayState.BLOCKED, size));
            assertThat(pixmap.pixels).hasSize(size * size * 4);
            // the blocked shield's fill (icons/src/tray-blocked.svg) covers a good part of the pixmap, opaque
            java.awt.Color fill = AwtTrayOnXvfbTest.FILL.get(TrayState.BLOCKED);
            int filled = 0;
            int transparent = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int argb = pixmap.argbAt(x, y);
                    filled += argb >>> 24 == 0xff && near(new java.awt.Color(argb), fill) ? 1 : 0;
                    transparent += argb >>> 24 == 0 ? 1 : 0;
                }
            }
            assertThat(filled).as("red fill pixels at %d px", size).isGreaterThan(size * size / 8);
            assertThat(transparent).as("transparent corners at %d px", size).isGreaterThan(0);
        }
    }

    static boolean near(java.awt.Color a, java.awt.Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue()) < 60;
    }

    @Test
    void aWrongLengthIsRefused() {
        assertThatThrownBy(() -> new IconPixmap(2, 2, new byte[15])).hasMessageContaining("needs 16 bytes");
    }
}
