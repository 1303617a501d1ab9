package dev.lpm.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A normal user in the {@code docker} group, as lpm's users are: made for one test ({@code lpmtest-*},
 * no home directory, no login shell), and removed again with every process it still runs. Needs root.
 */
public final class TestUser implements AutoCloseable {

    private final String name;
    private final int uid;

    private TestUser(String name, int uid) {
        this.name = name;
        this.uid = uid;
    }

    public static TestUser create(String name) throws IOException {
        if (!name.startsWith("lpmtest-")) {
            throw new IllegalArgumentException("test users are named lpmtest-*: " + name);
        }
        Requirements.requireRoot();
        Requirements.requireCommand("useradd", "passwd");
        Requirements.requireCommand("setpriv", "util-linux");
        run("userdel", "-f", name); // a leftover of a killed run
        run("groupadd", "-f", "docker");
        String failure = run("useradd", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                "--groups", "docker", name);
        if (failure != null) {
            throw new IOException("useradd " + name + " failed: " + failure);
        }
        int uid = Integer.parseInt(output("id", "-u", name).strip());
        return new TestUser(name, uid);
    }

    public String name() {
        return name;
    }

    public int uid() {
        return uid;
    }

    /**
     * Runs a command as this user with its groups (docker among them), with {@code home} as HOME: put it
     * before the command. The rest of the environment (LPM_HOME and the like) passes through.
     */
    public List<String> prefix(Path home) {
        return List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--init-groups", "--",
                "env", "HOME=" + home, "USER=" + name, "LOGNAME=" + name);
    }

    /** Makes {@code path} (a directory or file this test created) belong to this user. */
    public void own(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName(name));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName(name));
    }

    /** The pids of this user's processes right now. */
    public List<Long> processes() {
        String out = output("pgrep", "-u", Integer.toString(uid));
        return out.lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }

    @Override
    public void close() {
        run("pkill", "-KILL", "-u", Integer.toString(uid));
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> processes().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // userdel -f below removes the user anyway
        }
        run("userdel", "-f", name);
    }

    /** Runs a command; returns null on success, else its output. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
