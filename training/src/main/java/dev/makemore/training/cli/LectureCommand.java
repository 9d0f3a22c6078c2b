package dev.makemore.training.cli;

import dev.makemore.core.random.Generator;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import dev.makemore.training.data.Splits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code makemore lecture}: every stage of the lecture, with the lecture's settings, then the loss
 * log as a table beside the lecture's own figures. The stages are independent (each draws its own
 * weights and minibatches from its own seeded generator), so they train side by side, one per core,
 * and print in the lecture's order; each stage's numbers are those of a run on its own. With {@code --json}, one object
 * {@code {"stages": [...]}} holding one {@code train --json} object per stage (see {@link Reports}).
 */
@Command(name = "lecture",
        description = {"Run every stage of the lecture (side by side, one per core), then print the loss",
            "log as a table beside the lecture's own figures (parameters, loss at step 0, train, val)."},
        footer = {"",
            "The loss at step 0 is the lecture's to 4 decimals; train and val after",
            "200,000 steps agree with it to about 0.005 (float sums are added in another",
            "order than PyTorch's).",
            "",
            "With --json, stdout holds one JSON object, {\"stages\": [...]}, with one object",
            "per stage holding the fields of 'makemore train --json': stage, title, seed,",
            "steps, batch_size, params, loss_step0, train_loss, val_loss, test_loss,",
            "us_per_step, samples, lecture.",
            "",
            "Exit status: 0 ok, 1 a stage diverged, 2 bad arguments or input."})
final class LectureCommand extends BaseCommand {
    /** The note printed under the table. */
    static final String NOTE = "The lecture's loss at step 0 is reproduced to 4 decimals; train/val after 200,000"
            + " steps agree with it to about 0.005 (float summation order differs from PyTorch's).";

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + TrainOptions.LECTURE_STEPS,
            description = "Training steps per stage (default: ${DEFAULT-VALUE}, the lecture's).")
    int steps;

    @Mixin
    DataOption data;

    @Mixin
    JsonOption json;

    @Option(names = {"-q", "--quiet"}, description = "No loss log, no progress bar.")
    boolean quiet;

    @Override
    int run() throws Exception {
        var options = Inputs.options(spec, null, steps, TrainOptions.LECTURE_BATCH_SIZE, Generator.LECTURE_SEED,
                false, TrainOptions.LECTURE_SAMPLES);
        var log = json.log();
        List<Stage> stages = cli().stages();
        var splits = new HashMap<Integer, Splits>();
        for (Stage s : stages) {
            if (!splits.containsKey(s.blockSize())) {
                splits.put(s.blockSize(), Inputs.load(cli(), this.data.path, s.blockSize()));
            }
        }
        int threads = Math.min(stages.size(), Runtime.getRuntime().availableProcessors());
        // One progress bar at a time: with stages side by side, none (their loss logs still print).
        boolean bars = cli().terminal() && !quiet && threads == 1;
        var results = new ArrayList<TrainResult>();
        var pool = Executors.newFixedThreadPool(threads, r -> {
            var t = new Thread(r, "lecture-stage");
            t.setDaemon(true);
            return t;
        });
        try {
            var runs = new ArrayList<Future<StageRun>>();
            for (int i = 0; i < stages.size(); i++) {
                Stage s = stages.get(i);
                String heading = "== stage " + (i + 1) + "/" + stages.size() + ", " + s.name() + ": " + s.title();
                runs.add(pool.submit(() -> stage(s, heading, new Trainer(splits.get(s.blockSize())), options, bars)));
            }
            // In the lecture's order, each stage's log as soon as it and every stage before it are done.
            for (var run : runs) {
                StageRun r = result(run);
                if (!quiet) {
                    log.print(r.log());
                    log.flush();
                }
                results.add(r.result());
            }
        } finally {
            pool.shutdownNow();
        }
        if (json.requested()) {
            json.print(Json.object("stages", results.stream().map(r -> Reports.json(r, false, null)).toList()));
        } else {
            table(out(), results, steps);
        }
        return Makemore.OK;
    }

    /** A stage's result and what it logged, kept until the stages before it have printed theirs. */
    private record StageRun(TrainResult result, String log) {
    }

    /**
     * Trains one stage on this thread, its log into a buffer. Every stage draws from its own generator
     * and the kernels' work arrays are per thread, so its numbers are those of a run on its own.
     */
    private StageRun stage(Stage s, String heading, Trainer trainer, TrainOptions options, boolean bars) {
        var buffer = new StringWriter();
        var log = new PrintWriter(buffer);
        if (!quiet) {
            log.println();
            log.println(heading);
            log.println(trainer.initialise(s, options.seed()).numParameters() + " parameters");
        }
        TrainResult r;
        try (var progress = new Progress(s.name(), steps, quiet ? null : log, bars ? cli().err() : null)) {
            r = trainer.run(s, options, progress);
        }
        if (!quiet) {
            summary(log, r);
        }
        log.flush();
        return new StageRun(r, buffer.toString());
    }

    /** The stage's result, or what it threw (a divergence, an I/O error) as if thrown here. */
    private static StageRun result(Future<StageRun> run) throws Exception {
        try {
            return run.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void summary(PrintWriter log, TrainResult r) {
        var losses = r.losses();
        log.println("train " + Format.fixed(losses.train(), 4) + "  val " + Format.fixed(losses.val(), 4) + "  test "
                + Format.fixed(losses.test(), 4) + String.format(Locale.ROOT, "  (%.1f us/step)", r.usPerStep()));
        if (!r.samples().isEmpty()) {
            log.println("samples: " + String.join(". ", r.samples()) + ".");
        }
        log.flush();
    }

    /** The loss log: this run beside the lecture's figures, and the note on how closely they agree. */
    static void table(PrintWriter out, List<TrainResult> results, int steps) {
        String row = "%-15s %7s %8s %8s %8s %8s %8s %8s %9s%n";
        out.println();
        out.printf(Locale.ROOT, row, "stage", "params", "step 0", "lecture", "train", "lecture", "val", "lecture",
                "us/step");
        for (var r : results) {
            var f = r.stage().lecture();
            String params = Integer.toString(r.params());
            if (f != null && f.params() != r.params()) {
                params += "*";
            }
            out.printf(Locale.ROOT, row, r.stage().name(), params,
                    Format.fixed(r.losses().step0(), 4), f == null ? "" : Format.fixed(f.lossStep0(), 4),
                    Format.fixed(r.losses().train(), 4), f == null ? "" : Format.fixed(f.train(), 4),
                    Format.fixed(r.losses().val(), 4), f == null ? "" : Format.fixed(f.val(), 4),
                    String.format(Locale.ROOT, "%.1f", r.usPerStep()));
        }
        out.println();
        out.println(NOTE);
        if (steps != TrainOptions.LECTURE_STEPS) {
            out.println("This run trained " + steps + " steps per stage, not the lecture's "
                    + TrainOptions.LECTURE_STEPS + ": its train/val figures are not comparable with the lecture's.");
        }
        if (results.stream().anyMatch(r -> r.stage().lecture() != null && r.stage().lecture().params() != r.params())) {
            out.println("* parameter count differs from the lecture's.");
        }
    }
}
