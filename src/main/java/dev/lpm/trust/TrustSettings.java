package dev.lpm.trust;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which trust places a run means, from the command line and the environment (so packagers and tests choose
 * the same way): {@code --only}, {@code --nss-db} (else the databases under $HOME), {@code --java-truststore}
 * or LPM_JAVA_TRUSTSTORE (its password LPM_TRUSTSTORE_PASSWORD, default changeit), LPM_TRUST_SYSTEM
 * (debian, fedora, arch or none; default: the distribution's own).
 */
public record TrustSettings(Set<PlaceKind> kinds, List<Path> nssDatabases, Path javaTrustStore, char[] trustStorePassword,
        String systemLayout, Path home, String user, String osName, boolean root, String osRelease) {

    public static final String SYSTEM_ENV = "LPM_TRUST_SYSTEM";
    public static final String JAVA_TRUSTSTORE_ENV = "LPM_JAVA_TRUSTSTORE";
    public static final String TRUSTSTORE_PASSWORD_ENV = "LPM_TRUSTSTORE_PASSWORD";

    /** This process's settings: its environment, OS, user, whether it is root, the distribution it runs on. */
    public static TrustSettings forThisProcess(Set<PlaceKind> only, List<Path> nssDatabases, Path javaTrustStore) {
        return of(only, nssDatabases, javaTrustStore, System.getenv(), System.getProperty("os.name"),
                System.getProperty("user.name"), isRoot(), readOsRelease());
    }

    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no /proc: not Linux, where only the Linux system store asks for root
        }
    }

    private static String readOsRelease() {
        try {
            return java.nio.file.Files.readString(Path.of("/etc/os-release"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * @param only the kinds asked for, empty for the default: system and NSS, plus Java when a truststore is named
     */
    public static TrustSettings of(Set<PlaceKind> only, List<Path> nssDatabases, Path javaTrustStore,
            Map<String, String> env, String osName, String user, boolean root, String osRelease) {
        Path truststore = javaTrustStore != null ? javaTrustStore
                : env.get(JAVA_TRUSTSTORE_ENV) == null || env.get(JAVA_TRUSTSTORE_ENV).isBlank() ? null
                : Path.of(env.get(JAVA_TRUSTSTORE_ENV));
        Set<PlaceKind> kinds = EnumSet.noneOf(PlaceKind.class);
        if (only.isEmpty()) {
            kinds.add(PlaceKind.SYSTEM);
            kinds.add(PlaceKind.NSS);
            if (truststore != null) {
                kinds.add(PlaceKind.JAVA);
            }
        } else {
            kinds.addAll(only);
        }
        if (kinds.contains(PlaceKind.JAVA) && truststore == null) {
            throw new TrustException("--only java needs a truststore: --java-truststore FILE or " + JAVA_TRUSTSTORE_ENV);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        char[] password = env.getOrDefault(TRUSTSTORE_PASSWORD_ENV, "changeit").toCharArray();
        return new TrustSettings(Set.copyOf(kinds), List.copyOf(nssDatabases), truststore, password,
                env.get(SYSTEM_ENV), Path.of(home), user, osName, root, osRelease);
    }
}
