package dev.lpm.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Facts about the running instance that {@code lpm status} reports. */
public record InstanceInfo(String version, long pid, Instant startedAt, Path home, Path controlSocket, int proxyPort,
                           List<String> proxyListening) {}
