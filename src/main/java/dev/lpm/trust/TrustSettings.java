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
