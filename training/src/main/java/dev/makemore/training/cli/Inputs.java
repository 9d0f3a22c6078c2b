package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.data.DataException;
import dev.makemore.training.data.Names;
import dev.makemore.training.data.Splits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of the arguments made before any work starts (so a typo costs nothing), and loading the
 * names. Problems become picocli {@link ParameterException}s: one line, exit status 2.
 */
final class Inputs {
    private Inputs() {
    }

    /** The stage called {@code name}, or a usage error listing the known ones. */
    static Stage stage(Cli cli, CommandSpec spec, String name) {
        Stage s = cli.stage(name);
        if (s == null) {
            throw new ParameterException(spec.commandLine(),
                    "unknown stage '" + name + "' (known: " + cli.stageNames() + ")");
        }
        return s;
    }

    /** The training options, validated; a problem is worded with the option's flag. */
    static TrainOptions options(CommandSpec spec, Stage stage, int steps, int batchSize, long seed, boolean calibrate,
                                int samples) {
        try {
            var options = new TrainOptions(steps, batchSize, seed, calibrate, samples);
            return stage == null ? options : options.checkFor(stage);
        } catch (TrainOptions.InvalidOptionException e) {
            var p = e.problem();
            throw new ParameterException(spec.commandLine(), flag(p.option()) + " " + p.rule() + ", got " + p.value());
        }
    }

    /** The command line's name for a training option. */
    static String flag(TrainOptions.Option option) {
        return switch (option) {
            case STEPS -> "--steps";
            case BATCH_SIZE -> "--batch-size";
            case SAMPLES -> "--samples";
        };
    }

    /** A training step of {@code batchSize} examples fits in memory, or a usage error saying what it needs. */
    static void batchFits(CommandSpec spec, Stage stage, int vocabSize, int batchSize) {
        var runtime = Runtime.getRuntime();
        String problem = BatchMemory.tooLarge(batchSize, BatchMemory.bytesPerExample(stage, vocabSize),
                runtime.maxMemory(), runtime.totalMemory() - runtime.freeMemory());
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    /** A positive number for {@code option}. */
    static void positive(CommandSpec spec, String option, long value) {
        if (value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, got " + value);
        }
    }

    /** {@code file} can be created or replaced: its folder exists and is writable, and it is not a folder. */
    static void writableFile(CommandSpec spec, String option, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), "cannot write " + option + " " + file + ": it is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "cannot write " + option + " " + file + ": directory "
                    + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new ParameterException(spec.commandLine(), "cannot write " + option + " " + file + ": directory "
                    + dir + " is not writable");
        }
    }

    /** {@code dir} is a folder or can be created as one. */
    static void writableDirectory(CommandSpec spec, String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "cannot write " + option + " " + dir
                    + ": it exists and is not a directory");
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ParameterException(spec.commandLine(), "cannot write " + option + " " + dir + ": "
                    + existing + " is not a writable directory");
        }
    }

    /** The names, from {@code --data} or wherever {@link dev.makemore.training.data.DataSource} finds them, split as the lecture does. */
    static Splits load(Cli cli, Path data, int blockSize) throws DataException {
        Path file = cli.data().locate(data);
        try {
            var words = Names.read(file);
            Splits.requireEnough(words, file.toString());
            return Splits.lecture(words, blockSize);
        } catch (IOException e) {
            throw new DataException("cannot read names file " + file + ": " + e, e);
        }
    }
}
