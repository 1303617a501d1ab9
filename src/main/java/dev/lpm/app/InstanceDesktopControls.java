package dev.lpm.app;

import dev.lpm.config.LiveSettings;
import dev.lpm.control.DesktopControls;
import dev.lpm.core.Settings;
import java.util.function.UnaryOperator;

/** The control socket's way to the window's resume and settings: the same parts LpmDesktopBackend calls. */
final class InstanceDesktopControls implements DesktopControls {

    private final DockerSecurity docker;
    private final LiveSettings settings;

    InstanceDesktopControls(DockerSecurity docker, LiveSettings settings) {
        this.docker = docker;
        this.settings = settings;
    }

    @Override
    public void resume(String containerId) {
        docker.resume(containerId);
    }

    @Override
    public Settings settings() {
        return settings.current();
    }

    @Override
    public Settings updateSettings(UnaryOperator<Settings> change) {
        return settings.update(change);
    }
}
