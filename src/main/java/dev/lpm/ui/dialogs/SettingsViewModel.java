package dev.lpm.ui.dialogs;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnPatterns;
import dev.lpm.platform.LoginStart;
import dev.lpm.ui.DesktopBackend;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The settings dialog's state: the editable settings as text and switches, what is wrong with them, and
 * which changes apply at once or after a restart. {@link #save()} applies only what the user changed, in
 * one {@code updateSettings} call, so a kill-switch toggle made from the tray meanwhile is not undone.
 */
public final class SettingsViewModel {

    public static final String LOGIN_START_UNAVAILABLE = "Not available on this platform.";
    private static final int LOWEST_RANGE_PORT = 1024;

    private final DesktopBackend backend;
    private final LoginStart loginStart;
    private final BackgroundCall calls;
    private Settings original;
    private boolean loginOriginallyOn;

    private final BooleanProperty killSwitch = new SimpleBooleanProperty();
    private final BooleanProperty resumeContainers = new SimpleBooleanProperty();
    private final BooleanProperty isolatedDefault = new SimpleBooleanProperty();
    /** One per kind of notification (Settings.NOTIFICATION_KINDS): checked = shown, unchecked = muted. */
    private final java.util.Map<String, BooleanProperty> notify = new java.util.LinkedHashMap<>();
    private final BooleanProperty startAtLogin = new SimpleBooleanProperty();
    private final javafx.beans.property.ObjectProperty<dev.lpm.core.UrlScheme> urlScheme =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final StringProperty proxyPort = new SimpleStringProperty();
    private final StringProperty rangeFirst = new SimpleStringProperty();
    private final StringProperty rangeLast = new SimpleStringProperty();
    private final StringProperty interfacePatterns = new SimpleStringProperty();
    private final StringProperty adapterDescriptions = new SimpleStringProperty();
    private final StringProperty processNames = new SimpleStringProperty();

    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper pendingChanges = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper savedSummary = new ReadOnlyStringWrapper("");

    /** @param loginStart null where lpm cannot start at login: the switch is then disabled */
    public SettingsViewModel(DesktopBackend backend, LoginStart loginStart, BackgroundCall calls) {
        this.backend = backend;
        this.loginStart = loginStart;
        this.calls = calls;
        this.original = backend.settings();
        this.loginOriginallyOn = loginStart != null && loginStart.enabled();
        killSwitch.set(original.killSwitch());
        resumeContainers.set(original.resumeContainers());
        isolatedDefault.set(original.isolatedDefault());
        for (String kind : Settings.NOTIFICATION_KINDS) {
            notify.put(kind, new SimpleBooleanProperty(original.notifies(kind)));
        }
        startAtLogin.set(loginOriginallyOn);
        urlScheme.set(original.urlScheme());
        proxyPort.set(Integer.toString(original.proxyPort()));
        rangeFirst.set(Integer.toString(original.portRange().first()));
        rangeLast.set(Integer.toString(original.portRange().last()));
        interfacePatterns.set(String.join("\n", original.vpn().interfaceNames()));
        adapterDescriptions.set(String.join("\n", original.vpn().descriptions()));
        processNames.set(String.join("\n", original.vpn().processes()));
        List<ObservableValue<?>> inputs = new ArrayList<>(List.of(killSwitch, resumeContainers, isolatedDefault,
                startAtLogin, proxyPort, rangeFirst, rangeLast, interfacePatterns, adapterDescriptions, processNames,
                urlScheme));
        inputs.addAll(notify.values());
        for (ObservableValue<?> input : inputs) {
            input.addListener((o, before, after) -> {
                saveError.set("");
                revalidate();
            });
        }
        canSave.bind(valid.and(busy.not()));
        revalidate();
    }

    private void revalidate() {
        List<String> found = new ArrayList<>();
        Integer proxy = port(proxyPort.get(), 1, "Proxy port", found);
        Integer first = port(rangeFirst.get(), LOWEST_RANGE_PORT, "Port range start", found);
        Integer last = port(rangeLast.get(), LOWEST_RANGE_PORT, "Port range end", found);
        if (first != null && last != null && first > last) {
            found.add("Port range: the first port (" + first + ") is above the last (" + last + ").");
        } else if (first != null && last != null && proxy != null && proxy >= first && proxy <= last) {
            found.add("Proxy port " + proxy + " lies inside the port range " + first + "-" + last
                    + ": lpm could hand its own port to a service.");
        }
        List<String> patterns = lines(interfacePatterns.get());
        for (int i = 0; i < patterns.size(); i++) {
            try {
                Pattern.compile(patterns.get(i));
            } catch (PatternSyntaxException e) {
                found.add("VPN interface pattern '" + patterns.get(i) + "' (line " + (i + 1)
                        + ") is not a valid regex: " + e.getDescription() + ".");
            }
        }
        problems.set(String.join("\n", found));
        valid.set(found.isEmpty());
        pendingChanges.set(found.isEmpty() ? describe(changes()) : "");
    }

    /** A port typed into {@code field}, or null (with a problem added) when it is not one from {@code lowest}. */
    private static Integer port(String text, int lowest, String field, List<String> problems) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= lowest && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, the same way as a number out of range
        }
        problems.add(field + ": enter a number from " + lowest + " to 65535" + (lowest > 1 ? " (lower ports need root)."
                : "."));
        return null;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** What differs from the settings the dialog opened with; only call while valid. */
    public Set<SettingChange> changes() {
        Set<SettingChange> changed = EnumSet.noneOf(SettingChange.class);
        if (killSwitch.get() != original.killSwitch()) {
            changed.add(SettingChange.KILL_SWITCH);
        }
        if (resumeContainers.get() != original.resumeContainers()) {
            changed.add(SettingChange.RESUME_CONTAINERS);
        }
        if (isolatedDefault.get() != original.isolatedDefault()) {
            changed.add(SettingChange.ISOLATED_DEFAULT);
        }
        if (startAtLogin.get() != loginOriginallyOn) {
            changed.add(SettingChange.START_AT_LOGIN);
        }
        if (!muted().equals(original.mutedNotifications())) {
            changed.add(SettingChange.NOTIFICATIONS);
        }
        if (urlScheme.get() != original.urlScheme()) {
            changed.add(SettingChange.URL_SCHEME);
        }
        if (Integer.parseInt(proxyPort.get().strip()) != original.proxyPort()) {
            changed.add(SettingChange.PROXY_PORT);
        }
        if (!portRange().equals(original.portRange())) {
            changed.add(SettingChange.PORT_RANGE);
        }
        if (!vpnPatterns(original.vpn()).equals(original.vpn())) {
            changed.add(SettingChange.VPN_PATTERNS);
        }
        return changed;
    }

    /** The kinds whose box is unchecked. */
    private Set<String> muted() {
        Set<String> muted = new java.util.HashSet<>();
        notify.forEach((kind, shown) -> {
            if (!shown.get()) {
                muted.add(kind);
            }
        });
        return Set.copyOf(muted);
    }

    private PortRange portRange() {
        return new PortRange(Integer.parseInt(rangeFirst.get().strip()), Integer.parseInt(rangeLast.get().strip()));
    }

    /** {@code base} with the three lists the dialog edits; the detector's other lists stay as they are. */
    private VpnPatterns vpnPatterns(VpnPatterns base) {
        return new VpnPatterns(lines(interfacePatterns.get()), base.nameSubstrings(), lines(adapterDescriptions.get()),
                base.ambiguousInterfaces(), base.vpnAddressRanges(), base.decoyInterfaces(), base.ignoredInterfaces(),
                lines(processNames.get()));
    }

    static String describe(Set<SettingChange> changes) {
        if (changes.isEmpty()) {
            return "No changes.";
        }
        String now = joinLabels(changes, true);
        String later = joinLabels(changes, false);
        List<String> parts = new ArrayList<>();
        if (!now.isEmpty()) {
            parts.add("Applies at once: " + now + ".");
        }
        if (!later.isEmpty()) {
            parts.add("Applies when lpm starts next: " + later + ".");
        }
        return String.join(" ", parts);
    }

    private static String joinLabels(Set<SettingChange> changes, boolean atOnce) {
        return changes.stream().filter(c -> c.appliesAtOnce() == atOnce).map(SettingChange::label)
                .collect(Collectors.joining(", "));
    }

    /** The change {@link #save()} hands to {@code updateSettings}: only the fields the user changed. */
    UnaryOperator<Settings> settingsChange(Set<SettingChange> changes) {
        boolean kill = killSwitch.get();
        boolean resume = resumeContainers.get();
        boolean isolated = isolatedDefault.get();
        int proxy = Integer.parseInt(proxyPort.get().strip());
        PortRange range = portRange();
        Set<String> muted = muted();
        dev.lpm.core.UrlScheme scheme = urlScheme.get();
        return current -> {
            Settings s = current;
            for (SettingChange change : changes) {
                s = switch (change) {
                    case KILL_SWITCH -> s.edit(b -> b.killSwitch = kill);
                    case RESUME_CONTAINERS -> s.edit(b -> b.resumeContainers = resume);
                    case ISOLATED_DEFAULT -> s.edit(b -> b.isolatedDefault = isolated);
                    case NOTIFICATIONS -> s.edit(b -> b.mutedNotifications = muted);
                    case URL_SCHEME -> s.edit(b -> b.urlScheme = scheme);
                    case PROXY_PORT -> s.edit(b -> b.proxyPort = proxy);
                    case PORT_RANGE -> s.edit(b -> b.portRange = range);
                    case VPN_PATTERNS -> s.edit(b -> b.vpn = vpnPatterns(b.vpn));
                    case START_AT_LOGIN -> s; // not a setting: the autostart entry is the truth
                };
            }
            return s;
        };
    }

    /**
     * Saves off the UI thread: one {@code updateSettings} call for the settings, then the login entry. On
     * success {@link #savedSummaryProperty()} says what applies when; on failure {@link #saveErrorProperty()}
     * says why and every field keeps what the user typed.
     */
    public void save() {
        if (!canSave.get()) {
            return;
        }
        Set<SettingChange> changes = changes();
        boolean settingsChanged = changes.stream().anyMatch(c -> c != SettingChange.START_AT_LOGIN);
        boolean loginChanged = changes.contains(SettingChange.START_AT_LOGIN);
        UnaryOperator<Settings> change = settingsChange(changes);
        boolean login = startAtLogin.get();
        saveError.set("");
        busy.set(true);
        calls.run("lpm-save-settings", () -> {
            Settings saved = settingsChanged ? backend.updateSettings(change) : original;
            try {
                if (loginChanged) {
                    loginStart.setEnabled(login);
                }
            } catch (java.io.IOException | RuntimeException e) {
                throw new LoginStartFailed(saved, e);
            }
            return saved;
        }, saved -> {
            busy.set(false);
            original = saved;
            loginOriginallyOn = login;
            savedSummary.set(describe(changes));
            revalidate();
        }, failure -> {
            busy.set(false);
            if (failure instanceof LoginStartFailed partial) {
                original = partial.saved; // the settings are saved; only the login entry is still pending
                saveError.set("Settings saved, but start at login could not be changed: " + partial.getCause().getMessage());
                revalidate();
            } else {
                saveError.set("Not saved: " + (failure.getMessage() != null ? failure.getMessage()
                        : failure.getClass().getSimpleName()));
            }
        });
    }

    /** The settings were saved, the login entry was not. */
    private static final class LoginStartFailed extends Exception {
        final transient Settings saved;

        LoginStartFailed(Settings saved, Exception cause) {
            super(cause);
            this.saved = saved;
        }
    }

    public boolean loginStartAvailable() {
        return loginStart != null;
    }

    /** Where the login entry lives, or why there is none. */
    public String loginStartNote() {
        return loginStart == null ? LOGIN_START_UNAVAILABLE : loginStart.location();
    }

    public BooleanProperty killSwitchProperty() { return killSwitch; }
    public BooleanProperty resumeContainersProperty() { return resumeContainers; }
    public BooleanProperty isolatedDefaultProperty() { return isolatedDefault; }

    /** The scheme of the addresses lpm prints and opens (urlScheme): auto, http or https. */
    public javafx.beans.property.ObjectProperty<dev.lpm.core.UrlScheme> urlSchemeProperty() { return urlScheme; }
    /** Whether desktop notifications of {@code kind} (blocks, vpn, crashes) are shown. */
    public BooleanProperty notifyProperty(String kind) { return java.util.Objects.requireNonNull(notify.get(kind), kind); }
    public BooleanProperty startAtLoginProperty() { return startAtLogin; }
    public StringProperty proxyPortProperty() { return proxyPort; }
    public StringProperty rangeFirstProperty() { return rangeFirst; }
    public StringProperty rangeLastProperty() { return rangeLast; }
    /** Interface name regexes, one per line. */
    public StringProperty interfacePatternsProperty() { return interfacePatterns; }
    /** Adapter description substrings (Windows), one per line. */
    public StringProperty adapterDescriptionsProperty() { return adapterDescriptions; }
    /** VPN client process names, one per line. */
    public StringProperty processNamesProperty() { return processNames; }

    /** Every problem, one per line; empty when the input can be saved. */
    public ReadOnlyStringProperty problemsProperty() { return problems.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    /** "Applies at once: kill switch. Applies when lpm starts next: proxy port." for the changes so far. */
    public ReadOnlyStringProperty pendingChangesProperty() { return pendingChanges.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canSaveProperty() { return canSave.getReadOnlyProperty(); }
    public ReadOnlyStringProperty saveErrorProperty() { return saveError.getReadOnlyProperty(); }
    /** Set after a successful save: what applies when. */
    public ReadOnlyStringProperty savedSummaryProperty() { return savedSummary.getReadOnlyProperty(); }
}
