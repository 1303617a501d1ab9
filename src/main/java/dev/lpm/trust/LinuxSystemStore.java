package dev.lpm.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system store of a Linux distribution ({@link SystemStoreLayout}): lpm's CA as one file in the anchors
 * directory, then the distribution's refresh tool. Writing there needs root: as root lpm runs the commands,
 * otherwise it answers with exactly those commands behind sudo. Not through the root helper: the helper
 * applies fixed firewall templates and never takes content from a caller, and a CA any docker-group member
 * could make every program on the machine trust is not a fixed template.
 */
public final class LinuxSystemStore implements TrustPlace {

    private final SystemStoreLayout layout;
    private final TrustNames names;
    private final TrustCommands commands;
    private final boolean root;

    public LinuxSystemStore(SystemStoreLayout layout, TrustNames names, TrustCommands commands, boolean root) {
        this.layout = layout;
        this.names = names;
        this.commands = commands;
        this.root = root;
    }

    @Override
    public String name() {
        return "system store (" + layout.label() + ", " + layout.anchors() + ")";
    }

    Path anchorFile() {
        return layout.anchors().resolve(names.fileStem() + layout.suffix());
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        if (!commands.available(layout.tool())) {
            return PlaceStatus.unavailable(name(), layout.tool() + " is not installed",
                    "install the package " + layout.toolPackage());
        }
        Path anchor = anchorFile();
        boolean copied = ca.isIn(anchor);
        boolean inBundle = ca.isIn(layout.bundle());
        if (copied && inBundle) {
            return PlaceStatus.trusted(name(), anchor + " is in place and " + layout.bundle() + " holds the CA");
        }
        if (copied) {
            return PlaceStatus.missing(name(), anchor + " is in place but " + layout.bundle()
                    + " does not hold the CA yet (the store was not refreshed)", sudo(List.of(layout.refreshAfterAdd())));
        }
        String what = Files.exists(anchor) ? anchor + " holds another certificate (an older lpm CA)"
                : anchor + " is missing";
        return PlaceStatus.missing(name(), what + (inBundle ? "; " + layout.bundle() + " still holds the CA until the"
                + " next refresh" : ""), "lpm trust, or: " + sudo(installCommands(ca)));
    }

    @Override
    public PlaceStatus install(CaCertificate ca) {
        return change(installCommands(ca), ca, true);
    }

    @Override
    public PlaceStatus remove(CaCertificate ca) {
        return change(removeCommands(), ca, false);
    }

    List<List<String>> installCommands(CaCertificate ca) {
        return List.of(List.of("install", "-m", "0644", ca.pemFile().toString(), anchorFile().toString()),
                layout.refreshAfterAdd());
    }

    List<List<String>> removeCommands() {
        return List.of(List.of("rm", "-f", anchorFile().toString()), layout.refreshAfterRemove());
    }

    private PlaceStatus change(List<List<String>> steps, CaCertificate ca, boolean trust) {
        PlaceStatus before = status(ca);
        boolean done = trust ? before.state() == TrustState.TRUSTED
                : before.state() == TrustState.MISSING && !Files.exists(anchorFile());
        if (done || before.state() == TrustState.UNAVAILABLE) {
            return before;
        }
        if (!root) {
            return new PlaceStatus(name(), before.state(), "changing the system store needs root; lpm runs as "
                    + "a normal user and did not change it", sudo(steps));
        }
        for (List<String> step : steps) {
            commands.runOk(step);
        }
        return status(ca);
    }

    /** The commands as one line a user pastes, each behind sudo. */
    static String sudo(List<List<String>> steps) {
        List<String> lines = new ArrayList<>();
        for (List<String> step : steps) {
            lines.add("sudo " + TrustCommands.shell(step));
        }
        return String.join(" && ", lines);
    }
}
