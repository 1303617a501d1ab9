package dev.lpm.vpn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;

/**
 * Interfaces from {@link NetworkInterface}: a few ioctls on Linux/macOS, no process, no JNA. "Up" is
 * {@link NetworkInterface#isUp()}, i.e. IFF_UP and IFF_RUNNING: a tun has carrier only while a VPN client
 * holds it open. On Windows the display name is the adapter description the description patterns match.
 */
public final class JavaInterfaceProbe implements InterfaceProbe {

    @Override
    public List<InterfaceEvidence> interfaces() throws IOException {
        List<InterfaceEvidence> out = new ArrayList<>();
        var all = NetworkInterface.getNetworkInterfaces();
        while (all != null && all.hasMoreElements()) {
            NetworkInterface nif = all.nextElement();
            List<String> addresses = new ArrayList<>();
            for (var e = nif.getInetAddresses(); e.hasMoreElements(); ) {
                InetAddress a = e.nextElement();
                addresses.add(Addresses.clean(a.getHostAddress()));
            }
            String display = nif.getDisplayName();
            out.add(new InterfaceEvidence(nif.getName(), display == null || display.equals(nif.getName()) ? "" : display,
                    nif.isUp(), nif.isPointToPoint(), addresses));
        }
        return out;
    }
}
