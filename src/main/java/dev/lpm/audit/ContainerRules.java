package dev.lpm.audit;

import dev.lpm.audit.rules.AddedCapabilitiesRule;
import dev.lpm.audit.rules.AppArmorUnconfinedRule;
import dev.lpm.audit.rules.EngineSocketMountRule;
import dev.lpm.audit.rules.ExposedDuringVpnRule;
import dev.lpm.audit.rules.HostDevicesRule;
import dev.lpm.audit.rules.HostIpcRule;
import dev.lpm.audit.rules.HostNetworkRule;
import dev.lpm.audit.rules.HostPidRule;
import dev.lpm.audit.rules.HostUtsRule;
import dev.lpm.audit.rules.LatestTagRule;
import dev.lpm.audit.rules.LogsStayLocalRule;
import dev.lpm.audit.rules.NetworkUnusedRule;
import dev.lpm.audit.rules.NoHealthcheckRule;
import dev.lpm.audit.rules.NoMemoryLimitRule;
import dev.lpm.audit.rules.NoNewPrivilegesRule;
import dev.lpm.audit.rules.NoPidsLimitRule;
import dev.lpm.audit.rules.NonMinimalBaseRule;
import dev.lpm.audit.rules.PortOnAllInterfacesRule;
import dev.lpm.audit.rules.PrivilegedRule;
import dev.lpm.audit.rules.RootUserRule;
import dev.lpm.audit.rules.SeccompUnconfinedRule;
import dev.lpm.audit.rules.SensitiveHostPathRule;
import dev.lpm.audit.rules.SeveralServicesRule;
import dev.lpm.audit.rules.SharedMountPropagationRule;
import dev.lpm.audit.rules.WritableRootFilesystemRule;
import java.util.List;

/** Every container rule, in the order they are listed (findings are sorted afterwards anyway). */
public final class ContainerRules {

    public static final List<ContainerRule> ALL = List.of(
            // critical
            new PrivilegedRule(), new EngineSocketMountRule(), new HostNetworkRule(), new ExposedDuringVpnRule(),
            // high
            new AddedCapabilitiesRule(), new SensitiveHostPathRule(), new HostPidRule(), new HostIpcRule(),
            new HostUtsRule(), new SeccompUnconfinedRule(), new AppArmorUnconfinedRule(), new HostDevicesRule(),
            new PortOnAllInterfacesRule(),
            // medium
            new RootUserRule(), new NoNewPrivilegesRule(), new WritableRootFilesystemRule(), new NoMemoryLimitRule(),
            new NoPidsLimitRule(), new SharedMountPropagationRule(),
            // low, info
            new NoHealthcheckRule(), new LatestTagRule(), new LogsStayLocalRule(), new NonMinimalBaseRule(), new SeveralServicesRule(),
            new NetworkUnusedRule());

    private ContainerRules() {}
}
