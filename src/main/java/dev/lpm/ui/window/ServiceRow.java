package dev.lpm.ui.window;

import dev.lpm.audit.listeners.ListenerFinding;
import dev.lpm.core.Finding;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One line of the services table: a service's latest state as properties the table's cells bind to. */
public final class ServiceRow {

    private final ServiceName name;
    private final String url;
    private final ObjectProperty<Service> service = new SimpleObjectProperty<>(this, "service");
    private final IntegerProperty port = new SimpleIntegerProperty(this, "port");
    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(this, "state");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty flags = new SimpleStringProperty(this, "flags", "");
    private final StringProperty exposure = new SimpleStringProperty(this, "exposure", "");
    private final StringProperty exposureAdvice = new SimpleStringProperty(this, "exposureAdvice", "");
    private final StringProperty uptime = new SimpleStringProperty(this, "uptime", "");
    private final StringProperty group = new SimpleStringProperty(this, "group", "");

    ServiceRow(Service initial, String url, Instant now) {
        this.name = initial.name();
        this.url = url;
        update(initial, now);
    }

    void update(Service changed, Instant now) {
        if (!changed.name().equals(name)) {
            throw new IllegalArgumentException("row " + name + " cannot show service " + changed.name());
        }
        service.set(changed);
        port.set(changed.spec().port());
        group.set(groupOf(changed));
        state.set(changed.state());
        reason.set(changed.status().reason());
        flags.set(flagsOf(changed));
        Optional<Finding> listening = ListenerFinding.check(name.value(), changed.spec().command(),
                changed.spec().port(), changed.status().exposure(), false);
        exposure.set(listening.map(f -> "listens on "
                + String.join(", ", changed.status().exposure().beyondLoopbackAddresses())).orElse(""));
        exposureAdvice.set(listening.map(f -> name + " " + f.seen() + ".\n" + f.why() + "\nFix: " + f.fix())
                .orElse(""));
        tick(now);
    }

    /** Uptime counts from the last state change while the service runs, and is blank otherwise. */
    void tick(Instant now) {
        Service current = service.get();
        uptime.set(current.state() == ServiceState.RUNNING
                ? Uptime.format(Duration.between(current.status().since(), now)) : "");
    }

    /** The project ({@code lpm up}) the service belongs to; empty for a service registered on its own. */
    static String groupOf(Service service) {
        return service.spec().group() == null ? "" : service.spec().group();
    }

    public String group() {
        return group.get();
    }

    public StringProperty groupProperty() {
        return group;
    }

    private static String flagsOf(Service service) {
        List<String> words = new ArrayList<>();
        if (service.spec().flags().isolated()) {
            words.add("isolated");
        }
        if (service.spec().flags().killSwitchBypass()) {
            words.add("kill-switch bypass");
        }
        if (service.spec().flags().subdomains()) {
            words.add("subdomains");
        }
        if (service.spec().isAlias()) {
            words.add("alias");
        }
        return String.join(", ", words);
    }

    public ServiceName name() {
        return name;
    }

    public String url() {
        return url;
    }

    public Service service() {
        return service.get();
    }

    public ObjectProperty<Service> serviceProperty() {
        return service;
    }

    public IntegerProperty portProperty() {
        return port;
    }

    public ObjectProperty<ServiceState> stateProperty() {
        return state;
    }

    public ServiceState state() {
        return state.get();
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty flagsProperty() {
        return flags;
    }

    /** {@code listens on 0.0.0.0} while other machines can reach the service's port, else empty. */
    public StringProperty exposureProperty() {
        return exposure;
    }

    /** Why that matters and the fix for the service's server (the audit's finding), else empty. */
    public StringProperty exposureAdviceProperty() {
        return exposureAdvice;
    }

    public StringProperty uptimeProperty() {
        return uptime;
    }
}
