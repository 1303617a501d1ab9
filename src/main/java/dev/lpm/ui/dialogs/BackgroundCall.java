package dev.lpm.ui.dialogs;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a blocking backend call away from the UI thread and hands its outcome back to the UI thread.
 * ViewModels take one, so their tests run the call inline without a toolkit.
 */
public final class BackgroundCall {

    private final Function<String, Executor> worker;
    private final Executor uiThread;

    /**
     * @param worker   for a thread name, the executor that runs the blocking call
     * @param uiThread runs the outcome handlers on the UI thread
     */
    public BackgroundCall(Function<String, Executor> worker, Executor uiThread) {
        this.worker = worker;
        this.uiThread = uiThread;
    }

    /**
     * The app's: a named daemon platform thread per call (the calls wait on processes and files, which
     * pins virtual threads), outcomes through Platform.runLater.
     */
    public static BackgroundCall offFxThread() {
        return new BackgroundCall(name -> task -> Thread.ofPlatform().daemon().name(name).start(task),
                javafx.application.Platform::runLater);
    }

    /** Runs everything on the caller's thread: for ViewModel tests. */
    public static BackgroundCall inline() {
        return new BackgroundCall(name -> Runnable::run, Runnable::run);
    }

    public <T> void run(String threadName, Callable<T> call, Consumer<? super T> onSuccess,
                        Consumer<? super Exception> onFailure) {
        worker.apply(threadName).execute(() -> {
            T result;
            try {
                result = call.call();
            } catch (Exception e) {
                uiThread.execute(() -> onFailure.accept(e));
                return;
            }
            uiThread.execute(() -> onSuccess.accept(result));
        });
    }
}
