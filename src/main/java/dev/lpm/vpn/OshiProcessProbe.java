package dev.lpm.vpn;

import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Process names from OSHI, which reads them the same way on Linux, macOS and Windows. */
public final class OshiProcessProbe implements ProcessProbe {

    private OperatingSystem os; // created on first use: loading OSHI (JNA) takes a moment

    @Override
    public synchronized List<String> processNames() {
        if (os == null) {
            os = new SystemInfo().getOperatingSystem();
        }
        return os.getProcesses().stream().map(OSProcess::getName).distinct().toList();
    }
}
