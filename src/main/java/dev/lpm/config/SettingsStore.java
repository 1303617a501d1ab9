package dev.lpm.config;

import dev.lpm.core.Settings;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads {@code settings.json}. Absent fields keep their defaults; a file that cannot be read or holds
 * an invalid value is moved aside and reported (see {@link JsonFile}), and the defaults apply until
 * the user fixes it.
 */
public final class SettingsStore {

    private final Path path;
    private final JsonFile<SettingsDocument> file;

    public SettingsStore(Path path) {
        this.path = path;
        this.file = new JsonFile<>(path, SettingsDocument.class);
    }

    public Path path() {
        return path;
    }

    public JsonFile.Loaded<Settings> load() throws IOException {
        JsonFile.Loaded<SettingsDocument> loaded = file.load(() -> SettingsDocument.of(Settings.DEFAULTS));
        return new JsonFile.Loaded<>(loaded.value().toSettings(), loaded.quarantine());
    }

    public void save(Settings settings) throws IOException {
        file.save(SettingsDocument.of(settings));
    }
}
