package dev.lpm.proxy;

import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shared name objects for the header names browsers and dev servers send, so that decoding a known
 * name allocates nothing (Netty's decoders make a new {@link AsciiString} per header otherwise: about
 * half a kilobyte per proxied request). A name matches byte for byte, so what goes out on the other
 * side is spelled exactly as it came in; each name is known in its usual spelling and in lower case.
 */
final class KnownHeaderNames {

    private static final List<String> NAMES = List.of(
            // requests
            "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Connection", "Cookie",
            "Referer", "Origin", "Cache-Control", "Pragma", "Upgrade-Insecure-Requests", "If-None-Match",
            "If-Modified-Since", "If-Range", "Range", "Authorization", "Content-Type", "Content-Length",
            "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Sec-Fetch-User", "Sec-CH-UA",
            "Sec-CH-UA-Mobile", "Sec-CH-UA-Platform", "Sec-Purpose", "Purpose", "Priority", "DNT", "Expect",
            "TE", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions",
            "Sec-WebSocket-Protocol", "X-Requested-With", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "Keep-Alive", "Transfer-Encoding",
            // responses
            "Server", "Date", "Last-Modified", "ETag", "Accept-Ranges", "Vary", "Content-Encoding",
            "Content-Disposition", "Content-Range", "Content-Security-Policy", "Expires", "Age", "Allow",
            "Location", "Set-Cookie", "Link", "Trailer", "WWW-Authenticate", "X-Powered-By",
            "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security",
            "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
            "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
            "Sec-WebSocket-Accept", "Timing-Allow-Origin", "X-Request-Id",
            // lpm's own hop counter, sent back to lpm when a proxy loop forms
            "x-lpm-hops");

    /** Open addressing, a power of two at least four times the entries: probes stay short. */
    private static final AsciiString[] TABLE = build();
    private static final int MASK = TABLE.length - 1;

    private KnownHeaderNames() {}

    /** The shared name for {@code length} bytes at {@code start}, or null when it is not a known one. */
    static AsciiString find(byte[] bytes, int start, int length) {
        for (int slot = hash(bytes, start, length) & MASK; ; slot = (slot + 1) & MASK) {
            AsciiString candidate = TABLE[slot];
            if (candidate == null) {
                return null;
            }
            if (candidate.length() == length && sameBytes(candidate, bytes, start)) {
                return candidate;
            }
        }
    }

    private static boolean sameBytes(AsciiString name, byte[] bytes, int start) {
        byte[] own = name.array(); // the cached instances below own their whole array
        for (int i = 0; i < own.length; i++) {
            if (own[i] != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] bytes, int start, int length) {
        int h = length;
        for (int i = start; i < start + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 16);
    }

    private static AsciiString[] build() {
        List<String> spellings = new ArrayList<>();
        for (String name : NAMES) {
            spellings.add(name);
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals(name)) {
                spellings.add(lower);
            }
        }
        AsciiString[] table = new AsciiString[Integer.highestOneBit(spellings.size() * 4 - 1) << 1];
        for (String spelling : spellings) {
            AsciiString name = AsciiString.cached(spelling);
            byte[] bytes = name.array();
            int slot = hash(bytes, 0, bytes.length) & (table.length - 1);
            while (table[slot] != null) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = name;
        }
        return table;
    }
}
