package dev.lpm.control;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The settings {@code lpm settings set KEY VALUE} may change: the ones the settings dialog edits (start at
 * login is {@code lpm autostart}), each parsed strictly so a typo is refused, never saved.
 */
public final class SettingKeys {

    private record Key(String help, Function<Settings, Object> read, BiFunction<Settings, String, Settings> write) {}

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("killSwitch", new Key("true|false: while a VPN is active, stop containers that publish ports",
                Settings::killSwitch, (s, v) -> s.edit(e -> e.killSwitch = bool("killSwitch", v))));
        KEYS.put("resumeContainers", new Key("true|false: start blocked containers again when the VPN goes down",
                Settings::resumeContainers, (s, v) -> s.edit(e -> e.resumeContainers = bool("resumeContainers", v))));
        KEYS.put("isolatedDefault", new Key("true|false: the register dialog starts with isolated on",
                Settings::isolatedDefault, (s, v) -> s.edit(e -> e.isolatedDefault = bool("isolatedDefault", v))));
        KEYS.put("mutedNotifications", new Key("none, or kinds separated by commas (" + String.join(", ",
                Settings.NOTIFICATION_KINDS) + "): desktop notifications not shown",
                s -> s.mutedNotifications().isEmpty() ? "none" : String.join(",", Settings.NOTIFICATION_KINDS.stream()
                        .filter(s.mutedNotifications()::contains).toList()),
                (s, v) -> s.edit(e -> e.mutedNotifications = kinds(v))));
        KEYS.put("hostsSync", new Key("true|false: keep NAME.localhost lines in the hosts file in step with the"
                + " registered services (through the root helper when lpm may not write the file); false removes them",
                Settings::hostsSync, (s, v) -> s.edit(e -> e.hostsSync = bool("hostsSync", v))));
        KEYS.put("urlScheme", new Key("auto|http|https: the scheme of the addresses lpm prints and opens; auto is https"
                + " once lpm's CA is trusted (lpm trust), else http", s -> s.urlScheme().word(),
                (s, v) -> s.edit(e -> e.urlScheme = dev.lpm.core.UrlScheme.of(v))));
        KEYS.put("proxyPort", new Key("1-65535: where the proxy listens (applies when lpm starts next)",
                Settings::proxyPort, (s, v) -> s.edit(e -> e.proxyPort = port("proxyPort", v))));
        KEYS.put("portRange", new Key("FIRST-LAST: where assigned ports come from (applies when lpm starts next)",
                s -> s.portRange().first() + "-" + s.portRange().last(),
                (s, v) -> s.edit(e -> e.portRange = range(v))));
    }

    private SettingKeys() {}

    public static List<String> names() {
        return List.copyOf(KEYS.keySet());
    }

    /** Each key with its current value, in the order {@link #names()} lists them. */
    public static Map<String, Object> values(Settings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        KEYS.forEach((name, key) -> values.put(name, key.read().apply(settings)));
        return values;
    }

    public static String help(String name) {
        return key(name).help();
    }

    /**
     * The change that sets {@code name} to {@code value}.
     *
     * @throws IllegalArgumentException for an unknown key or a value it does not take (checked now, not on save)
     */
    public static UnaryOperator<Settings> change(String name, String value) {
        Key key = key(name);
        key.write().apply(Settings.DEFAULTS, value); // refuse a bad value before anything is saved
        return current -> key.write().apply(current, value);
    }

    private static Key key(String name) {
        Key key = KEYS.get(name);
        if (key == null) {
            throw new IllegalArgumentException("unknown setting '" + name + "'; the settings are: "
                    + String.join(", ", KEYS.keySet()));
        }
        return key;
    }

    private static java.util.Set<String> kinds(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty() || v.equals("none")) {
            return java.util.Set.of();
        }
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        for (String kind : v.split("\\s*,\\s*")) {
            if (!Settings.NOTIFICATION_KINDS.contains(kind)) {
                throw new IllegalArgumentException("mutedNotifications takes none or " + String.join(", ",
                        Settings.NOTIFICATION_KINDS) + " (separated by commas), not '" + kind + "'");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(name + " is true or false, not '" + value + "'");
        };
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " is a port, 1-65535, not '" + value + "'");
    }

    private static PortRange range(String value) {
        String[] parts = value.strip().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("portRange is FIRST-LAST, e.g. 4000-4999, not '" + value + "'");
        }
        return new PortRange(port("portRange", parts[0]), port("portRange", parts[1]));
    }
}
