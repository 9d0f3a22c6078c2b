package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every subcommand has: the context it runs in, {@code --debug}, and its output streams. */
abstract class BaseCommand implements Makemore.Debuggable {
    final Cli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", description = "On errors, print the stack trace too.")
    boolean debug;

    BaseCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public boolean debug() {
        return debug;
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
        return new Progress(stage.name(), steps, quiet ? null : log, cli.terminal() && !quiet ? cli.err() : null);
    }
}
