package dev.lpm.enforce.helper;

import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.FirewallException;
import dev.lpm.enforce.IptablesFirewall;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lpm helper}: the one part of lpm that runs as root. It changes the firewall for lpm instances, and
 * only in the fixed ways of {@link dev.lpm.enforce.RuleTemplates}, over a Unix socket; it runs no command,
 * rule, interface name or path a client sends. It loads nothing of the instance (no proxy, UI or Docker
 * client): the enforce packages, Jackson and the JDK. Rules stay when a client disconnects or dies and when
 * the helper stops; only release and release-all remove them.
 */
public final class HelperDaemon {

    private HelperDaemon() {}

    /** Runs in the foreground until SIGTERM; returns the exit code (1 when it cannot start). */
    public static int run(HelperConfig config, PrintWriter err) throws InterruptedException {
        HelperLog log = new HelperLog(err);
        long uid = currentUid();
        if (uid != 0) {
            log.info("must run as root, because it changes the firewall (you are uid " + uid + "). systemd runs it:"
                    + " sudo systemctl enable --now lpm-helper.service");
            return 1;
        }
        IptablesFirewall firewall;
        try {
            firewall = IptablesFirewall.onThisMachine();
        } catch (FirewallException e) {
            log.info("cannot start: " + e.getMessage());
            return 1;
        }
        log.info("starting (pid " + ProcessHandle.current().pid() + "; firewall families " + firewall.families()
                + "; state " + config.state() + "; policy " + config.policy() + ")");
        PolicyFile policy = new PolicyFile(config.policy(), log);
        policy.current();
        List<AppliedRuleSet> held = StartupRestore.restore(new StateFile(config.state()), firewall, log);
        RequestHandler handler = new RequestHandler(firewall, new StateFile(config.state()), held,
                new dev.lpm.enforce.hosts.HostsFile(config.hostsFile()), log);
        HelperServer server;
        try {
            server = HelperServer.start(config.socket(), handler, policy, GroupDatabase.system(), log);
        } catch (IOException e) {
            log.info("cannot listen on " + config.socket() + ": " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lpm-helper-stop").unstarted(() -> {
            server.close();
            log.info("stopped; the rules in the firewall stay as they are");
        }));
        log.info("listening on " + server.socket());
        server.awaitClosed();
        return 0;
    }

    /**
     * Removes every rule set lpm holds and records that none is held, without serving: what the packages
     * run on removal (stopping the helper alone keeps the rules: it fails closed). Returns the exit code.
     */
    public static int releaseAll(Path statePath, PrintWriter out, PrintWriter err) {
        HelperLog log = new HelperLog(err);
        long uid = currentUid();
        if (uid != 0) {
            log.info("must run as root to change the firewall (you are uid " + uid + "); as a user: lpm unlock");
            return 1;
        }
        try {
            List<String> removed = IptablesFirewall.onThisMachine().releaseAll();
            if (Files.exists(statePath)) {
                new StateFile(statePath).save(List.of());
            }
            removed.forEach(line -> out.println("removed: " + line));
            if (removed.isEmpty()) {
                out.println("lpm holds no firewall rules: nothing to remove");
            }
            out.flush();
            return 0;
        } catch (FirewallException | IOException e) {
            log.info("release-all failed: " + e.getMessage());
            return 1;
        }
    }

    static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
