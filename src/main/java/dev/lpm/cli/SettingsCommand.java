package dev.lpm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.SettingKeys;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "settings", description = {
        "Show the settings the settings dialog edits, or change one: lpm settings set KEY VALUE.",
        "Start at login is lpm autostart."},
        subcommands = SettingsCommand.Set.class)
final class SettingsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    JsonOption output;

    @Override
    public Integer call() {
        print(Instance.require(output.err()).call(new ControlRequest.GetSettings()), output);
        return 0;
    }

    static void print(JsonNode values, JsonOption output) {
        PrintWriter out = output.out();
        if (output.json) {
            Output.json(out, values);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        values.properties().forEach(e -> rows.add(List.of(e.getKey(), e.getValue().asText(),
                SettingKeys.help(e.getKey()))));
        Output.table(out, List.of("KEY", "VALUE", "MEANING"), rows);
    }

    @Command(name = "set", description = "Change one setting, saved to settings.json, as the settings dialog does.")
    static final class Set implements Callable<Integer> {

        @CommandLine.Mixin
        JsonOption output;

        @Parameters(index = "0", paramLabel = "KEY", description = "one of: ${COMPLETION-CANDIDATES}",
                completionCandidates = Keys.class)
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", description = "the new value (lpm settings says what each takes)")
        String value;

        @Override
        public Integer call() {
            SettingKeys.change(key, value); // a typo is refused here, without asking the instance
            print(Instance.require(output.err()).call(new ControlRequest.SetSetting(key, value)), output);
            return 0;
        }
    }

    /** The keys, for the usage text and shell completion. */
    static final class Keys extends ArrayList<String> {
        Keys() {
            super(SettingKeys.names());
        }
    }
}
