package dev.lpm.ui;

import dev.lpm.core.ServiceName;

/**
 * The actions the tray, the window and the notifications share, so a click does the same thing
 * wherever it is made. Implemented once by {@link DesktopApp}; all methods may be called from any
 * thread.
 */
public interface UiActions {

    /** Opens {@code http://NAME.localhost:PORT} in the default browser. */
    void openService(ServiceName name);

    /** Shows the main window and brings it to the front. */
    void showWindow();

    /** Shows the register dialog (over the window when it is showing). */
    void showRegisterDialog();

    void showSettings();

    /** Turns the kill switch on or off and saves the setting. */
    void setKillSwitch(boolean on);

    /** Starts or stops a service off the FX thread; failures are shown to the user. */
    void startService(ServiceName name);

    void stopService(ServiceName name);

    /** Stops services and the proxy cleanly and exits. */
    void quit();
}
