package dev.lpm.ui.window;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** Requests through the proxy as they happen; the lock marks requests made while a VPN was up. */
public final class AccessLogView extends BorderPane {

    public AccessLogView(AccessLogViewModel vm) {
        getStyleClass().add("page");
        Label title = new Label("Access log");
        title.getStyleClass().add("page-title");
        Label hint = new Label("= a VPN was active for the request");
        hint.setGraphic(new LockMarkerCell().lockIcon());
        hint.getStyleClass().add("muted");
        HBox header = new HBox(12, title, hint);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(0, 0, 10, 0));
        setTop(header);
        LogLinesPane lines = new LogLinesPane(vm.lines(), vm.followProperty(), "Filter requests (service, path, status\u2026)");
        lines.list().setCellFactory(list -> new LockMarkerCell());
        setCenter(lines);
    }
}
