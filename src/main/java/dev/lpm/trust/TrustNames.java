package dev.lpm.trust;

/**
 * The names lpm's CA has in the places it is put into, per user, so two users' CAs on one machine never
 * replace each other: the NSS nickname and Java alias, and the file name in a system anchors directory.
 */
public record TrustNames(String nickname, String fileStem) {

    public static TrustNames forUser(String user) {
        String safe = user.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        if (safe.isEmpty()) {
            throw new IllegalArgumentException("no user name to name the CA by");
        }
        return new TrustNames("lpm local CA (" + safe + ")", "lpm-ca-" + safe);
    }
}
