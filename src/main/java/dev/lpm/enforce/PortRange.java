package dev.lpm.enforce;

/** PLACEHOLDER until the helper branch lands. */
public record PortRange(int from, int to) {}
