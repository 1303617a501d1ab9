package dev.lpm.docker.apiguard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A request target read the way the Docker engine's router reads it, so the guard judges the route
 * the engine will take. What the engine does, and what is matched here:
 * <ul>
 * <li>Go's {@code url.ParseRequestURI}: a control character, space or non-ASCII byte is an error; a
 *     target not starting with "/" is absolute-form: the scheme ({@code [A-Za-z][A-Za-z0-9+.-]*:}) goes,
 *     the query is cut at the first "?", then "//authority" goes up to the next "/" (so
 *     {@code http://docker/v1.41/x}, {@code unix:///x} and {@code unix:/x} all have path {@code /x});
 *     without a "/" after the scheme it is opaque and has no path. {@code Path} is percent-decoded
 *     (a bad escape is an error); "#" is part of the path.</li>
 * <li>gorilla/mux (no SkipClean, no UseEncodedPath in moby): routes match the decoded path after
 *     {@code path.Clean} (duplicate slashes, "." and ".." segments); an unclean path is answered with a
 *     redirect to the clean one.</li>
 * <li>moby registers every route twice, with and without {@code /v{version:[0-9.]+}} in front.</li>
 * </ul>
 * What cannot be read this way is refused ({@link Unreadable}). The guard forwards an inspected request
 * with {@link #originForm()}, so the engine routes exactly what lpm judged.
 */
record RequestTarget(String version, List<String> segments, String rawQuery) {

    /** A target the guard cannot read as the engine would; the message says why. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@";

    static RequestTarget parse(String raw) throws Unreadable {
        if (raw.isEmpty()) {
            throw new Unreadable("the request target is empty");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new Unreadable("the request target has a control character, space or non-ASCII byte at "
                        + i);
            }
        }
        String rest = raw;
        boolean absolute = !raw.startsWith("/");
        if (absolute) {
            int colon = schemeEnd(raw);
            if (colon < 0) {
                throw new Unreadable("the request target '" + raw + "' is neither a path nor an absolute URL");
            }
            rest = raw.substring(colon + 1);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (absolute) {
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            if (!rest.startsWith("/")) {
                throw new Unreadable("the absolute request target '" + raw + "' has no path");
            }
        }
        Deque<String> clean = new ArrayDeque<>();
        for (String segment : decode(rest).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                clean.pollLast(); // path.Clean: ".." at the root stays at the root
            } else {
                clean.addLast(segment);
            }
        }
        String version = null;
        if (!clean.isEmpty() && clean.peekFirst().matches("v[0-9.]+")) {
            version = clean.pollFirst();
        }
        return new RequestTarget(version, List.copyOf(clean), query);
    }

    /** {@code /vX.Y/segments?query}, each segment percent-encoded where a path needs it. */
    String originForm() {
        StringBuilder out = new StringBuilder();
        if (version != null) {
            out.append('/').append(version);
        }
        for (String segment : segments) {
            out.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || PATH_SAFE.indexOf(c) >= 0)) {
                    out.append(c);
                } else {
                    out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
                }
            }
        }
        if (out.isEmpty()) {
            out.append('/');
        }
        if (rawQuery != null) {
            out.append('?').append(rawQuery);
        }
        return out.toString();
    }

    /** Go's getScheme: the index of the ':' ending a scheme, or -1 when the text does not start with one. */
    private static int schemeEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            boolean later = c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
            if (c == ':' && i > 0) {
                return i;
            }
            if (!letter && !(later && i > 0)) {
                return -1;
            }
        }
        return -1;
    }

    /** Go's unescape for a path: every '%' starts two hex digits; '+' stays '+'. */
    private static String decode(String path) throws Unreadable {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= path.length() || !HexFormat.isHexDigit(path.charAt(i + 1))
                    || !HexFormat.isHexDigit(path.charAt(i + 2))) {
                throw new Unreadable("the request path has a bad percent-escape at " + i);
            }
            bytes.write(HexFormat.fromHexDigits(path, i + 1, i + 3));
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
