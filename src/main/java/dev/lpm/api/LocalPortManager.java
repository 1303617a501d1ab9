package dev.lpm.api;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.VpnStatus;
import dev.lpm.policy.Decision;
import dev.lpm.policy.SecurityBlockedException;
import dev.lpm.policy.SecurityPolicy;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * lpm's security decision for other Java tools that start local services (a pentest toolkit, a test
 * harness): the same {@link SecurityPolicy} the daemon uses, in front of whatever actually registers and
 * starts the service. It does not need the daemon: the caller supplies the VPN status (for example
 * {@code dev.lpm.vpn.VpnDetector}'s current verdict, or the {@code vpn} field of {@code lpm security --json})
 * and a {@link Registrar} that performs the registration (for example through the control socket).
 *
 * <pre>{@code
 * LocalPortManager lpm = new LocalPortManager(detector::current, () -> true, registrar);
 * try {
 *     String url = lpm.registerService("app", "docker run -p {port}:80 nginx");
 *     // url is http://app.localhost:1355; the container was started with -p 127.0.0.1:PORT:80
 * } catch (SecurityBlockedException e) {
 *     // VPN active + Docker with published ports (e.kind() == BLOCKED), or a command lpm never runs
 *     // (REFUSED, e.g. --network host): e.getMessage() says why; fall back to a native service
 *     log.warn("Service blocked: {}", e.getMessage());
 * }
 * }</pre>
 */
public final class LocalPortManager {

    /** Registers and starts a service with the command the policy chose, and returns its URL. */
    @FunctionalInterface
    public interface Registrar {
        /**
         * @param name    the service's name (already validated as a DNS label)
         * @param command the command template to run, {@code {port}} still in it (already rewritten for loopback)
         * @param flags   the service's flags
         * @return the service's URL, e.g. {@code http://app.localhost:1355}
         */
        String register(ServiceName name, String command, ServiceFlags flags);
    }

    private final SecurityPolicy policy = new SecurityPolicy();
    private final Supplier<VpnStatus> vpn;
    private final BooleanSupplier killSwitchEnabled;
    private final Registrar registrar;

    public LocalPortManager(Supplier<VpnStatus> vpn, BooleanSupplier killSwitchEnabled, Registrar registrar) {
        this.vpn = Objects.requireNonNull(vpn, "vpn");
        this.killSwitchEnabled = Objects.requireNonNull(killSwitchEnabled, "killSwitchEnabled");
        this.registrar = Objects.requireNonNull(registrar, "registrar");
    }

    /** {@link #registerService(String, String, ServiceFlags)} with no flags (kill switch applies). */
    public String registerService(String name, String command) {
        return registerService(name, command, ServiceFlags.NONE);
    }

    /**
     * Decides with the current VPN status, then registers the (possibly rewritten) command.
     *
     * @throws SecurityBlockedException when the kill switch blocks the service or lpm refuses its command;
     *                                  nothing was registered then
     * @throws dev.lpm.core.InvalidServiceNameException when {@code name} is not a DNS label
     */
    public String registerService(String name, String command, ServiceFlags flags) {
        ServiceName serviceName = ServiceName.of(name);
        Decision decision = policy.decide(serviceName, Objects.requireNonNull(command, "command"), flags,
                vpn.get(), killSwitchEnabled.getAsBoolean());
        SecurityBlockedException blocked = SecurityBlockedException.of(name, decision);
        if (blocked != null) {
            throw blocked;
        }
        return registrar.register(serviceName, decision.commandToRun(), flags);
    }
}
