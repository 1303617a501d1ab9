package dev.lpm.ui.dialogs;

import dev.lpm.trust.PlaceStatus;
import dev.lpm.trust.TrustReport;
import dev.lpm.trust.TrustState;
import dev.lpm.ui.DesktopBackend;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Trust lpm's certificate authority" in the welcome and settings dialogs: where the CA is trusted, place by place
 * (the instance's status check, through the backend), and the button that does what {@code lpm trust} does as
 * this user. Both calls run certutil, so they run off the UI thread.
 */
public final class TrustViewModel {

    private final DesktopBackend backend;
    private final BackgroundCall calls;
    private final ObservableList<PlaceStatus> places = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Checking where lpm's CA is trusted…");

    public TrustViewModel(DesktopBackend backend, BackgroundCall calls) {
        this.backend = backend;
        this.calls = calls;
        run("lpm-trust-status", backend::trustStatus);
    }

    /** Puts the CA into the user's own places; the system store's place then shows its sudo command. */
    public void trust() {
        run("lpm-trust", backend::trustForUser);
    }

    private void run(String thread, java.util.concurrent.Callable<TrustReport> call) {
        busy.set(true);
        calls.run(thread, call, report -> {
            places.setAll(report.places());
            summary.set(summaryOf(report));
            busy.set(false);
        }, failure -> {
            places.clear();
            summary.set("Could not check where lpm's CA is trusted: " + failure.getMessage());
            busy.set(false);
        });
    }

    static String summaryOf(TrustReport report) {
        if (report.trustedEverywhere()) {
            return "lpm's CA is trusted everywhere: addresses open as https://.";
        }
        boolean somewhere = report.places().stream().anyMatch(p -> p.state() == TrustState.TRUSTED);
        return somewhere ? "lpm's CA is trusted in some places (addresses open as https:// with the auto scheme);"
                + " the others say what is missing."
                : "lpm's CA is not trusted yet: addresses open as http://. Trust it to use https://.";
    }

    public ObservableList<PlaceStatus> places() {
        return places;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
