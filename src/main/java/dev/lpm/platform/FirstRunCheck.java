package dev.lpm.platform;

/** One first-run check for the welcome screen: what was checked, whether it is fine, and what to do if not. */
public record FirstRunCheck(String name, boolean ok, String message, String fix) {}
