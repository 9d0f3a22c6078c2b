package dev.makemore.training.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during {@code makemore train}: one line saying at which step training stopped and whether a
 * model was written, then the JVM's own exit status for SIGINT, 130.
 *
 * <p>A JVM shutdown hook cannot stop the training thread, and the thread must not be killed in the
 * middle of a step or of a save. So the stop is cooperative: the hook asks ({@link #request}), the
 * loop looks after every step ({@link #check}, from the progress observer) and leaves by throwing
 * {@link Stopped}; the command acknowledges ({@link #acknowledge}) and the hook, which waited for that
 * (at most {@value #WAIT_SECONDS} s, in case the thread is busy elsewhere, evaluating say), prints the
 * line. A save is never started after a request, and one under way is let finish: model files are
 * written atomically, so the file is either the old one or the new one.
 */
final class Interruption implements AutoCloseable {
    /** How long the hook waits for training to reach a stop point. */
    static final int WAIT_SECONDS = 3;

    /** Thrown by {@link #check} in the training thread once a stop is requested. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("interrupted", null, false, false);
        }
    }

    private final PrintStream err;
    private final int steps;
    private final Path save;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;
    private volatile int stepsDone = -1;
    private volatile boolean written;

    /**
     * An interruption of a run of {@code steps} steps saving to {@code save} (or null), reported on
     * {@code err}; {@code install} registers it as a shutdown hook (the real process), else it is only
     * driven by {@link #request} (tests).
     */
    Interruption(PrintStream err, int steps, Path save, boolean install) {
        this.err = err;
        this.steps = steps;
        this.save = save;
        this.hook = install ? new Thread(this::request, "makemore-interrupt") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The shutdown hook: asks training to stop, waits for it, prints the line. */
    void request() {
        requested = true;
        try {
            settled.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("makemore: " + message());
        err.flush();
    }

    /** The line printed on an interruption. */
    String message() {
        if (written) {
            return "interrupted after training; the model was written to " + save;
        }
        String where = stepsDone < 0 ? "interrupted before training started"
                : "interrupted: training stopped at step " + stepsDone + " of " + steps;
        return where + (save == null ? "" : "; no model was written");
    }

    /** After step {@code step} (0-based) of the loop: throws {@link Stopped} if a stop was requested. */
    void check(int step) {
        stepsDone = step + 1;
        if (requested) {
            throw new Stopped();
        }
    }

    /** Before the save: throws {@link Stopped} if a stop was requested (no save is started then). */
    void beforeSave() {
        if (requested) {
            throw new Stopped();
        }
    }

    /** The model is on disk. */
    void saved() {
        written = true;
    }

    /** The training thread has stopped (or finished): the hook may print. */
    void acknowledge() {
        settled.countDown();
    }

    /** Removes the hook: the command finished without an interruption. */
    @Override
    public void close() {
        acknowledge();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting: the hook runs (or ran) and prints the line.
            }
        }
    }
}
