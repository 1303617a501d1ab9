package dev.lpm.app;

/** Placeholder until the CLI is wired; replaced in the next commit. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("lpm");
    }
}
