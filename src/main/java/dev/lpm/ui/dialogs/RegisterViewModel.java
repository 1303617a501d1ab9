package dev.lpm.ui.dialogs;

import dev.lpm.core.InvalidServiceNameException;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.registry.Registration;
import dev.lpm.ui.DesktopBackend;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The register dialog's state: what the user typed, what is wrong with it, and what lpm will run. Every
 * input change re-validates and re-runs the {@link SecurityPolicy}, so the preview is the decision the
 * backend will make. Use it on the UI thread only; {@link #submit()} does the blocking call through a
 * {@link BackgroundCall}.
 */
public final class RegisterViewModel {

    /** Shown before the kill-switch bypass is turned on; the user must confirm it. */
    public static final String BYPASS_RISK = "With the bypass, this service's containers keep running while a VPN "
            + "is up. Their ports stay bound to loopback, but before Docker 28 a neighbour on the local network "
            + "can still reach loopback-bound ports, and traffic that leaves the container can be exposed through "
            + "VPN tunnel manipulation (MITM risk). Turn it on only for containers you trust and need during VPN use.";

    // The policy's answer hardly depends on the name (only the block message names it), so an unfinished
    // name still gets a preview.
    private static final ServiceName PREVIEW_NAME = ServiceName.of("service");

    private final DesktopBackend backend;
    private final BackgroundCall calls;
    private final SecurityPolicy policy = new SecurityPolicy();

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty command = new SimpleStringProperty("");
    private final BooleanProperty choosePort = new SimpleBooleanProperty(false);
    private final StringProperty chosenPort = new SimpleStringProperty("");
    private final StringProperty workingDirectory = new SimpleStringProperty(System.getProperty("user.home"));
    private final BooleanProperty isolated = new SimpleBooleanProperty(false);
    private final BooleanProperty killSwitchBypass = new SimpleBooleanProperty(false);
    private final BooleanProperty subdomains = new SimpleBooleanProperty(false);
    private final BooleanProperty startNow = new SimpleBooleanProperty(true);

    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper commandError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper directoryError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper portSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SecurityPreview> preview = new ReadOnlyObjectWrapper<>(SecurityPreview.empty());
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSubmit = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper submitError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Service> registered = new ReadOnlyObjectWrapper<>();

    // What the backend said when the dialog opened or an event came; refreshed by refresh().
    private VpnStatus vpn;
    private Settings settings;
    private OptionalInt nextFreePort;

    public RegisterViewModel(DesktopBackend backend, BackgroundCall calls) {
        this.backend = backend;
        this.calls = calls;
        readBackend();
        isolated.set(settings.isolatedDefault());
        // Change listeners, not invalidation listeners: those stay quiet for inputs revalidate() did not read.
        List<ObservableValue<?>> inputs = List.of(name, command, choosePort, chosenPort, workingDirectory, isolated,
                killSwitchBypass, subdomains);
        for (ObservableValue<?> input : inputs) {
            input.addListener((o, before, after) -> {
                submitError.set(""); // the input it was about has changed
                revalidate();
            });
        }
        canSubmit.bind(valid.and(busy.not()));
        revalidate();
    }

    /** Re-reads the VPN verdict, the settings, the services and the next free port (after an event). */
    public void refresh() {
        readBackend();
        revalidate();
    }

    private void readBackend() {
        vpn = backend.vpn();
        settings = backend.settings();
        nextFreePort = backend.nextFreePort();
    }

    private void revalidate() {
        nameError.set(checkName());
        url.set(nameError.get().isEmpty() ? backend.urlOf(ServiceName.of(name.get().strip())) : "");
        commandError.set(command.get().isBlank() ? "Enter the command that starts the service." : "");
        directoryError.set(checkDirectory());
        Optional<Integer> port = port();
        portSummary.set(describePort(port));
        preview.set(decide(port));
        valid.set(nameError.get().isEmpty() && commandError.get().isEmpty() && portError.get().isEmpty()
                && directoryError.get().isEmpty() && preview.get().allowsRegistration());
    }

    private String checkName() {
        String typed = name.get().strip();
        if (typed.isEmpty()) {
            return "Enter a name: the service will be at http://NAME.localhost:" + settings.proxyPort();
        }
        ServiceName parsed;
        try {
            parsed = ServiceName.of(typed).requireRegistrable();
        } catch (InvalidServiceNameException | dev.lpm.core.ReservedServiceNameException e) {
            return e.getMessage();
        }
        return backend.services().stream().filter(s -> s.name().equals(parsed)).findFirst()
                .map(s -> "A service named '" + typed + "' is already registered (port " + s.spec().port() + ").")
                .orElse("");
    }

    private String checkDirectory() {
        String typed = workingDirectory.get().strip();
        try {
            return typed.isEmpty() || Files.isDirectory(Path.of(typed)) ? "" : "No such directory: " + typed;
        } catch (InvalidPathException e) {
            return "Not a valid path: " + typed;
        }
    }

    /** The port the service will get, and sets portError when it cannot be known. */
    private Optional<Integer> port() {
        if (!choosePort.get()) {
            portError.set(nextFreePort.isEmpty()
                    ? "Every port in " + settings.portRange() + " is taken: choose a port." : "");
            return nextFreePort.isPresent() ? Optional.of(nextFreePort.getAsInt()) : Optional.empty();
        }
        int chosen;
        try {
            chosen = Integer.parseInt(chosenPort.get().strip());
        } catch (NumberFormatException e) {
            portError.set("Enter a port number from 1 to 65535.");
            return Optional.empty();
        }
        if (chosen < 1 || chosen > 65_535) {
            portError.set("Port " + chosen + " is outside 1-65535.");
            return Optional.empty();
        }
        if (chosen == settings.proxyPort()) {
            portError.set("Port " + chosen + " is lpm's proxy port.");
            return Optional.empty();
        }
        Optional<Service> owner = backend.services().stream().filter(s -> s.spec().port() == chosen).findFirst();
        portError.set(owner.map(s -> "Port " + chosen + " belongs to '" + s.name() + "'.").orElse(""));
        return owner.isEmpty() ? Optional.of(chosen) : Optional.empty();
    }

    private String describePort(Optional<Integer> port) {
        if (port.isEmpty()) {
            return "";
        }
        String how = choosePort.get() ? "chosen" : "the next free port in " + settings.portRange();
        return "Port " + port.get() + " (" + how + ")";
    }

    private SecurityPreview decide(Optional<Integer> port) {
        if (command.get().isBlank()) {
            return SecurityPreview.empty();
        }
        ServiceName forDecision = nameError.get().isEmpty() ? ServiceName.of(name.get().strip()) : PREVIEW_NAME;
        String portText = port.map(String::valueOf).orElse(ServiceSpec.PORT_PLACEHOLDER);
        return SecurityPreview.of(policy.decide(forDecision, command.get().strip(), flags(), vpn, settings.killSwitch()))
                .mapText(text -> text.replace(ServiceSpec.PORT_PLACEHOLDER, portText));
    }

    private ServiceFlags flags() {
        return new ServiceFlags(killSwitchBypass.get(), isolated.get(), subdomains.get());
    }

    /** What OK sends; only call while {@link #validProperty()} is true. */
    public Registration toRegistration() {
        String directory = workingDirectory.get().strip();
        return new Registration(ServiceName.of(name.get().strip()), command.get().strip(),
                choosePort.get() ? Integer.valueOf(chosenPort.get().strip()) : null, flags(),
                directory.isEmpty() ? null : Path.of(directory), Map.of());
    }

    /**
     * Registers off the UI thread. On success {@link #registeredProperty()} is set; on failure
     * {@link #submitErrorProperty()} says why and every input stays as it was.
     */
    public void submit() {
        if (!canSubmit.get()) {
            return;
        }
        Registration registration = toRegistration();
        boolean start = startNow.get();
        submitError.set("");
        busy.set(true);
        calls.run("lpm-register-" + registration.name(), () -> backend.register(registration, start), service -> {
            busy.set(false);
            registered.set(service);
        }, failure -> {
            busy.set(false);
            submitError.set(RegistrationErrorMessage.of(failure));
        });
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty commandProperty() { return command; }
    public BooleanProperty choosePortProperty() { return choosePort; }
    public StringProperty chosenPortProperty() { return chosenPort; }
    public StringProperty workingDirectoryProperty() { return workingDirectory; }
    public BooleanProperty isolatedProperty() { return isolated; }
    public BooleanProperty killSwitchBypassProperty() { return killSwitchBypass; }
    public BooleanProperty subdomainsProperty() { return subdomains; }
    public BooleanProperty startNowProperty() { return startNow; }

    /** Empty when the name is fine, else what is wrong ({@link ServiceName#RULE}, or taken). */
    public ReadOnlyStringProperty nameErrorProperty() { return nameError.getReadOnlyProperty(); }
    /** Where the service will be served, once the name is valid; empty before. */
    public ReadOnlyStringProperty urlProperty() { return url.getReadOnlyProperty(); }
    public ReadOnlyStringProperty commandErrorProperty() { return commandError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty portErrorProperty() { return portError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty directoryErrorProperty() { return directoryError.getReadOnlyProperty(); }
    /** "Port 4000 (the next free port in 4000-4999)", empty when there is no port. */
    public ReadOnlyStringProperty portSummaryProperty() { return portSummary.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SecurityPreview> previewProperty() { return preview.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** Valid and not already registering: what enables OK. */
    public ReadOnlyBooleanProperty canSubmitProperty() { return canSubmit.getReadOnlyProperty(); }
    public ReadOnlyStringProperty submitErrorProperty() { return submitError.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Service> registeredProperty() { return registered.getReadOnlyProperty(); }
}
