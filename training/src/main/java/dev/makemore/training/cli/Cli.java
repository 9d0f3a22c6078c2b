package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import dev.makemore.training.data.DataSource;
import java.io.Console;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the commands run against: the output streams, the stages they may train, where the names
 * come from, whether stderr is an interactive terminal (the progress bar is drawn only then), and
 * whether Ctrl-C is this process's to report.
 * {@link #system()} is the real process; tests build one with captured streams and, to exercise the
 * divergence path, extra stages.
 */
public final class Cli {
    /** System property the {@code makemore} script sets from {@code [ -t 2 ]}: whether stderr is a terminal. */
    public static final String TTY_PROPERTY = "makemore.stderr.tty";

    private final PrintStream out;
    private final PrintStream err;
    private final List<Stage> stages;
    private final DataSource data;
    private final boolean terminal;
    private final boolean signals;

    private Cli(PrintStream out, PrintStream err, List<Stage> stages, DataSource data, boolean terminal,
                boolean signals) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.stages = List.copyOf(stages);
        this.data = Objects.requireNonNull(data, "data");
        this.terminal = terminal;
        this.signals = signals;
    }

    /** This process: {@code System.out}, {@code System.err}, the lecture's stages, the system data source. */
    public static Cli system() {
        return new Cli(System.out, System.err, Stage.all(), DataSource.system(), stderrIsTerminal(), true);
    }

    /** Captured streams, the lecture's stages, the system data source, no terminal (no progress bar). */
    public static Cli of(PrintStream out, PrintStream err) {
        return new Cli(out, err, Stage.all(), DataSource.system(), false, false);
    }

    /** The same with {@code stages} as the known stages (the order is {@code lecture}'s). */
    public Cli withStages(List<Stage> stages) {
        return new Cli(out, err, stages, data, terminal, signals);
    }

    /** The same with stderr taken for a terminal or not (whether the progress bar may be drawn). */
    public Cli withTerminal(boolean terminal) {
        return new Cli(out, err, stages, data, terminal, signals);
    }

    /** The same with another data source. */
    public Cli withData(DataSource data) {
        return new Cli(out, err, stages, data, terminal, signals);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    DataSource data() {
        return data;
    }

    boolean terminal() {
        return terminal;
    }

    /** Whether this is the real process, whose Ctrl-C a shutdown hook reports ({@link Interruption}). */
    boolean signals() {
        return signals;
    }

    /** Every known stage, in the lecture's order. */
    List<Stage> stages() {
        return stages;
    }

    /** The stage called {@code name}, or null. */
    Stage stage(String name) {
        for (var s : stages) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The names of the known stages, comma-separated. */
    String stageNames() {
        return stages.stream().map(Stage::name).collect(Collectors.joining(", "));
    }

    /**
     * Whether stderr is an interactive terminal: the {@value #TTY_PROPERTY} property when set (the
     * script tests {@code [ -t 2 ]}), else whether the JVM has a console that is a terminal (on
     * JDK 22 and later {@code System.console()} may exist without one, so {@code isTerminal()} is
     * asked too).
     */
    static boolean stderrIsTerminal() {
        String property = System.getProperty(TTY_PROPERTY);
        if (property != null) {
            return Boolean.parseBoolean(property);
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
