package dev.lpm.ui.tray;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** A StatusNotifierItem's {@code ToolTip} ({@code (sa(iiay)ss)}): icon name, icon pixmaps, title, text. */
public final class SniToolTip extends Struct {

    @Position(0)
    public final String iconName;
    @Position(1)
    public final List<IconPixmap> iconPixmaps;
    @Position(2)
    public final String title;
    @Position(3)
    public final String description;

    public SniToolTip(String iconName, List<IconPixmap> iconPixmaps, String title, String description) {
        this.iconName = iconName;
        this.iconPixmaps = List.copyOf(iconPixmaps);
        this.title = title;
        this.description = description;
    }
}
