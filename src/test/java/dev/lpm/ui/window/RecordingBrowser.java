package dev.lpm.ui.window;

import dev.lpm.platform.BrowserLauncher;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A browser that records what it was asked to open, or fails as told. */
final class RecordingBrowser implements BrowserLauncher {

    final List<URI> opened = new CopyOnWriteArrayList<>();
    volatile String failure;

    @Override
    public void open(URI url) {
        if (failure != null) {
            throw new BrowserUnavailableException(failure);
        }
        opened.add(url);
    }
}
