package dev.lpm.ui.dialogs;

import dev.lpm.platform.FirstRunCheck;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The first-run welcome: what lpm does, and the machine checks (does *.localhost resolve, is Docker
 * there) with the fix for each that failed. The checks run off the UI thread; they start a process.
 */
public final class WelcomeViewModel {

    private final ObservableList<FirstRunCheck> checks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper allPassed = new ReadOnlyBooleanWrapper(false);
    private final String proxyUrlExample;

    public WelcomeViewModel(Supplier<List<FirstRunCheck>> runChecks, BackgroundCall background, String proxyUrlExample) {
        this.proxyUrlExample = proxyUrlExample;
        background.run("lpm-first-run-checks", runChecks::get, results -> {
            checks.setAll(results);
            allPassed.set(results.stream().allMatch(FirstRunCheck::ok));
            checking.set(false);
        }, failure -> {
            checks.setAll(new FirstRunCheck("first-run checks", false, "could not run: " + failure.getMessage(), ""));
            checking.set(false);
        });
    }

    public ObservableList<FirstRunCheck> checks() {
        return checks;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty allPassedProperty() {
        return allPassed.getReadOnlyProperty();
    }

    /** The text that introduces lpm: what it does, the URL scheme, the kill switch. */
    public String introduction() {
        return "lpm gives every local service a stable address: register a name and a command with {port}, and it"
                + " answers at " + proxyUrlExample + ", through a proxy that listens on this machine only.\n\n"
                + "While a VPN is up, the kill switch stops Docker containers that publish ports beyond loopback,"
                + " so nobody on the network can reach them; the tray icon turns red and lists them.";
    }
}
