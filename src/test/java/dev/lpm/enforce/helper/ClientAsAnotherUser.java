package dev.lpm.enforce.helper;

import dev.lpm.enforce.FirewallUnavailableException;
import dev.lpm.enforce.HelperClient;
import java.nio.file.Path;

/** Run by tests as another user: asks the helper for its status with {@link HelperClient}; prints the outcome. */
public final class ClientAsAnotherUser {

    private ClientAsAnotherUser() {}

    public static void main(String[] args) {
        try {
            System.out.println("OK " + new HelperClient(Path.of(args[0])).applied());
        } catch (FirewallUnavailableException e) {
            System.out.println(e.kind());
            System.out.println(e.fix());
            System.out.println(e.getMessage());
        }
    }
}
