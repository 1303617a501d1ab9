package dev.lpm.enforce.helper;

import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.FirewallException;
import dev.lpm.enforce.HelperReply;
import dev.lpm.enforce.HelperReply.ErrorKind;
import dev.lpm.enforce.HelperRequest;
import dev.lpm.enforce.IptablesFirewall;
import dev.lpm.enforce.RuleSet;
import dev.lpm.enforce.hosts.HostsFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out an allowed caller's request, one at a time, and keeps the state file in step: an apply is
 * recorded before the rules go in and a release after they are out, so a helper that dies half-way puts the
 * rules back when it starts again (fail closed). Replies report what the kernel holds afterwards.
 */
final class RequestHandler {

    /** iptables' stderr goes into replies; a page of it is enough to see why. */
    private static final int MAX_MESSAGE = 4000;

    private final IptablesFirewall firewall;
    private final StateFile state;
    private final HelperLog log;
    private final List<AppliedRuleSet> held;
    private final HostsFile hosts;

    RequestHandler(IptablesFirewall firewall, StateFile state, List<AppliedRuleSet> held, HostsFile hosts, HelperLog log) {
        this.firewall = firewall;
        this.hosts = hosts;
        this.state = state;
        this.log = log;
        this.held = new ArrayList<>(held);
    }

    synchronized HelperReply handle(HelperRequest request, Caller caller) {
        try {
            return switch (request) {
                case HelperRequest.Status s -> HelperReply.success(firewall.applied(), List.of());
                case HelperRequest.Apply a -> apply(a.target(), caller);
                case HelperRequest.Release r -> release(r.ruleSet(), caller);
                case HelperRequest.ReleaseAll r -> releaseAll(caller);
                case HelperRequest.Hosts h -> hosts(h.names(), caller);
            };
        } catch (FirewallException e) {
            log.alarm(caller + ": " + request.toJson() + " failed: " + e.getMessage());
            return HelperReply.error(ErrorKind.FAILED, cut(e.getMessage()));
        } catch (IOException e) {
            log.alarm(caller + ": " + request.toJson() + " done, but the state file " + state.path()
                    + " could not be written: " + e.getMessage());
            return HelperReply.error(ErrorKind.FAILED, "done, but the helper could not record it in " + state.path()
                    + " (" + e.getMessage() + "), so a restart would not restore it");
        }
    }

    private HelperReply apply(AppliedRuleSet target, Caller caller) throws IOException {
        held.removeIf(s -> s.ruleSet() == target.ruleSet());
        held.add(target);
        IOException unsaved = trySave();
        firewall.apply(target.ruleSet(), target.ports());
        log.info(caller + " applied " + target);
        if (unsaved != null) {
            throw unsaved;
        }
        return HelperReply.success(firewall.applied(), List.of());
    }

    private HelperReply release(RuleSet set, Caller caller) throws IOException {
        List<String> removed = firewall.remove(set);
        held.removeIf(s -> s.ruleSet() == set);
        state.save(held);
        log.info(caller + " released " + set + (removed.isEmpty() ? " (it was not applied)" : ": " + removed));
        return HelperReply.success(firewall.applied(), removed);
    }

    private HelperReply releaseAll(Caller caller) throws IOException {
        List<String> removed = firewall.releaseAll();
        held.clear();
        state.save(held);
        log.info(caller + " released everything" + (removed.isEmpty() ? " (nothing was applied)" : ": " + removed));
        return HelperReply.success(firewall.applied(), removed);
    }

    /** Only lpm's block changes; HostsFile keeps every other byte, the file's mode and owner, and replaces it atomically. */
    private HelperReply hosts(List<String> names, Caller caller) {
        try {
            boolean changed = hosts.sync(names);
            log.info(caller + (changed ? " set " : " kept ") + "the lpm block in " + hosts.path() + " (" + names.size()
                    + " names)");
            return HelperReply.success(List.of(), List.of()); // the firewall was not asked: nothing to report of it
        } catch (IOException | IllegalArgumentException e) {
            log.alarm(caller + ": writing the lpm block in " + hosts.path() + " failed: " + e.getMessage());
            return HelperReply.error(ErrorKind.FAILED, cut("writing " + hosts.path() + " failed: " + e.getMessage()));
        }
    }

    /** Saves; a failure is returned, because the rules must go in whether or not the file can be written. */
    private IOException trySave() {
        try {
            state.save(held);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
