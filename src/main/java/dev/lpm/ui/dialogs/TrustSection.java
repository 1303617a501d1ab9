package dev.lpm.ui.dialogs;

import dev.lpm.trust.PlaceStatus;
import dev.lpm.trust.TrustState;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The view of a {@link TrustViewModel}: the summary, a line per place with its fix, and the trust button. */
final class TrustSection {

    static final String TRUST_BUTTON = "Trust lpm's certificate authority";

    private TrustSection() {}

    static Node of(TrustViewModel model) {
        Label summary = wrapping("");
        summary.setId("trustSummary");
        summary.textProperty().bind(model.summaryProperty());
        VBox places = new VBox(6);
        places.setId("trustPlaces");
        model.places().addListener((ListChangeListener<PlaceStatus>) change ->
                places.getChildren().setAll(model.places().stream().map(TrustSection::row).toList()));
        Button trust = new Button(TRUST_BUTTON);
        trust.setId("trustButton");
        trust.disableProperty().bind(model.busyProperty());
        trust.setOnAction(e -> model.trust());
        Label note = DialogStyles.hint("For you: the browsers' certificate databases (and a Java truststore when"
                + " configured). The system store needs root: copy its sudo command.");
        HBox action = new HBox(10, trust, note);
        action.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(note, Priority.ALWAYS);
        return new VBox(6, summary, places, action);
    }

    private static Node row(PlaceStatus place) {
        boolean good = place.state() == TrustState.TRUSTED || place.state() == TrustState.ABSENT;
        Label title = wrapping((good ? "✔ " : "✘ ") + place.place() + ": " + place.message());
        title.getStyleClass().add(good ? "lpm-check-ok" : "lpm-check-failed");
        VBox row = new VBox(4, title);
        if (!good && !place.fix().isBlank()) {
            Label fix = wrapping(place.fix());
            fix.getStyleClass().addAll("lpm-check-fix", "lpm-command");
            fix.setId("trustFix");
            Button copy = new Button("Copy");
            copy.setMinWidth(Region.USE_PREF_SIZE);
            copy.setOnAction(e -> {
                ClipboardContent text = new ClipboardContent();
                text.putString(place.fix());
                Clipboard.getSystemClipboard().setContent(text);
            });
            HBox.setHgrow(fix, Priority.ALWAYS);
            row.getChildren().add(new HBox(8, fix, copy));
        }
        return row;
    }

    private static Label wrapping(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }
}
