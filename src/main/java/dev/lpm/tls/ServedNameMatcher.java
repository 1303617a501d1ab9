package dev.lpm.tls;

import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * Accepts a ClientHello's server name only when lpm serves it. The JDK's TLS answers one it refuses
 * with a fatal {@code unrecognized_name} alert, so a client asking for a name lpm does not serve gets no
 * certificate at all.
 */
final class ServedNameMatcher extends SNIMatcher {

    private final ServedNames served;

    ServedNameMatcher(ServedNames served) {
        super(StandardConstants.SNI_HOST_NAME);
        this.served = served;
    }

    @Override
    public boolean matches(SNIServerName name) {
        return name instanceof SNIHostName host
                && !served.certificateNamesFor(host.getAsciiName().toLowerCase(Locale.ROOT)).isEmpty();
    }
}
