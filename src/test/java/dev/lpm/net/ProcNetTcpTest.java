package dev.lpm.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.net.ProcNetTcp.ListeningSocket;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ProcNetTcpTest {

    // Real lines (columns as the kernel prints them) from an x86-64 machine: little-endian words.
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:054B 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 48213 1 0000000000000000 100 0 0 10 0
               1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 639 1 0000000000000000 100 0 0 10 0
               2: 0100007F:054B 0100007F:A1C2 01 00000000:00000000 00:00000000 00000000  1000        0 48999 1 0000000000000000 20 4 30 10 -1
               3: 0200000A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 100 0 0 10 0
               4: garbage
            """;
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000001000000:054B 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
               1: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0
               2: 000080FE00000000FF00FC02010000FE:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1 0000000000000000 100 0 0 10 0
               3: 0000000000000000FFFF00000100007F:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 779 1 0000000000000000 100 0 0 10 0
            """;

    @Test
    void parsesIpv4ListeningSocketsAndSkipsOtherStatesAndGarbage() {
        assertThat(ProcNetTcp.listening(TCP, false, ByteOrder.LITTLE_ENDIAN)).containsExactly(
                new ListeningSocket("127.0.0.1:1355", 1355, 48213),
                new ListeningSocket("0.0.0.0:8080", 8080, 639),
                new ListeningSocket("10.0.0.2:22", 22, 0));
    }

    @Test
    void parsesIpv6ListeningSocketsAndShowsIpv4MappedOnesAsIpv4() {
        assertThat(ProcNetTcp.listening(TCP6, true, ByteOrder.LITTLE_ENDIAN)).containsExactly(
                new ListeningSocket("[::1]:1355", 1355, 51234),
                new ListeningSocket("[::]:80", 80, 777),
                new ListeningSocket("[fe80::2fc:ff:fe00:1]:8081", 8081, 778),
                new ListeningSocket("127.0.0.1:8082", 8082, 779));
    }

    @Test
    void theHostIsTheAddressWithoutPortOrBrackets() {
        assertThat(new ListeningSocket("127.0.0.1:1355", 1355, 1).host()).isEqualTo("127.0.0.1");
        assertThat(new ListeningSocket("[::1]:1355", 1355, 1).host()).isEqualTo("::1");
        assertThat(new ListeningSocket("[::]:80", 80, 1).host()).isEqualTo("::");
    }

    @Test
    void readsAddressesInTheByteOrderOfTheMachineThatWroteThem() {
        String bigEndian = "  0: 7F000001:054B 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 42 1\n";
        assertThat(ProcNetTcp.listening(bigEndian, false, ByteOrder.BIG_ENDIAN))
                .containsExactly(new ListeningSocket("127.0.0.1:1355", 1355, 42));
    }

    @Test
    void ipv6TextFollowsRfc5952() {
        assertThat(ProcNetTcp.ipv6Text(bytes(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ProcNetTcp.ipv6Text(bytes(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ProcNetTcp.ipv6Text(bytes(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1))).isEqualTo("::ffff:7f00:1");
        assertThat(ProcNetTcp.ipv6Text(bytes(1, 0, 0, 0, 0, 0, 0, 0))).isEqualTo("1::");
    }

    private static byte[] bytes(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }
}
