package dev.lpm.audit.listeners;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How to make common dev servers listen on loopback only, recognised from the service's command. The
 * table is data: the first row whose pattern is found in the command wins, so servers come before the
 * runtimes that run them (Vite before Node.js, gunicorn before uvicorn, whose workers it may run), and
 * the last row matches every command. {@code {port}} in a fix is the service's port placeholder, so a
 * fixed command can be registered as written.
 */
public final class ServerBindFixes {

    /** Where a fix is made: lpm has no "edit", so a changed command means registering the service again. */
    public enum Where { COMMAND, COMMAND_OR_CODE }

    /** One server: its name as developers know it, how its command line looks, the fix, and where it is made. */
    public record Fix(String server, Pattern command, String fix, Where where) {

        boolean recognises(String commandLine) {
            return command.matcher(commandLine).find();
        }

        /** What to do in lpm once the fix is made. */
        public String thenInLpm(String service, int port) {
            String again = "lpm unregister " + service + " && lpm register " + service + " --port " + port + " \"...\"";
            return where == Where.COMMAND ? "then register it again with that command: " + again
                    : "then lpm restart " + service + " (for a changed command, register it again: " + again + ")";
        }
    }

    static final List<Fix> TABLE = List.of(
            fix("python http.server", "\\bhttp\\.server\\b",
                    "add --bind 127.0.0.1: python3 -m http.server --bind 127.0.0.1 {port}"),
            fix("Django runserver", "\\brunserver\\b",
                    "give loopback with the port: python manage.py runserver 127.0.0.1:{port} (not 0.0.0.0:{port}"
                            + " or 0:{port})"),
            fix("Flask", "\\bflask\\b.*\\brun\\b",
                    "--host 127.0.0.1: flask run --host 127.0.0.1 --port {port} (and no FLASK_RUN_HOST=0.0.0.0)"),
            fix("gunicorn", "\\bgunicorn\\b",
                    "-b 127.0.0.1:{port}: gunicorn -b 127.0.0.1:{port} app:app (not -b 0.0.0.0:{port} or -b :{port})"),
            fix("uvicorn", "\\buvicorn\\b",
                    "--host 127.0.0.1: uvicorn app:app --host 127.0.0.1 --port {port}"),
            fixInCommandOrCode("Vite", "\\bvite\\b",
                    "--host 127.0.0.1 (a bare --host means every interface), or server.host: '127.0.0.1' in"
                            + " vite.config"),
            fix("Next.js", "\\bnext\\s+(dev|start)\\b",
                    "-H 127.0.0.1: next dev -H 127.0.0.1 -p {port} (next start takes the same -H)"),
            fix("Rails", "\\brails\\s+(s|server)\\b",
                    "-b 127.0.0.1: bin/rails server -b 127.0.0.1 -p {port} (and no BINDING=0.0.0.0)"),
            fix("PHP built-in server", "\\bphp\\b.*\\s-S\\s",
                    "give loopback to -S: php -S 127.0.0.1:{port}"),
            fixInCommandOrCode("Spring Boot", "spring-boot:run|\\bbootRun\\b|\\bserver\\.port\\b",
                    "--server.address=127.0.0.1 (or server.address=127.0.0.1 in application.properties)"),
            fixInCommandOrCode("Node.js", "\\b(node|nodemon|npm|npx|yarn|pnpm|bun|deno)\\b",
                    "listen on loopback: server.listen(process.env.PORT, process.env.HOST) or Express"
                            + " app.listen(port, '127.0.0.1') (lpm sets HOST=127.0.0.1); dev CLIs take a host"
                            + " option: Vite --host 127.0.0.1, Next.js -H 127.0.0.1"),
            fixInCommandOrCode("the server", "",
                    "bind 127.0.0.1 rather than every interface; lpm sets HOST=127.0.0.1 and PORT for every service"
                            + " (in Go: http.ListenAndServe(os.Getenv(\"HOST\")+\":\"+os.Getenv(\"PORT\"), h),"
                            + " not \":\"+port)"));

    private ServerBindFixes() {}

    /** The fix for the server {@code command} runs, or the general one when no row recognises it. */
    public static Fix forCommand(String command) {
        return TABLE.stream().filter(row -> row.recognises(command)).findFirst().orElseThrow();
    }

    /** A fix made in the command only. */
    private static Fix fix(String server, String command, String fix) {
        return new Fix(server, Pattern.compile(command), fix, Where.COMMAND);
    }

    /** A fix made in the command, or in the server's code or config. */
    private static Fix fixInCommandOrCode(String server, String command, String fix) {
        return new Fix(server, Pattern.compile(command), fix, Where.COMMAND_OR_CODE);
    }
}
