package dev.makemore.training.cli;

import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code makemore diagnose --stage S --out DIR}: trains a stage with the diagnostics recorder
 * attached and writes its HTML report: the lecture's statistics (activations, gradients, weights,
 * saturation) at the chosen steps, the loss and the update:data ratios over the whole run. The
 * lecture looks at its six-layer network after a loop of 1001 steps, hence the default.
 */
@Command(name = "diagnose",
        description = {"Train a stage with the diagnostics attached and write the HTML report:",
            "activation, gradient and weight statistics, histograms and saturation at",
            "the chosen steps; the loss and the update:data ratios over the whole run.",
            "Prints the lecture's text tables."},
        footer = {"", "Exit status: 0 ok, 1 training diverged, 2 bad arguments or input, or the",
            "report cannot be written."})
final class DiagnoseCommand extends BaseCommand {
    /** The lecture's six-layer loop runs steps 0..1000 and stops. */
    static final int LECTURE_DIAGNOSTIC_STEPS = 1001;

    @Mixin
    StageOption stage;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + LECTURE_DIAGNOSTIC_STEPS,
            description = "Training steps (default: ${DEFAULT-VALUE}: the lecture's loop stops after step 1000).")
    int steps;

    @Option(names = "--at", paramLabel = "STEPS", split = ",",
            description = "Steps (0-based, comma-separated) at which to take the full statistics"
                    + " (default: the last step).")
    int[] at;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write the report into (index.html, report.txt, the figures as PNG and SVG).")
    Path outDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Generator.LECTURE_SEED,
            description = "The generator's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataOption data;

    @Option(names = {"-q", "--quiet"}, description = "No loss log, no progress bar, no text tables.")
    boolean quiet;

    @Override
    int run() throws Exception {
        Stage s = stage.resolve(cli(), spec);
        TrainOptions options = Inputs.options(spec, s, steps, TrainOptions.LECTURE_BATCH_SIZE, seed, false, 0);
        int[] snapshotSteps = at == null ? null : at.clone();
        if (snapshotSteps != null) {
            Arrays.sort(snapshotSteps);
            for (int step : snapshotSteps) {
                if (step < 0 || step >= steps) {
                    throw new ParameterException(spec.commandLine(), "--at: step " + step + " is outside the run (steps 0 to "
                            + (steps - 1) + ")");
                }
            }
        }
        Inputs.writableDirectory(spec, "--out", outDir);
        var splits = Inputs.load(cli(), data.path, s.blockSize());
        var trainer = new Trainer(splits);
        var out = out();
        if (!quiet) {
            Reports.header(out, s, trainer.initialise(s, seed).numParameters());
        }
        var diagnostics = Diagnostics.forReport(s, steps, snapshotSteps);
        List<Integer> recorded = diagnostics.recorder().snapshotSteps();
        dev.makemore.training.TrainResult result;
        try (var progress = progress(s, steps, quiet, out)) {
            result = trainer.run(s, options, TrainingObserver.both(progress, diagnostics.recorder()));
        }
        Path index = diagnostics.write(outDir);
        if (!quiet) {
            out.println("statistics at step" + (recorded.size() == 1 ? " " : "s ") + recorded);
            out.print(diagnostics.text());
            var losses = result.losses();
            out.println("train " + Format.fixed(losses.train(), 4) + "  val " + Format.fixed(losses.val(), 4));
        }
        out.println("report written to " + index);
        return Makemore.OK;
    }
}
