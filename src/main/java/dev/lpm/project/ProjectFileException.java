package dev.lpm.project;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A project file that cannot be used, with every problem found, each at its line. */
public final class ProjectFileException extends RuntimeException {

    /** One problem: the line (0 when the file has no line for it), the field it concerns, and what is wrong. */
    public record Problem(int line, String field, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + (field.isEmpty() ? "" : field + ": ") + message;
        }
    }

    private final transient Path file;
    private final List<Problem> problems;

    public ProjectFileException(Path file, List<Problem> problems) {
        super(file + " is not a valid lpm project file:\n  " + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n  ")) + "\nNothing was started or changed.");
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
