package dev.lpm.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads {@code lpm.json}, the project file of {@code lpm up} (schema: {@code docs/lpm.schema.json}). Jackson
 * parses it strictly (unknown fields, duplicate keys and wrong types are errors at their line); then every
 * service is checked (name, command, cwd, times, port, dependencies, cycles) and all problems are reported
 * together, so nothing starts from a file that is partly wrong.
 */
public final class ProjectFile {

    public static final String FILE_NAME = "lpm.json";

    private static final ObjectReader READER = Json.mapper().readerFor(ProjectDocument.Document.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .withHandler(new UnknownFieldAtItsLine());

    private ProjectFile() {}

    /** {@code lpm.json} in {@code start} or the nearest parent that has one. */
    public static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no " + FILE_NAME + " in " + start.toAbsolutePath().normalize()
                + " or any directory above it; write one (see the README, \"Daily workflow\") or give it with -f FILE");
    }

    public static Project read(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("there is no project file " + absolute);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + absolute + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            throw new ProjectFileException(absolute, List.of(new ProjectFileException.Problem(1, "",
                    "the file is empty; it holds one object with a \"services\" object")));
        }
        ProjectDocument.Document document;
        try {
            document = READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw new ProjectFileException(absolute, List.of(problemOf(e)));
        }
        if (document == null) {
            throw new ProjectFileException(absolute, List.of(new ProjectFileException.Problem(1, "",
                    "the file is empty; it holds one object with a \"services\" object")));
        }
        return new ProjectValidation(absolute, document).project();
    }

    /** Jackson's error at its line, with the field path in the file's words and no Java names. */
    private static ProjectFileException.Problem problemOf(JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String field = "";
        if (e instanceof JsonMappingException mapping) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field '" + unknown.getPropertyName() + "'; known fields here: " + unknown.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            if (field.endsWith("." + unknown.getPropertyName())) {
                field = field.substring(0, field.length() - unknown.getPropertyName().length() - 1);
            }
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            message = "expected " + expected(mismatch.getTargetType()) + " here";
        } else {
            message = e.getOriginalMessage().replaceAll("\\s*\\(for Object starting at.*", "");
        }
        return new ProjectFileException.Problem(line, field, message);
    }

    private static String expected(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /**
     * Jackson reports an unknown field of a record where it noticed, which may be lines later; this
     * reports it at the field's own value.
     */
    private static final class UnknownFieldAtItsLine extends com.fasterxml.jackson.databind.deser.DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser p,
                                             com.fasterxml.jackson.databind.JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            throw new UnrecognizedPropertyException(p, "unknown field '" + propertyName + "'",
                    p.currentTokenLocation(), type, propertyName, deserializer.getKnownPropertyNames());
        }
    }
}
