package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SniItemTest {

    @Test
    void needsAttentionWhileBlockedOrBrokenActiveOtherwise() {
        assertThat(SniItem.status(TrayState.BLOCKED)).isEqualTo("NeedsAttention");
        assertThat(SniItem.status(TrayState.PROBLEM)).isEqualTo("NeedsAttention");
        assertThat(SniItem.status(TrayState.VPN_ACTIVE)).isEqualTo("Active");
        assertThat(SniItem.status(TrayState.SECURE)).isEqualTo("Active");
    }

    @Test
    void propertiesFollowTheShownStateAndSayWhatChanged() {
        SniItem item = new SniItem(Optional.empty());
        assertThat(item.show(TrayState.SECURE, "lpm: no VPN")).isEqualTo(new SniItem.Change(false, true));
        Map<String, Variant<?>> secure = item.GetAll(StatusNotifierItemBus.INTERFACE);
        assertThat(secure.get("Category").getValue()).isEqualTo("ApplicationStatus");
        assertThat(secure.get("Status").getValue()).isEqualTo("Active");
        assertThat(secure.get("IconName").getValue()).as("no theme icons installed: pixmaps only").isEqualTo("");
        assertThat(((SniToolTip) secure.get("ToolTip").getValue()).description).isEqualTo("lpm: no VPN");
        @SuppressWarnings("unchecked")
        List<IconPixmap> icons = (List<IconPixmap>) secure.get("IconPixmap").getValue();
        assertThat(icons).extracting(p -> p.width).containsExactlyElementsOf(TrayIcons.SIZES);

        assertThat(item.show(TrayState.BLOCKED, "lpm: no VPN")).isEqualTo(new SniItem.Change(true, false));
        Map<String, Variant<?>> blocked = item.GetAll(StatusNotifierItemBus.INTERFACE);
        assertThat(blocked.get("Status").getValue()).isEqualTo("NeedsAttention");
        assertThat(blocked.get("IconPixmap").getValue()).isNotEqualTo(secure.get("IconPixmap").getValue());
        assertThat(item.GetAll("org.example.Other")).isEmpty();
    }

    @Test
    void activateRunsTheWindowAction() {
        SniItem item = new SniItem(Optional.empty());
        AtomicInteger opened = new AtomicInteger();
        item.onActivate(opened::incrementAndGet);
        item.Activate(10, 10);
        item.SecondaryActivate(10, 10);
        assertThat(opened).hasValue(2);
    }

    @Test
    void anInstalledThemeIsFoundByItsSecureIcon(@TempDir Path dir) throws Exception {
        assertThat(IconTheme.installed(dir.toString())).isFalse();
        Path apps = Files.createDirectories(dir.resolve("icons/hicolor/24x24/apps"));
        Files.writeString(apps.resolve("lpm-tray-secure.png"), "");
        assertThat(IconTheme.installed("/nonexistent:" + dir)).isTrue();
    }

    @Test
    void aPrivateCopyIsAnIconThemeTheItemNamesAndItIsDeletedAgain(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("theme"));
        IconTheme theme = IconTheme.privateCopy(root);
        for (TrayState state : TrayState.values()) {
            for (int size : TrayIcons.SIZES) {
                Path png = root.resolve("hicolor/" + size + "x" + size + "/apps/lpm-" + state.iconName() + ".png");
                assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(size);
            }
        }
        SniItem item = new SniItem(Optional.of(theme));
        item.show(TrayState.VPN_ACTIVE, "x");
        Map<String, Variant<?>> props = item.GetAll(StatusNotifierItemBus.INTERFACE);
        assertThat(props.get("IconName").getValue()).isEqualTo("lpm-tray-vpn");
        assertThat(props.get("IconThemePath").getValue()).isEqualTo(root.toString());
        theme.deletePrivateCopy();
        assertThat(root).doesNotExist();
    }

    @Test
    void aStatusNotifierItemIsPreferredWhenTheBusHasAWatcher() {
        TrayIndicator sni = new TrayIndicator() {
            @Override
            public String kind() {
                return "StatusNotifierItem";
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> install(Runnable onActivate) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public void setState(TrayState state, String tooltip) { }

            @Override
            public void setMenu(List<MenuItemModel> items) { }

            @Override
            public void displayMessage(String title, String text) { }

            @Override
            public void remove() { }
        };
        assertThat(Trays.available(Availability.of(sni)).value()).containsSame(sni);
    }
}
