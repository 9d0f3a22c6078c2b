package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand has: {@code --help}, {@code --version} and {@code --debug} (picocli applies
 * this class's {@code @Command} attributes to each subclass), the {@link Cli} it runs against (its
 * parent command's), its output streams, and a run whose output is flushed before the exit status is
 * returned.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = Makemore.Version.class, sortOptions = false)
abstract class BaseCommand implements Callable<Integer>, Makemore.Debuggable {
    @ParentCommand
    private Makemore makemore;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", description = "On errors, print the stack trace too.")
    boolean debug;

    @Override
    public boolean debug() {
        return debug;
    }

    /** Runs the command, then flushes stdout (scripts read it whole); the exit status. */
    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } finally {
            out().flush();
        }
    }

    /**
     * The command's work, once picocli has filled its options.
     *
     * @return the exit status, {@link Makemore#OK} unless the command says otherwise
     */
    abstract int run() throws Exception;

    /** What the command runs against: streams, stages, data source, terminal. */
    Cli cli() {
        return makemore.cli();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * The loss log and progress bar of training {@code stage} for {@code steps} steps: the log on
     * {@code log} and the bar on the terminal's stderr, neither when {@code quiet}.
     */
    Progress progress(Stage stage, int steps, boolean quiet, PrintWriter log) {
        return new Progress(stage.name(), steps, quiet ? null : log, cli().terminal() && !quiet ? cli().err() : null);
    }
}
