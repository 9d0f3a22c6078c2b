package dev.makemore.training.cli;

import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.training.FoldedModel;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import dev.makemore.training.data.Splits;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code makemore train --stage S}: trains one stage of the lecture and prints its loss log, the
 * losses over the three splits, samples and the step time; or, with {@code --json}, exactly one JSON
 * object on stdout whose fields are listed in {@link Reports} (and in the command's help):
 * {@code stage, title, seed, steps, batch_size, params, loss_step0, train_loss, val_loss, test_loss,
 * us_per_step, samples} (names without the trailing '.'), {@code calibration} with
 * {@code --calibrate}, {@code lecture}, and {@code model} with {@code --save}.
 */
@Command(name = "train",
        description = {"Train one stage of the lecture, then print the losses and sample names.",
            "Prints the lecture's loss log every 10,000 steps ('      0/ 200000: 3.3239'),",
            "the loss over the train, val and test splits, the samples, the time per step."},
        footer = {"",
            "With --json, stdout holds exactly one JSON object (log and progress go to",
            "stderr). Its fields, numbers unrounded:",
            "  stage, title                 strings",
            "  seed, steps, batch_size, params               integers",
            "  loss_step0, train_loss, val_loss, test_loss   numbers",
            "  us_per_step                  number, mean microseconds per training step",
            "  samples                      array of strings, names without the final '.'",
            "  calibration                  with --calibrate (null for a stage without",
            "                               BatchNorm): an object of numbers",
            "      train_loss_explicit, val_loss_explicit, train_loss_running,",
            "      val_loss_running, max_mean_diff, and max_std_diff or max_var_diff",
            "      as its string spread (\"std\" or \"var\") says",
            "  lecture                      the lecture's figures: an object of numbers",
            "      params, loss_step0, train_loss, val_loss",
            "  model                        with --save: the file written (string)",
            "  folded                       with --fold: an object, the folded model's",
            "      params, train_loss, val_loss, test_loss, batch, us_per_batch,",
            "      us_per_batch_unfolded",
            "",
            "Exit status: 0 ok, 1 training diverged (no model file is written),",
            "2 bad arguments or input, 130 interrupted by Ctrl-C (no model file is written)."})
final class TrainCommand extends BaseCommand {

    @Mixin
    StageOption stage;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + TrainOptions.LECTURE_STEPS,
            description = "Training steps (default: ${DEFAULT-VALUE}, the lecture's).")
    int steps;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "" + TrainOptions.LECTURE_BATCH_SIZE,
            description = "Minibatch size (default: ${DEFAULT-VALUE}); at least 2 with BatchNorm. A batch"
                    + " larger than the memory allows is refused before training.")
    int batchSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Generator.LECTURE_SEED,
            description = "Seed of the generator drawing the weights then the minibatches; names are sampled"
                    + " with seed + 10 (default: ${DEFAULT-VALUE}, the lecture's).")
    long seed;

    @Mixin
    DataOption data;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Write the trained model to FILE (atomically), for 'makemore sample --model FILE'.")
    Path save;

    @Option(names = "--calibrate",
            description = "Also compute BatchNorm's statistics over the whole training split and compare"
                    + " them with the running ones.")
    boolean calibrate;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "" + TrainOptions.LECTURE_SAMPLES,
            description = "Names to sample after training (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--fold",
            description = "Also fold every BatchNorm into the Linear before it (the lecture's exercise E02) and report"
                    + " the folded model's losses and time per inference batch; with --save, save the folded model.")
    boolean fold;

    @Mixin
    JsonOption json;

    @Option(names = {"-q", "--quiet"}, description = "No loss log, no progress bar.")
    boolean quiet;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Record diagnostics during training and write the HTML report to DIR.")
    Path report;

    @Override
    int run() throws Exception {
        Stage s = stage.resolve(cli(), spec);
        TrainOptions options = Inputs.options(spec, s, steps, batchSize, seed, calibrate, samples);
        if (save != null) {
            Inputs.writableFile(spec, "--save", save);
        }
        if (fold && !s.batchNorm()) {
            throw new ParameterException(spec.commandLine(), "--fold: stage " + s.name() + " has no BatchNorm to fold");
        }
        if (report != null) {
            Inputs.writableDirectory(spec, "--report", report);
        }
        try (var interruption = new Interruption(cli().err(), steps, save, cli().signals())) {
            return train(s, options, interruption);
        } catch (Interruption.Stopped e) {
            // The shutdown hook prints the line; the JVM exits with 130 (128 + SIGINT) once it has.
            return Makemore.INTERRUPTED;
        }
    }

    /** Loads the data, trains, saves, reports; stops with {@link Interruption.Stopped} on Ctrl-C. */
    private int train(Stage s, TrainOptions options, Interruption interruption) throws Exception {
        Splits splits = Inputs.load(cli(), data.path, s.blockSize());
        Inputs.batchFits(spec, s, splits.vocab().size(), batchSize);
        var log = json.log();
        var trainer = new Trainer(splits);
        if (!(json.requested() && quiet)) {
            Reports.header(log, s, trainer.initialise(s, seed).numParameters());
        }
        var diagnostics = report == null ? null : Diagnostics.forReport(s, steps, null);
        TrainResult result;
        try (var progress = progress(s, steps, quiet, log).stoppedBy(interruption)) {
            var observer = TrainingObserver.both(progress, diagnostics == null ? null : diagnostics.recorder());
            result = trainer.run(s, options, observer);
        }
        FoldedModel folded = fold ? FoldedModel.of(result.model(), splits, options.batchSize()) : null;
        if (save != null) {
            interruption.beforeSave();
            ModelStore.save(save, result, splits.vocab(), folded == null ? null : folded.network());
            interruption.saved();
        }
        if (diagnostics != null) {
            Path index = diagnostics.write(report);
            if (!(json.requested() && quiet)) {
                log.println("report written to " + index);
                log.flush();
            }
        }
        if (json.requested()) {
            var fields = Reports.json(result, calibrate, save == null ? null : save.toString());
            if (folded != null) {
                fields.put("folded", Reports.foldedJson(folded));
            }
            json.print(fields);
        } else {
            Reports.human(out(), result, calibrate);
            if (folded != null) {
                Reports.folded(out(), result, folded);
            }
            if (save != null) {
                out().println("model written to " + save);
                out().flush();
            }
        }
        return Makemore.OK;
    }
}
