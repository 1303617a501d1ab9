package dev.lpm.audit.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.audit.listeners.ServerBindFixes.Fix;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One case per row of the table: a command as developers register it, the server it is, the fix's key part. */
class ServerBindFixesTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                row("python3 -m http.server {port}", "python http.server", "--bind 127.0.0.1"),
                row("python manage.py runserver 0.0.0.0:{port}", "Django runserver", "runserver 127.0.0.1:{port}"),
                row("flask --app hello run --host=0.0.0.0 --port {port}", "Flask", "--host 127.0.0.1"),
                row("gunicorn -k uvicorn.workers.UvicornWorker -b :{port} app:app", "gunicorn", "-b 127.0.0.1:{port}"),
                row("python -m uvicorn main:app --host 0.0.0.0 --port {port}", "uvicorn", "--host 127.0.0.1"),
                row("npx vite --host --port {port}", "Vite", "--host 127.0.0.1"),
                row("npx next dev -p {port}", "Next.js", "-H 127.0.0.1"),
                row("bundle exec rails server -b 0.0.0.0 -p {port}", "Rails", "-b 127.0.0.1"),
                row("php -t public -S 0.0.0.0:{port}", "PHP built-in server", "-S 127.0.0.1:{port}"),
                row("java -jar target/app.jar --server.port={port}", "Spring Boot", "--server.address=127.0.0.1"),
                row("node server.js", "Node.js", "'127.0.0.1'"),
                row("go run ./cmd/api -addr :{port}", "the server", "HOST=127.0.0.1"));
    }

    private static Arguments row(String command, String server, String fixContains) {
        return Arguments.of(command, server, fixContains);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("rows")
    void recognisesTheServerAndGivesItsFix(String command, String server, String fixContains) {
        Fix fix = ServerBindFixes.forCommand(command);

        assertThat(fix.server()).isEqualTo(server);
        assertThat(fix.fix()).contains(fixContains);
    }

    @Test
    void everyRowHasACaseAndTheLastRowTakesEveryCommand() {
        List<String> tested = rows().map(arguments -> (String) arguments.get()[1]).toList();
        assertThat(tested).containsExactlyElementsOf(ServerBindFixes.TABLE.stream().map(Fix::server).toList());
        assertThat(ServerBindFixes.forCommand("./serve").server()).isEqualTo(ServerBindFixes.TABLE.getLast().server());
    }

    @Test
    void aFixInTheCommandMeansRegisteringAgainOneInTheCodeARestart() {
        assertThat(ServerBindFixes.forCommand("python3 -m http.server {port}").thenInLpm("api", 4000))
                .isEqualTo("then register it again with that command:"
                        + " lpm unregister api && lpm register api --port 4000 \"...\"");
        assertThat(ServerBindFixes.forCommand("node server.js").thenInLpm("api", 4000))
                .startsWith("then lpm restart api (for a changed command, register it again: lpm unregister api");
    }

    @Test
    void runtimesThatRunAKnownServerGetThatServersFix() {
        assertThat(ServerBindFixes.forCommand("npm exec -- vite --port {port}").server()).isEqualTo("Vite");
        assertThat(ServerBindFixes.forCommand("pnpm exec next start -p {port}").server()).isEqualTo("Next.js");
        assertThat(ServerBindFixes.forCommand("./gradlew bootRun").server()).isEqualTo("Spring Boot");
        assertThat(ServerBindFixes.forCommand("mvn spring-boot:run").server()).isEqualTo("Spring Boot");
        assertThat(ServerBindFixes.forCommand("bin/rails s -p {port}").server()).isEqualTo("Rails");
        // node_modules is not node.
        assertThat(ServerBindFixes.forCommand("./node_modules/.bin/serve -l {port}").server()).isEqualTo("the server");
    }
}
