package dev.lpm.enforce.helper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may use the helper: root always, the users in {@code allowUsers}, and members of the groups in
 * {@code allowGroups}. Without a policy file that is root and group {@code docker}, whose members
 * are root-equivalent already (they can start a privileged container), so the helper gives nobody a
 * power they did not have.
 */
record CallerPolicy(Set<String> allowUsers, Set<String> allowGroups, String source) {

    CallerPolicy {
        allowUsers = Set.copyOf(allowUsers);
        allowGroups = Set.copyOf(allowGroups);
    }

    static CallerPolicy defaults(String source) {
        return new CallerPolicy(Set.of(), Set.of("docker"), source);
    }

    /** Root alone: what a policy file that cannot be trusted or read gives. */
    static CallerPolicy rootOnly(String source) {
        return new CallerPolicy(Set.of(), Set.of(), source);
    }

    sealed interface Decision {
        record Allowed(String why) implements Decision {}

        record Refused(String reason) implements Decision {}
    }

    Decision decide(Caller caller, GroupDatabase groups) {
        if (caller.user().equals("root") || groups.uidOf(caller.user()).orElse(-1) == 0) {
            return new Decision.Allowed("root");
        }
        if (allowUsers.contains(caller.user())) {
            return new Decision.Allowed("listed in allowUsers");
        }
        for (String group : new TreeSet<>(allowGroups)) {
            if (groups.isMember(caller.user(), caller.group(), group)) {
                return new Decision.Allowed("member of " + group);
            }
        }
        List<String> allowed = new ArrayList<>(List.of("root"));
        if (!allowUsers.isEmpty()) {
            allowed.add("users " + new TreeSet<>(allowUsers));
        }
        if (!allowGroups.isEmpty()) {
            allowed.add("members of " + new TreeSet<>(allowGroups));
        }
        return new Decision.Refused(caller + " may not change the firewall: only " + String.join(", ", allowed)
                + " may (policy: " + source + ")");
    }

    @Override
    public String toString() {
        return "root, users " + new TreeSet<>(allowUsers) + ", groups " + new TreeSet<>(allowGroups) + " (" + source + ")";
    }
}
