package dev.lpm.audit.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.audit.scan.Tools;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One CycloneDX JSON SBOM per image under {@code LPM_HOME/sbom}, named by the image id: an image id is the hash
 * of its content, so the file is reused for as long as that id runs, and a new build or pull gets a new file.
 */
public final class SbomStore {

    /** Where an SBOM came from on this run. */
    public record Sbom(Path file, String madeBy, boolean reused, int components) {}

    private final Path dir;
    private final Tools tools;
    private final Duration timeout;

    public SbomStore(Path dir, Tools tools, Duration timeout) {
        this.dir = dir;
        this.tools = tools;
        this.timeout = timeout;
    }

    /** The first of syft, trivy, cdxgen on the PATH. */
    public Optional<SbomGenerator> generator() {
        return List.of(SbomGenerator.values()).stream().filter(g -> tools.installed(g.program())).findFirst();
    }

    public static String noGeneratorMessage() {
        return "install one of: " + List.of(SbomGenerator.values()).stream()
                .map(g -> g.program() + " (" + g.whereToGet() + ")").collect(Collectors.joining(", "));
    }

    public Path fileFor(String imageId) {
        return dir.resolve(imageId.replaceFirst("^sha256:", "") + ".cdx.json");
    }

    /**
     * The image's SBOM: the stored one while its image id is the same, else a new one by {@code generator}.
     *
     * @throws IllegalStateException when the generator fails or writes no CycloneDX JSON (nothing is stored then)
     */
    public Sbom ensure(ImageSubject image, SbomGenerator generator) throws IOException {
        Path file = fileFor(image.runningId());
        if (Files.isRegularFile(file)) {
            return new Sbom(file, madeBy(file), true, components(file));
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "partial-", ".cdx.json");
        try {
            Tools.Result result = tools.run(generator.command(image.localName(), partial), timeout);
            if (!result.ok()) {
                throw new IllegalStateException(generator.program() + " failed on " + image.localName() + " (exit "
                        + result.exit() + "): " + result.complaint());
            }
            int components = components(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Sbom(file, generator.program(), false, components);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static int components(Path file) {
        return bom(file).path("components").size();
    }

    /**
     * The tool the SBOM names as its author (metadata.tools), for a reused file. cdxgen lists the trivy it
     * runs inside as a tool too, so cdxgen is looked for first.
     */
    private static String madeBy(Path file) {
        JsonNode tools = bom(file).path("metadata").path("tools");
        JsonNode list = tools.has("components") ? tools.path("components") : tools;
        List<String> names = new java.util.ArrayList<>();
        list.forEach(tool -> names.add(tool.path("name").asText("")));
        return List.of("cdxgen", "syft", "trivy").stream().filter(names::contains).findFirst()
                .orElse(names.isEmpty() ? "unknown" : names.getLast());
    }

    private static JsonNode bom(Path file) {
        try {
            JsonNode bom = Json.mapper().readTree(file.toFile());
            if (bom == null || !"CycloneDX".equals(bom.path("bomFormat").asText())) {
                throw new IllegalStateException(file + " is no CycloneDX JSON SBOM");
            }
            return bom;
        } catch (IOException e) {
            throw new IllegalStateException(file + " is no CycloneDX JSON SBOM: " + e.getMessage(), e);
        }
    }
}
