package dev.lpm.policy;

import java.util.List;
import java.util.function.UnaryOperator;

/** What {@link SecurityPolicy} decided for one service start. */
public sealed interface Decision {

    /** Run {@code command} as it is ({@code null} for an alias, which has no command). */
    record Allow(String command, List<String> notes) implements Decision {
        public Allow {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Run {@code rewrittenCommand} instead of {@code originalCommand}; {@code changes} says what differs.
     * {@code isolated} is set for an isolated Docker service: the container lpm must forward the service's
     * port to (null otherwise).
     */
    record Rewrite(String originalCommand, String rewrittenCommand, List<String> changes, List<String> notes,
                   IsolatedTarget isolated) implements Decision {
        public Rewrite {
            changes = List.copyOf(changes);
            notes = List.copyOf(notes);
        }

        public Rewrite(String originalCommand, String rewrittenCommand, List<String> changes, List<String> notes) {
            this(originalCommand, rewrittenCommand, changes, notes, null);
        }
    }

    /**
     * Where an isolated service really listens: the container (on lpm's internal network) and its TCP
     * port; lpm forwards 127.0.0.1:{port} there.
     */
    record IsolatedTarget(String containerName, int containerPort) {}

    /** Never run this command, VPN or not ({@code --network host}, {@code -P}, what lpm cannot check). */
    record Refuse(String reason) implements Decision {}

    /** Not now: the kill switch holds it while a VPN is active. */
    record Block(String message) implements Decision {}

    /** The command to run, or null when the decision is not to run. */
    default String commandToRun() {
        return switch (this) {
            case Allow a -> a.command();
            case Rewrite r -> r.rewrittenCommand();
            case Refuse r -> null;
            case Block b -> null;
        };
    }

    /** The container to forward to, when this is an isolated Docker service. */
    default java.util.Optional<IsolatedTarget> isolatedTarget() {
        return this instanceof Rewrite r ? java.util.Optional.ofNullable(r.isolated()) : java.util.Optional.empty();
    }

    /** The same decision with {@code render} applied to its commands (e.g. {port} -> 4000). */
    default Decision mapCommands(UnaryOperator<String> render) {
        return switch (this) {
            case Allow a -> new Allow(a.command() == null ? null : render.apply(a.command()), a.notes());
            case Rewrite r -> new Rewrite(render.apply(r.originalCommand()), render.apply(r.rewrittenCommand()),
                    r.changes(), r.notes(), r.isolated() == null ? null
                    : new IsolatedTarget(render.apply(r.isolated().containerName()), r.isolated().containerPort()));
            case Refuse r -> r;
            case Block b -> b;
        };
    }
}
