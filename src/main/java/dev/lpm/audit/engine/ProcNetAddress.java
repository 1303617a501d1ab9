package dev.lpm.audit.engine;

/** Decodes the hex addresses of /proc/net/tcp (little-endian 32-bit words) into text. */
final class ProcNetAddress {

    private ProcNetAddress() {}

    static String decode(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        StringBuilder out = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = hex.substring(word * 8, word * 8 + 8);
            // each 32-bit word is little-endian: reverse its bytes
            String be = w.substring(6, 8) + w.substring(4, 6) + w.substring(2, 4) + w.substring(0, 2);
            out.append(be, 0, 4).append(':').append(be, 4, 8);
            if (word < 3) {
                out.append(':');
            }
        }
        String full = out.toString();
        return full.equals("0000:0000:0000:0000:0000:0000:0000:0000") ? "::" : full;
    }
}
