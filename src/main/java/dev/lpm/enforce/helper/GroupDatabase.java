package dev.lpm.enforce.helper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Users and groups from {@code /etc/passwd} and {@code /etc/group}, read on every question (they are
 * small, and a {@code usermod -aG} must count at once). Users and groups only a network directory (LDAP,
 * sssd) knows are not seen: such a caller is refused unless the policy names the user.
 */
final class GroupDatabase {

    private final Path passwd;
    private final Path group;

    GroupDatabase(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    static GroupDatabase system() {
        return new GroupDatabase(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** The user's uid, or empty when the database does not know the name. */
    Optional<Integer> uidOf(String user) {
        return entry(passwd, user).flatMap(f -> number(f, 2));
    }

    /**
     * Whether {@code user} belongs to {@code groupName}: the process runs as that group, the group lists the
     * user as a member, or it is the user's primary group.
     */
    boolean isMember(String user, String processGroup, String groupName) {
        if (processGroup.equals(groupName)) {
            return true;
        }
        Optional<String[]> groupEntry = entry(group, groupName);
        if (groupEntry.isEmpty()) {
            return false;
        }
        String[] fields = groupEntry.get();
        if (fields.length > 3 && Arrays.asList(fields[3].split(",")).contains(user)) {
            return true;
        }
        Optional<Integer> gid = number(fields, 2);
        Optional<Integer> primary = entry(passwd, user).flatMap(f -> number(f, 3));
        return gid.isPresent() && gid.equals(primary);
    }

    private static Optional<String[]> entry(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.stream().map(l -> l.split(":", -1)).filter(f -> f.length >= 3 && f[0].equals(name)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> number(String[] fields, int index) {
        try {
            return fields.length > index ? Optional.of(Integer.parseInt(fields[index])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
