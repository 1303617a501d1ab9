package dev.lpm.app;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.Finding;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.registry.Registration;
import dev.lpm.ui.DesktopBackend;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/** The desktop UI's view of the running instance: the same parts the control socket serves. */
final class LpmDesktopBackend implements DesktopBackend {

    private final Lpm lpm;
    private final Runnable quit;

    /** @param quit closes the instance and ends the process (the app decides how) */
    LpmDesktopBackend(Lpm lpm, Runnable quit) {
        this.lpm = lpm;
        this.quit = quit;
    }

    @Override
    public EventBus events() {
        return lpm.events();
    }

    @Override
    public List<Service> services() {
        return lpm.services().list();
    }

    @Override
    public Service register(Registration registration, boolean start) {
        return lpm.services().register(registration, start).service();
    }

    @Override
    public Service start(ServiceName name) {
        return lpm.services().start(name);
    }

    @Override
    public Service stop(ServiceName name) {
        return lpm.services().stop(name);
    }

    @Override
    public Service restart(ServiceName name) {
        return lpm.services().restart(name);
    }

    @Override
    public Service unregister(ServiceName name) {
        return lpm.services().unregister(name);
    }

    @Override
    public List<String> tail(ServiceName name, int lines) {
        return lpm.services().tail(name, lines);
    }

    @Override
    public OptionalInt nextFreePort() {
        return lpm.parts().ports().peek();
    }

    @Override
    public String urlOf(ServiceName name) {
        return lpm.services().urlOf(name);
    }

    @Override
    public dev.lpm.trust.TrustReport trustStatus() {
        return lpm.parts().trust().check();
    }

    @Override
    public dev.lpm.trust.TrustReport trustForUser() {
        return lpm.parts().trust().trustForUser();
    }

    @Override
    public VpnStatus vpn() {
        return lpm.parts().vpn().vpn();
    }

    @Override
    public Instant vpnSince() {
        return lpm.parts().vpn().vpnSince();
    }

    @Override
    public List<BlockEvent> blockedContainers() {
        return lpm.parts().vpn().blockedContainers();
    }

    @Override
    public void resume(String containerId) {
        lpm.parts().docker().resume(containerId);
    }

    @Override
    public List<Finding> findings() {
        return lpm.parts().findings().all();
    }

    @Override
    public java.util.Map<String, String> findingImages() {
        return lpm.parts().findings().images();
    }

    @Override
    public boolean dockerReachable() {
        return lpm.parts().docker().engineReachable();
    }

    @Override
    public String dockerDetail() {
        return lpm.parts().docker().engineDetail();
    }

    @Override
    public List<String> problems() {
        // The proxy cannot be among them: a proxy that does not listen stops the instance from starting.
        return lpm.parts().problems().get();
    }

    @Override
    public Settings settings() {
        return lpm.settings();
    }

    @Override
    public Settings updateSettings(UnaryOperator<Settings> change) {
        return lpm.liveSettings().update(change);
    }

    @Override
    public void quit() {
        quit.run();
    }
}
