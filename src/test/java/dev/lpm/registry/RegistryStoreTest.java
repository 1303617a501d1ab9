package dev.lpm.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryStoreTest {

    private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456789Z");

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryField() throws IOException {
        Path file = dir.resolve("lpmtest-services.json");
        ServiceSpec full = new ServiceSpec(ServiceName.of("api"), "npm run dev -- --port {port}", 4001,
                new ServiceFlags(true, true, true), Path.of("/home/dev/api"), Map.of("NODE_ENV", "development", "X", ""),
                CREATED, true);
        ServiceSpec alias = new ServiceSpec(ServiceName.of("db-ui"), null, 8080, ServiceFlags.NONE, null, Map.of(),
                CREATED.plusSeconds(1), false);
        RegistryStore store = new RegistryStore(file);

        store.save(List.of(full, alias));
        JsonFile.Loaded<List<ServiceSpec>> loaded = new RegistryStore(file).load();

        assertThat(loaded.wasQuarantined()).isFalse();
        assertThat(loaded.value()).containsExactly(full, alias);
        assertThat(Files.readString(file)).contains("\"version\" : 1", "\"createdAt\" : \"2025-03-04T05:06:07.123456789Z\"");
    }

    @Test
    void aServicesGroupRoundTripsAndAFileFromBeforeGroupsReadsAsNone() throws IOException {
        Path file = dir.resolve("lpmtest-services.json");
        ServiceSpec grouped = new ServiceSpec(ServiceName.of("web"), "npm run dev", 4002, ServiceFlags.NONE,
                Path.of("/home/dev/shop/web"), Map.of(), CREATED, true, null, null, "shop");
        new RegistryStore(file).save(List.of(grouped));
        assertThat(Files.readString(file)).contains("\"group\" : \"shop\"");
        assertThat(new RegistryStore(file).load().value()).containsExactly(grouped);

        // As written by lpm before groups: no "group" field at all.
        Files.writeString(file, "{\"version\":1,\"services\":[{\"name\":\"api\",\"command\":\"run\",\"port\":4001,"
                + "\"killSwitchBypass\":false,\"isolated\":false,\"environment\":{},"
                + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"autostart\":true}]}");
        JsonFile.Loaded<List<ServiceSpec>> old = new RegistryStore(file).load();
        assertThat(old.wasQuarantined()).isFalse();
        assertThat(old.value()).singleElement().satisfies(spec -> assertThat(spec.group()).isNull());
        new RegistryStore(file).save(old.value());
        assertThat(Files.readString(file)).as("no group, no field").doesNotContain("group");
    }

    @Test
    void missingFileIsAnEmptyRegistry() throws IOException {
        JsonFile.Loaded<List<ServiceSpec>> loaded = new RegistryStore(dir.resolve("lpmtest-none.json")).load();

        assertThat(loaded.value()).isEmpty();
        assertThat(loaded.wasQuarantined()).isFalse();
    }

    /** Each case: what is wrong, the bytes, and a part of the problem the report must name. */
    static Stream<Arguments> invalidDocuments() {
        String entry = "{\"name\":\"api\",\"command\":\"run\",\"port\":4001,\"killSwitchBypass\":false,"
                + "\"isolated\":false,\"workingDirectory\":null,\"environment\":{},"
                + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"autostart\":false}";
        String valid = "{\"version\":1,\"services\":[" + entry + "]}";
        String second = entry.replace("\"run\"", "\"other\"");
        return Stream.of(
                invalid("garbage bytes", new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x13, 0x7f, 'x'}, "JsonParseException"),
                invalid("empty file", new byte[0], "No content"),
                invalid("truncated JSON", utf8(valid.substring(0, valid.length() / 2)), "end-of-input"),
                invalid("null", utf8("null"), "JSON null"),
                invalid("an array", utf8("[]"), "from Array value"),
                invalid("services is a string", utf8("{\"version\":1,\"services\":\"lots\"}"), "from String value"),
                invalid("port is a word", utf8(valid.replace("4001", "\"four thousand\"")), "\"four thousand\""),
                invalid("a flag is missing", utf8(valid.replace("\"isolated\":false,", "")), "`boolean`"),
                invalid("no services list", utf8("{\"version\":1}"), "no 'services' list"),
                invalid("no version", utf8("{\"services\":[]}"), "`int`"),
                invalid("version 0", utf8("{\"version\":0,\"services\":[]}"), "invalid registry version 0"),
                invalid("null service", utf8("{\"version\":1,\"services\":[null]}"), "holds null"),
                invalid("invalid service name", utf8(valid.replace("\"api\"", "\"Bad_Name\"")),
                        "invalid service name 'Bad_Name'"),
                invalid("port 0", utf8(valid.replace("4001", "0")), "port 0 is outside 1-65535"),
                invalid("blank command", utf8(valid.replace("\"run\"", "\"  \"")), "the command for 'api' is empty"),
                invalid("no createdAt", utf8(valid.replace("\"2025-01-01T00:00:00Z\"", "null")), "has no createdAt"),
                invalid("environment value null", utf8(valid.replace("{}", "{\"A\":null}")), "without value"),
                invalid("duplicate names", utf8(valid.replace("]}", "," + second.replace("4001", "4002") + "]}")),
                        "the service name 'api' is used twice"),
                invalid("duplicate ports", utf8(valid.replace("]}", "," + second.replace("\"api\"", "\"web\"") + "]}")),
                        "port 4001 is assigned to two services"),
                invalid("future version", utf8(valid.replace("\"version\":1", "\"version\":2")),
                        "registry version 2 was written by a newer lpm"));
    }

    private static Arguments invalid(String what, byte[] content, String problem) {
        return Arguments.of(Named.of(what, content), problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void invalidFileIsMovedAsideWithItsBytesAndReported(byte[] content, String expectedProblem) throws IOException {
        Path file = dir.resolve("lpmtest-services.json");
        Files.write(file, content);
        RegistryStore store = new RegistryStore(file);

        JsonFile.Loaded<List<ServiceSpec>> loaded = store.load();

        assertThat(loaded.value()).isEmpty();
        assertThat(loaded.wasQuarantined()).isTrue();
        JsonFile.Quarantine quarantine = loaded.quarantine();
        assertThat(quarantine.file()).isEqualTo(file.toAbsolutePath());
        assertThat(quarantine.keptAt().getFileName().toString()).startsWith("lpmtest-services.json.corrupt-");
        assertThat(quarantine.keptAt()).hasBinaryContent(content);
        assertThat(quarantine.problem()).contains(expectedProblem);
        assertThat(file).doesNotExist();

        // The next save writes a fresh file and leaves the kept one alone.
        ServiceSpec spec = new ServiceSpec(ServiceName.of("web"), "serve", 4100, null, null, null, CREATED, false);
        store.save(List.of(spec));
        assertThat(quarantine.keptAt()).hasBinaryContent(content);
        assertThat(store.load().value()).containsExactly(spec);
    }

    @Test
    void fieldsAddedByANewerLpmAreIgnored() throws IOException {
        Path file = dir.resolve("lpmtest-services.json");
        Files.writeString(file, "{\"version\":1,\"services\":[{\"name\":\"api\",\"command\":\"run\",\"port\":4001,"
                + "\"killSwitchBypass\":false,\"isolated\":false,\"workingDirectory\":null,\"environment\":{},"
                + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"autostart\":false}],\"addedByANewerLpm\":true}");

        JsonFile.Loaded<List<ServiceSpec>> loaded = new RegistryStore(file).load();

        assertThat(loaded.wasQuarantined()).isFalse();
        assertThat(loaded.value()).extracting(ServiceSpec::port).containsExactly(4001);
    }

    @Test
    void semanticProblemsAreNamedInTheReport() throws IOException {
        Path file = dir.resolve("lpmtest-services.json");
        Files.writeString(file, "{\"version\":7,\"services\":[]}");

        JsonFile.Quarantine quarantine = new RegistryStore(file).load().quarantine();

        assertThat(quarantine.problem()).contains("registry version 7 was written by a newer lpm");
        assertThat(quarantine.message()).contains(quarantine.keptAt().toString());
    }

    @Test
    void leftoverTempFilesOfAKilledWriterAreDeletedOnLoad() throws IOException {
        Path file = dir.resolve("lpmtest-services.json");
        RegistryStore store = new RegistryStore(file);
        store.save(List.of());
        Path leftover = Files.writeString(dir.resolve(".lpmtest-services.json.123456789.tmp"), "{\"version\":1,");

        JsonFile.Loaded<List<ServiceSpec>> loaded = store.load();

        assertThat(loaded.wasQuarantined()).isFalse();
        assertThat(leftover).doesNotExist();
        assertThat(file).exists();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
