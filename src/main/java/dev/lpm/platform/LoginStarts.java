package dev.lpm.platform;

import java.util.Locale;
import java.util.Map;

/** Picks the {@link LoginStart} for the OS lpm runs on, starting the current lpm launcher. */
public final class LoginStarts {

    private LoginStarts() {}

    public static LoginStart forThisPlatform() {
        return forPlatform(System.getProperty("os.name"), System.getenv(), System.getProperty("user.home"),
                LpmLaunchPath.current());
    }

    static LoginStart forPlatform(String osName, Map<String, String> env, String userHome, String command) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return new WindowsRunKey(command, CommandRunner.system());
        }
        if (os.contains("mac")) {
            return MacLaunchAgent.forUser(userHome, command);
        }
        return XdgAutostart.forUser(env, userHome, command);
    }
}
