package dev.lpm.ui.window;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs the backend's blocking calls (start, stop, resume, open a browser) off the UI thread and hands
 * the result or the failure back on the UI thread, so a slow engine never freezes the window and no
 * failure goes unseen.
 */
public final class BackgroundWork implements AutoCloseable {

    private final Executor worker;
    private final Executor uiThread;
    private final Consumer<String> showError;

    /**
     * @param worker    where the blocking call runs ({@code Runnable::run} in ViewModel tests)
     * @param uiThread  where results and failures are delivered ({@code Platform::runLater} in the app)
     * @param showError shows a failure to the user, called on the UI thread with "what: why"
     */
    public BackgroundWork(Executor worker, Executor uiThread, Consumer<String> showError) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
        this.showError = Objects.requireNonNull(showError, "showError");
    }

    /**
     * Daemon platform threads named {@code lpm-ui-N}: backend calls stop processes and read files, which
     * would pin a virtual thread's carrier.
     */
    public static BackgroundWork onWorkerThreads(Executor uiThread, Consumer<String> showError) {
        ExecutorService workers = Executors.newCachedThreadPool(Thread.ofPlatform().name("lpm-ui-", 0).daemon().factory());
        return new BackgroundWork(workers, uiThread, showError);
    }

    /** Runs {@code task}; a failure is shown as "{@code what}: message". */
    public void run(String what, Runnable task) {
        run(what, () -> {
            task.run();
            return null;
        }, result -> { }, message -> showError.accept(what + ": " + message));
    }

    /**
     * Runs {@code task}, then {@code onSuccess} with its result or {@code onFailure} with the failure's
     * message, both on the UI thread.
     */
    public <T> void run(String what, Callable<T> task, Consumer<? super T> onSuccess, Consumer<String> onFailure) {
        worker.execute(() -> {
            T result;
            try {
                result = task.call();
            } catch (Exception e) {
                String message = messageOf(e);
                org.slf4j.LoggerFactory.getLogger(BackgroundWork.class).info("{} failed: {}", what, message);
                uiThread.execute(() -> onFailure.accept(message));
                return;
            }
            uiThread.execute(() -> onSuccess.accept(result));
        });
    }

    /** The exception's own words; its type only when it has none. */
    static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        if (worker instanceof ExecutorService service) {
            service.shutdown();
        }
    }
}
