package dev.lpm.proxy;

import dev.lpm.core.ServiceState;
import java.util.List;
import java.util.Locale;

/**
 * The pages the proxy answers itself: the service index (also the 404 for an unknown name), a 502 for a
 * service that does not answer, and the refusals. HTML for browsers, plain text for everything else.
 */
final class ProxyPages {

    private ProxyPages() {}

    record Page(int status, String contentType, String body) {}

    static boolean wantsHtml(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /** {@code scheme}: the one the client came with, so a page served over https links over https. */
    static Page index(List<Route> routes, int proxyPort, String scheme, String unknownName, boolean html) {
        int status = unknownName == null ? 200 : 404;
        String headline = unknownName == null ? "LocalPortManager: registered services"
                : "No service named '" + unknownName + "'";
        StringBuilder text = new StringBuilder(headline).append("\n\n");
        StringBuilder items = new StringBuilder();
        if (routes.isEmpty()) {
            text.append("No services are registered. Register one with:\n  lpm register api \"python3 -m http.server --bind 127.0.0.1 {port}\"\n");
            items.append("<p>No services are registered. Register one with <code>lpm register api \"python3 -m http.server --bind 127.0.0.1 {port}\"</code></p>");
        } else {
            items.append("<ul>");
            for (Route route : routes) {
                String url = scheme + "://" + route.name() + ".localhost:" + proxyPort + "/";
                String state = state(route.state());
                text.append(String.format("  %-24s %-8s %s%n", route.name(), state, url));
                items.append("<li><a href=\"").append(url).append("\">").append(escape(route.name())).append("</a> <small>")
                        .append(state).append(", port ").append(route.port()).append("</small></li>");
            }
            items.append("</ul>");
        }
        return page(status, html, headline, text.toString(), items.toString());
    }

    static Page badGateway(Route route, String problem, boolean html) {
        String headline = "Service '" + route.name() + "' is not answering";
        String detail = "lpm could not reach '" + route.name() + "' on port " + route.port() + " (" + problem + ").\n"
                + "Its state is " + state(route.state()) + (route.reason().isEmpty() ? "" : ": " + route.reason()) + ".\n"
                + "Check it with: lpm logs " + route.name() + "\n";
        return page(502, html, headline, detail, "<pre>" + escape(detail) + "</pre>");
    }

    static Page forbiddenHost(String host, boolean html) {
        String detail = "lpm only serves localhost and *.localhost names; '" + host + "' is refused"
                + " (protection against DNS rebinding).\n";
        return page(403, html, "Host not allowed", detail, "<p>" + escape(detail) + "</p>");
    }

    static Page loop(String name, boolean html) {
        String detail = "This request went through lpm's proxy too many times: '" + name
                + "' seems to route back to the proxy itself.\n";
        return page(508, html, "Proxy loop detected", detail, "<p>" + escape(detail) + "</p>");
    }

    static Page error(int status, String headline, String detail) {
        return page(status, false, headline, detail + "\n", "");
    }

    private static Page page(int status, boolean html, String headline, String text, String htmlBody) {
        if (!html) {
            return new Page(status, "text/plain; charset=utf-8", text.startsWith(headline) ? text : headline + "\n\n" + text);
        }
        String body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(headline)
                + "</title><style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:50rem}"
                + "li{margin:.3rem 0}small{color:#666}</style></head><body><h1>" + escape(headline) + "</h1>"
                + htmlBody + "</body></html>\n";
        return new Page(status, "text/html; charset=utf-8", body);
    }

    private static String state(ServiceState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
