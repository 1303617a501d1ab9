package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TrayIconsTest {

    @Test
    void picksTheSmallestIconAtLeastThePanelsPixelSize() {
        assertThat(TrayIcons.pixelSizeFor(24, 1.0)).isEqualTo(24);
        assertThat(TrayIcons.pixelSizeFor(24, 2.0)).isEqualTo(48);
        assertThat(TrayIcons.pixelSizeFor(22, 1.25)).isEqualTo(32); // 27.5 px
        assertThat(TrayIcons.pixelSizeFor(16, 1.0)).isEqualTo(16);
        assertThat(TrayIcons.pixelSizeFor(48, 2.0)).isEqualTo(64); // bigger than every PNG: the largest
    }

    /** Every state at every size is in the jar, and the states differ where the shield is. */
    @Test
    void everyStateAndSizeLoadsAndStatesLookDifferent() {
        for (int size : TrayIcons.SIZES) {
            java.util.Set<Integer> shieldColours = new java.util.HashSet<>();
            for (TrayState state : TrayState.values()) {
                BufferedImage image = TrayIcons.load(state, size);
                assertThat(image.getWidth()).as(state + " " + size).isEqualTo(size);
                assertThat(image.getHeight()).isEqualTo(size);
                // a point inside the shield, left of every glyph
                shieldColours.add(image.getRGB(size * 15 / 64, size * 20 / 64));
            }
            assertThat(shieldColours).as("shield colours at " + size + " px").hasSize(TrayState.values().length);
        }
    }
}
