package dev.lpm.config;

import dev.lpm.core.Settings;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads {@code settings.json}. Absent fields keep their defaults; a file that cannot be read is moved
 * aside and reported (see {@link JsonFile}), and the defaults apply until the user fixes it.
 */
public final class SettingsStore {

    private final JsonFile<Settings> file;

    public SettingsStore(Path path) {
        this.file = new JsonFile<>(path, Settings.class);
    }

    public JsonFile.Loaded<Settings> load() throws IOException {
        return file.load(() -> Settings.DEFAULTS);
    }

    public void save(Settings settings) throws IOException {
        file.save(settings);
    }
}
