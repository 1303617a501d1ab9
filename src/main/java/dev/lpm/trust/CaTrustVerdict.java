package dev.lpm.trust;

/**
 * The instance's cached answer to "is lpm's CA trusted where users browse?", which the {@code auto} URL scheme
 * reads on every address it makes: a read is a volatile field, never a certutil run. A status check (GET
 * /v1/trust, the periodic refresh) updates it.
 */
public final class CaTrustVerdict {

    private volatile boolean trusted;

    public boolean trusted() {
        return trusted;
    }

    /**
     * Takes a fresh report: trusted when at least one place trusts the CA (e.g. the browsers' NSS database without
     * the system store, which needs root: the browsers then open https without a warning).
     */
    public void accept(TrustReport report) {
        trusted = report.places().stream().anyMatch(p -> p.state() == TrustState.TRUSTED);
    }
}
