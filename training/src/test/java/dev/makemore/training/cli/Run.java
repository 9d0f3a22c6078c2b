package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/** One in-process run of the command line with captured stdout and stderr. */
record Run(int status, String out, String err) {

    /** Runs {@code args} with the lecture's stages and no terminal. */
    static Run of(String... args) {
        return with(UnaryOperator.identity(), args);
    }

    /** Runs {@code args} with the lecture's stages plus {@code extra}. */
    static Run withStages(List<Stage> stages, String... args) {
        return with(cli -> cli.withStages(stages), args);
    }

    /** Runs {@code args} on a context adjusted by {@code setup}. */
    static Run with(UnaryOperator<Cli> setup, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
             var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = Makemore.commandLine(setup.apply(Cli.of(o, e))).execute(args);
            o.flush();
            e.flush();
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** The lines of stdout. */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** The lines of stderr. */
    List<String> errLines() {
        return err.lines().toList();
    }
}
