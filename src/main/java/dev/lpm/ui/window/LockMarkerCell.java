package dev.lpm.ui.window;

import java.util.Objects;
import javafx.scene.control.ListCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/**
 * An access log line with the VPN lock drawn as lpm's padlock icon: many Linux desktops have no font
 * with U+1F512, and an empty box would hide the one thing the marker is for. The text stays searchable
 * and copyable with the character in it.
 */
final class LockMarkerCell extends ListCell<String> {

    private static final Image LOCK = new Image(Objects.requireNonNull(
            LockMarkerCell.class.getResource("/dev/lpm/ui/tray/tray-vpn-16.png"), "tray-vpn-16.png").toExternalForm());

    private final ImageView icon = new ImageView(LOCK);

    LockMarkerCell() {
        icon.setFitHeight(14);
        icon.setPreserveRatio(true);
        icon.setSmooth(true);
    }

    /** A copy of the lock icon, for a legend. */
    ImageView lockIcon() {
        ImageView copy = new ImageView(LOCK);
        copy.setFitHeight(14);
        copy.setPreserveRatio(true);
        return copy;
    }

    @Override
    protected void updateItem(String line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        int at = line.indexOf(AccessLogViewModel.LOCK);
        if (at < 0) {
            setText(line);
            setGraphic(null);
            return;
        }
        // "[time] 🔒 GET ..." -> graphic first, then the line without the marker.
        setGraphic(icon);
        setText(line.substring(0, at) + line.substring(at + AccessLogViewModel.LOCK.length()).stripLeading());
    }
}
