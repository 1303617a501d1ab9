package dev.lpm.cli;

import picocli.CommandLine;

/** lpm's version, from the jar manifest (Implementation-Version); "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"lpm " + current() + " (LocalPortManager Secure), Java " + Runtime.version()};
    }
}
