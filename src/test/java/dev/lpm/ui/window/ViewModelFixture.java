package dev.lpm.ui.window;

import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.FxEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake backend, events delivered on the publishing thread, and background work run inline: no toolkit. */
final class ViewModelFixture implements AutoCloseable {

    final FakeDesktopBackend backend = new FakeDesktopBackend();
    final FxEvents events = new FxEvents(backend.bus, Runnable::run);
    final List<String> errors = new CopyOnWriteArrayList<>();
    final BackgroundWork work = new BackgroundWork(Runnable::run, Runnable::run, errors::add);

    @Override
    public void close() {
        events.close();
    }
}
