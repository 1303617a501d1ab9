package dev.lpm.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevServersTest {

    private static final String VITE = " --port {port} --strictPort --host 127.0.0.1";
    private static final String HOSTED = " --port {port} --host 127.0.0.1";

    @TempDir
    Path project;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the servers themselves, directly and through package runners
            "vite                              | vite" + VITE + "                              | Vite",
            "vite dev                          | vite dev" + VITE + "                          | Vite",
            "vite preview                      | vite preview" + VITE + "                      | Vite",
            "./node_modules/.bin/vite          | ./node_modules/.bin/vite" + VITE + "          | Vite",
            "npx vite                          | npx vite" + VITE + "                          | Vite",
            "npx --yes vite                    | npx --yes vite" + VITE + "                    | Vite",
            "npm exec -- vite                  | npm exec -- vite" + VITE + "                  | Vite",
            "pnpm exec vite                    | pnpm exec vite" + VITE + "                    | Vite",
            "pnpm vite                         | pnpm vite" + VITE + "                         | Vite",
            "yarn vite                         | yarn vite" + VITE + "                         | Vite",
            "bunx vite                         | bunx vite" + VITE + "                         | Vite",
            "bun x vite                        | bun x vite" + VITE + "                        | Vite",
            "NODE_ENV=development vite         | NODE_ENV=development vite" + VITE + "         | Vite",
            "astro dev                         | astro dev" + HOSTED + "                       | Astro",
            "npx astro preview                 | npx astro preview" + HOSTED + "               | Astro",
            "ng serve                          | ng serve" + HOSTED + "                        | Angular (ng serve)",
            "npx ng serve                      | npx ng serve" + HOSTED + "                    | Angular (ng serve)",
            "react-router dev                  | react-router dev" + HOSTED + "                | React Router",
            "npx expo start                    | npx expo start --port {port} --host localhost | Expo",
            "npx react-native start            | npx react-native start" + HOSTED + "          | React Native (Metro)",
            // not a dev server, or not one lpm can add to: PORT only
            "vite build                        | vite build                                    | ",
            "astro build                       | astro build                                   | ",
            "ng build                          | ng build                                      | ",
            "vite --port 3000                  | vite --port 3000                              | ",
            "node server.js                    | node server.js                                | ",
            "next dev                          | next dev                                      | ",
            "vite && echo done                 | vite && echo done                             | ",
            "vite > vite.log                   | vite > vite.log                               | ",
            "npm install                       | npm install                                   | ",
            "npx 'vite                         | npx 'vite                                     | ",
    })
    void commandsWithoutScripts(String command, String expected, String framework) {
        CommandPort decided = DevServers.decide(command, project);
        assertThat(decided.command()).isEqualTo(expected);
        assertThat(decided.framework()).isEqualTo(framework);
        assertThat(decided.how()).isEqualTo(framework == null ? CommandPort.How.ENVIRONMENT_ONLY : CommandPort.How.INJECTED);
        assertThat(decided.warning() == null).isEqualTo(framework != null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "npm run dev       | npm run dev -- --port {port} --strictPort --host 127.0.0.1 | Vite",
            "npm run dev --    | npm run dev -- --port {port} --strictPort --host 127.0.0.1 | Vite",
            "npm start         | npm start -- --port {port} --host 127.0.0.1                | Angular (ng serve)",
            "pnpm dev          | pnpm dev --port {port} --strictPort --host 127.0.0.1       | Vite",
            "pnpm run dev      | pnpm run dev --port {port} --strictPort --host 127.0.0.1   | Vite",
            "yarn dev          | yarn dev --port {port} --strictPort --host 127.0.0.1       | Vite",
            "bun run dev       | bun run dev --port {port} --strictPort --host 127.0.0.1    | Vite",
            "npm run api       | npm run api                                                |",
            "npm run build     | npm run build                                              |",
            "npm run missing   | npm run missing                                            |",
            "npm run nested    | npm run nested                                             |",
    })
    void packageJsonScriptsAreLookedInto(String command, String expected, String framework) throws IOException {
        Files.writeString(project.resolve("package.json"), """
                {"name": "web", "scripts": {"dev": "vite", "start": "ng serve", "api": "node server.js",
                 "build": "vite build", "nested": "npm run dev"}}
                """);
        CommandPort decided = DevServers.decide(command, project);
        assertThat(decided.command()).isEqualTo(expected);
        assertThat(decided.framework()).isEqualTo(framework);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "python3 -m http.server --bind 127.0.0.1 {port}",
            "vite --port {port}",
            "docker run -p {port}:80 nginx"})
    void aPlaceholderIsLeftAlone(String command) {
        CommandPort decided = DevServers.decide(command, project);
        assertThat(decided.command()).isEqualTo(command);
        assertThat(decided.how()).isEqualTo(CommandPort.How.PLACEHOLDER);
        assertThat(decided.warning()).isNull();
    }

    @org.junit.jupiter.api.Test
    void anUnreadablePackageJsonMeansPortOnly() throws IOException {
        Files.writeString(project.resolve("package.json"), "{ not json");
        assertThat(DevServers.decide("npm run dev", project).how()).isEqualTo(CommandPort.How.ENVIRONMENT_ONLY);
        assertThat(DevServers.decide("npm run dev", null).how()).isEqualTo(CommandPort.How.ENVIRONMENT_ONLY);
    }

    @org.junit.jupiter.api.Test
    void theWarningAsksForThePlaceholderAndNamesTheKnownFrameworks() {
        String warning = DevServers.decide("node server.js", project).warning();
        assertThat(warning).contains("{port}", "$PORT", "Vite", "Astro", "Angular", "React Router", "Expo");
    }
}
