package dev.lpm.enforce.helper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.BadRequestException;
import dev.lpm.enforce.WireJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule sets the helper holds, {@code {"version":1,"applied":[{"ruleSet":"lockdown"},...]}}, so a
 * restarted helper (or a rebooted machine) puts them back before anyone asks. Written whole after every
 * change: a temp file (0600) in the same directory (0700), fsync, atomic rename, fsync of the directory.
 * A file that cannot be read is never overwritten unread: it is moved aside to {@code NAME.corrupt}.
 */
final class StateFile {

    static final int VERSION = 1;

    private final Path path;

    StateFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** What the file held: the rule sets, or why it could not be read and where it went. */
    record Loaded(List<AppliedRuleSet> sets, String problem, Path movedTo) {
        boolean corrupt() {
            return problem != null;
        }
    }

    Loaded load() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(List.of(), null, null);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Loaded(List.of(), "not UTF-8 text", moveAside());
        }
        try {
            return new Loaded(parse(text), null, null);
        } catch (BadRequestException e) {
            return new Loaded(List.of(), e.getMessage(), moveAside());
        }
    }

    static List<AppliedRuleSet> parse(String text) throws BadRequestException {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("not a JSON object");
        }
        WireJson.requireOnly(node, Set.of("version", "applied"));
        if (!node.path("version").isInt() || node.get("version").intValue() != VERSION) {
            throw new BadRequestException("version must be " + VERSION);
        }
        if (!node.path("applied").isArray()) {
            throw new BadRequestException("applied must be a list");
        }
        List<AppliedRuleSet> sets = new ArrayList<>();
        for (JsonNode set : node.get("applied")) {
            AppliedRuleSet read = WireJson.readRuleSet(set, Set.of());
            if (sets.stream().anyMatch(s -> s.ruleSet() == read.ruleSet())) {
                throw new BadRequestException(read.ruleSet() + " is listed twice");
            }
            sets.add(read);
        }
        return List.copyOf(sets);
    }

    void save(List<AppliedRuleSet> sets) throws IOException {
        ObjectNode node = WireJson.MAPPER.createObjectNode().put("version", VERSION);
        ArrayNode applied = node.putArray("applied");
        sets.forEach(s -> applied.add(WireJson.toNode(s)));
        byte[] bytes = (WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Path temp = Files.createTempFile(dir, "." + path.getFileName() + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private Path moveAside() throws IOException {
        Path aside = path.resolveSibling(path.getFileName() + ".corrupt");
        if (Files.exists(aside)) {
            aside = path.resolveSibling(path.getFileName() + ".corrupt-" + System.currentTimeMillis());
        }
        Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }
}
