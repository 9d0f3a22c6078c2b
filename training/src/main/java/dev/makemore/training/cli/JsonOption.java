package dev.makemore.training.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --json} option (a picocli mixin) and the contract it makes: stdout holds exactly one
 * JSON object, so the loss log, progress and notes go to stderr instead.
 */
final class JsonOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object on stdout (fields below) instead of text.")
    private boolean json;

    /** Whether {@code --json} was given. */
    boolean requested() {
        return json;
    }

    /** Where the command's log goes: stderr with {@code --json}, else stdout. */
    PrintWriter log() {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** Prints {@code object} as the one JSON object on stdout. */
    void print(Object object) {
        var out = spec.commandLine().getOut();
        out.println(Json.write(object));
        out.flush();
    }
}
