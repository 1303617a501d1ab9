package dev.lpm.registry;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The child process of {@link RegistryCrashSafetyTest}: saves registry documents in a tight loop until
 * it is killed. Every service of generation g says g, so a file mixing two generations is detectable.
 *
 * <p>Arguments: the registry file, the first generation.
 */
public final class RegistryWriterMain {

    static final int SERVICES = 20;

    private RegistryWriterMain() {}

    public static void main(String[] args) throws IOException {
        RegistryStore store = new RegistryStore(Path.of(args[0]));
        long generation = Long.parseLong(args[1]);
        store.save(generation(generation));
        System.out.println("ready");
        System.out.flush();
        while (true) {
            store.save(generation(++generation));
        }
    }

    static List<ServiceSpec> generation(long g) {
        return IntStream.range(0, SERVICES)
                .mapToObj(i -> new ServiceSpec(ServiceName.of("svc-%02d".formatted(i)), "echo " + g, 4000 + i, ServiceFlags.NONE,
                        null, Map.of("GENERATION", Long.toString(g)), Instant.ofEpochSecond(g), false))
                .toList();
    }

    /** The generation a loaded spec belongs to, read from its command. */
    static long generationOf(ServiceSpec spec) {
        return Long.parseLong(spec.command().substring("echo ".length()));
    }
}
