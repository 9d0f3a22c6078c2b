package dev.makemore.training.cli;

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
}
