package dev.lpm.ui.window;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;

/**
 * Light or dark stylesheets, following the operating system's colour scheme as it changes. Every
 * window of the app applies the same theme; {@code -Dlpm.theme=light|dark} pins it (screenshots, users
 * whose desktop reports no preference).
 */
public final class Theme {

    private static final String BASE = stylesheet("window.css");
    private final ObservableList<String> stylesheets = FXCollections.observableArrayList();

    private Theme() {}

    /** Must be called on the FX thread, after the toolkit started. */
    public static Theme followingTheSystem() {
        Theme theme = new Theme();
        String pinned = System.getProperty("lpm.theme", "").strip().toLowerCase(Locale.ROOT);
        switch (pinned) {
            case "dark" -> theme.use(ColorScheme.DARK);
            case "light" -> theme.use(ColorScheme.LIGHT);
            case "" -> {
                var preferences = Platform.getPreferences();
                theme.use(preferences.getColorScheme());
                preferences.colorSchemeProperty().addListener((obs, old, scheme) -> theme.use(scheme));
            }
            default -> throw new IllegalArgumentException("lpm.theme must be light or dark, was '" + pinned + "'");
        }
        return theme;
    }

    public void use(ColorScheme scheme) {
        String colours = stylesheet(scheme == ColorScheme.DARK ? "dark.css" : "light.css");
        stylesheets.setAll(List.of(colours, BASE));
    }

    /** The scene keeps the current theme's stylesheets; the binding is weak, so closed windows are not kept. */
    public void apply(Scene scene) {
        Bindings.bindContent(scene.getStylesheets(), stylesheets);
    }

    public boolean isDark() {
        return stylesheets.stream().anyMatch(s -> s.endsWith("dark.css"));
    }

    private static String stylesheet(String file) {
        return Objects.requireNonNull(Theme.class.getResource("/dev/lpm/ui/" + file), file + " is missing from the jar")
                .toExternalForm();
    }
}
