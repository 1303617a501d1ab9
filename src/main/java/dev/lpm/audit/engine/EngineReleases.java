package dev.lpm.audit.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * lpm's offline table of Docker Engine releases ({@code engine-releases.json} beside this class): the current
 * stable line and its newest release as of a date. lpm never asks the network; the date is said with every
 * verdict so an old table is visible.
 *
 * @param asOf       when the table was last brought up to date
 * @param stableLine the major version of the current stable line, e.g. 29
 * @param newest     the newest release of that line the table knows, e.g. 29.8.0
 * @param source     where the facts came from
 */
public record EngineReleases(@JsonProperty("asOf") LocalDate asOf, @JsonProperty("stableLine") int stableLine,
                             @JsonProperty("newest") String newest, @JsonProperty("source") String source) {

    private static final String RESOURCE = "engine-releases.json";

    public static EngineReleases bundled() {
        try (InputStream in = EngineReleases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from lpm's jar");
            }
            return Json.mapper().readValue(in, EngineReleases.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lpm's " + RESOURCE, e);
        }
    }

    /** "lpm's release table of 2026-09-03: stable line 29, newest 29.8.0". */
    public String describe() {
        return "lpm's release table of " + asOf + ": stable line " + stableLine + ", newest " + newest;
    }
}
