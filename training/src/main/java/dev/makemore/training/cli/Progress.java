package dev.makemore.training.cli;

import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * What the user sees while a stage trains: the lecture's loss log, one line every
 * {@value #LOG_EVERY} steps ({@code f'{i:7d}/{max_steps:7d}: {loss.item():.4f}'}), and, on an
 * interactive stderr, a progress bar ({@link BarLine}: steps, current loss, steps per second, time left), brought up
 * to date every {@value #BAR_EVERY} steps rather than every step (a step costs tens of microseconds).
 */
final class Progress implements TrainingObserver, AutoCloseable {
    /** The lecture prints the minibatch loss when {@code i % 10000 == 0}. */
    static final int LOG_EVERY = 10_000;
    /** How often the bar is told the step count and loss. */
    static final int BAR_EVERY = 250;
    /** Runs shorter than this get no bar: they are over before it would be drawn. */
    static final int BAR_MIN_STEPS = 2_000;

    private final int steps;
    private final PrintWriter log;
    private final PrintStream barStream;
    private ProgressBar bar;
    /** The latest loss the bar shows (read by the bar's drawing thread). */
    private volatile double loss = Double.NaN;
    private Interruption interruption;

    /**
     * @param task      the bar's label (the stage name)
     * @param steps     number of steps of the run
     * @param log       where the loss log lines go, or null for none ({@code --quiet})
     * @param barStream the terminal to draw the bar on, or null for no bar
     */
    Progress(String task, int steps, PrintWriter log, PrintStream barStream) {
        this.steps = steps;
        this.log = log;
        this.barStream = barStream;
        if (barStream != null && steps >= BAR_MIN_STEPS) {
            boolean utf8 = utf8Terminal();
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(steps)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(barStream))
                    .setRenderer(new BarLine(utf8, () -> loss))
                    .clearDisplayOnFinish()
                    .build();
        }
    }

    /** Stops the loop by throwing {@link Interruption.Stopped} after the step in which Ctrl-C was pressed. */
    Progress stoppedBy(Interruption interruption) {
        this.interruption = interruption;
        return this;
    }

    /** Whether a bar is drawn. */
    boolean hasBar() {
        return bar != null;
    }

    @Override
    public void afterUpdate(int step, double loss, double learningRate, List<Module> layers, List<Tensor> parameters) {
        if (log != null && step % LOG_EVERY == 0) {
            if (bar != null) {
                // Clear the bar's line so the log line does not land in the middle of it.
                barStream.print("\r\033[K");
                barStream.flush();
            }
            log.println(logLine(step, steps, loss));
            log.flush();
        }
        if (bar != null && ((step + 1) % BAR_EVERY == 0 || step + 1 == steps)) {
            this.loss = loss;
            bar.stepTo(step + 1L);
        }
        if (interruption != null) {
            interruption.check(step);
        }
    }

    /** The lecture's log line: {@code f'{i:7d}/{max_steps:7d}: {loss:.4f}'}. */
    static String logLine(int step, int maxSteps, double loss) {
        return String.format(Locale.ROOT, "%7d/%7d: %s", step, maxSteps, Format.fixed(loss, 4));
    }

    private static boolean utf8Terminal() {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = System.getenv(name);
            if (v != null && !v.isEmpty()) {
                String u = v.toUpperCase(Locale.ROOT);
                return u.contains("UTF-8") || u.contains("UTF8");
            }
        }
        return false;
    }

    /** Removes the bar (a no-op without one). */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
