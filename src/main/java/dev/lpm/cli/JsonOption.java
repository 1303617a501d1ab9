package dev.lpm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --json} for every command that prints state, with the command's output streams: one option,
 * one description, no per-command plumbing.
 */
public final class JsonOption {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(names = "--json", description = "print JSON (the shape is documented in the README)")
    boolean json;

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }
}
