package dev.lpm.storage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * A JSON document on disk, written atomically and read defensively: a file that cannot be read or
 * parsed is moved aside (never overwritten, never deleted) and reported, and the caller gets the
 * empty value together with the report.
 */
public final class JsonFile<T> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Path path;
    private final Class<T> type;
    private final ObjectMapper mapper;

    public JsonFile(Path path, Class<T> type) {
        this.path = path.toAbsolutePath();
        this.type = type;
        this.mapper = Json.mapper();
    }

    public Path path() {
        return path;
    }

    /**
     * Reads the document. Missing file: {@code whenMissing}. Unreadable or invalid file: moved aside
     * to {@code NAME.corrupt-TIMESTAMP}, and {@code whenMissing} with the quarantine report.
     *
     * @throws IOException only when a bad file cannot even be moved aside (then nothing may write it)
     */
    public Loaded<T> load(Supplier<T> whenMissing) throws IOException {
        AtomicFile.deleteLeftoverTempFiles(path);
        try {
            byte[] bytes = Files.readAllBytes(path);
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new IOException("the file holds JSON null");
            }
            return new Loaded<>(value, null);
        } catch (NoSuchFileException e) {
            return new Loaded<>(whenMissing.get(), null);
        } catch (IOException | IllegalArgumentException e) {
            Path keptAt = path.resolveSibling(path.getFileName() + ".corrupt-" + LocalDateTime.now().format(STAMP));
            try {
                Files.move(path, keptAt);
            } catch (IOException moveFailure) {
                moveFailure.addSuppressed(e);
                throw new IOException(path + " is unreadable (" + describe(e) + ") and could not be moved aside to "
                        + keptAt + "; fix or remove it by hand", moveFailure);
            }
            return new Loaded<>(whenMissing.get(), new Quarantine(path, keptAt, describe(e)));
        }
    }

    public void save(T value) throws IOException {
        AtomicFile.write(path, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }

    private static String describe(Exception e) {
        String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        return e.getClass().getSimpleName() + ": " + message;
    }

    /** The result of {@link #load}: the value, and what went wrong if the file had to be moved aside. */
    public record Loaded<T>(T value, Quarantine quarantine) {
        public boolean wasQuarantined() {
            return quarantine != null;
        }
    }

    /** A file that could not be read, and where its content is kept now. */
    public record Quarantine(Path file, Path keptAt, String problem) {
        public String message() {
            return file + " could not be read (" + problem + "); its content is kept at " + keptAt;
        }
    }
}
