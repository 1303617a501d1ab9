package dev.lpm.enforce.helper;

import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.FirewallException;
import dev.lpm.enforce.IptablesFirewall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a starting helper does before it listens: puts back every rule set the state file lists (the rules
 * survive a helper restart in the kernel, but not a reboot), and adopts rule sets the kernel holds that the
 * file does not list, so nothing lpm put in place is forgotten.
 *
 * <p>A state file that cannot be read means the helper does not know whether the lockdown was on. It then
 * applies nothing from it (a guess could cut off a machine whose VPN is down) and says so loudly; the
 * file is kept aside as {@code .corrupt}, the kernel's rules stay as they are, and the instance puts in
 * place what it needs when it next connects.
 */
final class StartupRestore {

    private StartupRestore() {}

    /** Returns the rule sets the helper holds from now on. */
    static List<AppliedRuleSet> restore(StateFile state, IptablesFirewall firewall, HelperLog log) {
        List<AppliedRuleSet> held = new ArrayList<>();
        StateFile.Loaded loaded;
        try {
            loaded = state.load();
        } catch (IOException e) {
            log.alarm("cannot read the state file " + state.path() + " (" + e.getMessage() + "): LOCKDOWN STATE UNKNOWN;"
                    + " applied nothing from it");
            loaded = new StateFile.Loaded(List.of(), e.getMessage(), null);
        }
        if (loaded.corrupt()) {
            log.alarm("the state file " + state.path() + " is unreadable (" + loaded.problem() + ")"
                    + (loaded.movedTo() == null ? "" : "; moved aside to " + loaded.movedTo())
                    + ". LOCKDOWN STATE UNKNOWN: applied nothing from it; the rules already in the kernel stay");
        }
        for (AppliedRuleSet set : loaded.sets()) {
            try {
                firewall.apply(set.ruleSet(), set.ports());
                log.info("re-applied " + set + " from " + state.path());
            } catch (FirewallException e) {
                log.alarm("could not re-apply " + set + " from " + state.path() + ": " + e.getMessage());
            }
            held.add(set);
        }
        List<AppliedRuleSet> inKernel;
        try {
            inKernel = firewall.applied();
        } catch (FirewallException e) {
            log.alarm("cannot read the firewall: " + e.getMessage());
            inKernel = List.of();
        }
        boolean adopted = false;
        for (AppliedRuleSet set : inKernel) {
            if (held.stream().noneMatch(h -> h.ruleSet() == set.ruleSet())) {
                log.info("kept " + set + ", found in the firewall though " + state.path() + " did not list it");
                held.add(set);
                adopted = true;
            }
        }
        if (adopted || loaded.corrupt()) {
            try {
                state.save(held);
            } catch (IOException e) {
                log.alarm("cannot write the state file " + state.path() + ": " + e.getMessage());
            }
        }
        log.info(held.isEmpty() ? "holding no rule sets" : "holding " + held);
        return held;
    }
}
