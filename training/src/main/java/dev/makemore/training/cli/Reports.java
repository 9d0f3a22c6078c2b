package dev.makemore.training.cli;

import dev.makemore.training.Calibration;
import dev.makemore.training.LectureFigures;
import dev.makemore.training.Stage;
import dev.makemore.training.FoldedModel;
import dev.makemore.training.TrainResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training run as the commands print it: the human summary and the {@code --json} object.
 *
 * <p>The JSON object of one run (a contract read by outside scripts; numbers unrounded):
 * <pre>
 * stage         string   the stage's name, e.g. "batchnorm"
 * title         string   what the stage changes
 * seed          integer  the generator's seed (weights, then minibatches; samples use seed + 10)
 * steps         integer  number of training steps
 * batch_size    integer  minibatch size
 * params        integer  number of parameters
 * loss_step0    number   minibatch loss at step 0, before any update
 * train_loss    number   loss over the whole training split (eval mode)
 * val_loss      number   loss over the whole validation split
 * test_loss     number   loss over the whole test split
 * us_per_step   number   mean wall time of one training step, microseconds
 * samples       array of strings, the sampled names without the trailing '.'
 * calibration   object, only with --calibrate (null for a stage without BatchNorm):
 *                 train_loss_explicit, val_loss_explicit, train_loss_running, val_loss_running,
 *                 max_mean_diff, and max_std_diff or max_var_diff (as spread says), spread ("std" or "var")
 * lecture       object, the lecture's own figures for the stage: params, loss_step0, train_loss, val_loss
 * model         string, only with --save: the model file written
 * </pre>
 * Non-finite numbers, which JSON cannot hold, are written as null.
 */
final class Reports {
    private Reports() {
    }

    /** The JSON object of one run (see the class comment for the fields). */
    static Map<String, Object> json(TrainResult r, boolean calibrationAsked, String modelFile) {
        var options = r.options();
        var losses = r.losses();
        var m = Json.object("stage", r.stage().name(), "title", r.stage().title(),
                "seed", options.seed(), "steps", options.steps(), "batch_size", options.batchSize(),
                "params", r.params(),
                "loss_step0", losses.step0(), "train_loss", losses.train(), "val_loss", losses.val(),
                "test_loss", losses.test(),
                "us_per_step", r.usPerStep(), "samples", List.copyOf(r.samples()));
        if (calibrationAsked) {
            m.put("calibration", r.calibration() == null ? null : calibration(r.calibration()));
        }
        m.put("lecture", lecture(r.stage().lecture()));
        if (modelFile != null) {
            m.put("model", modelFile);
        }
        return m;
    }

    private static Map<String, Object> calibration(Calibration c) {
        return Json.object("train_loss_explicit", c.explicit().train(), "val_loss_explicit", c.explicit().val(),
                "train_loss_running", c.running().train(), "val_loss_running", c.running().val(),
                "max_mean_diff", c.maxMeanDiff(), "max_" + c.spread().label() + "_diff", c.maxSpreadDiff(),
                "spread", c.spread().label());
    }

    /** The lecture's figures for the stage; an empty object for a stage the lecture does not have. */
    private static Map<String, Object> lecture(LectureFigures f) {
        return f == null ? Json.object()
                : Json.object("params", f.params(), "loss_step0", f.lossStep0(), "train_loss", f.train(),
                        "val_loss", f.val());
    }

    /** The header printed before training: the stage and its title, the parameter count. */
    static void header(PrintWriter out, Stage stage, long params) {
        out.println(stage.name() + ": " + stage.title());
        out.println(params + " parameters");
        out.flush();
    }

    /** {@code --fold}'s JSON object: the folded network's losses, parameters and inference times. */
    static Map<String, Object> foldedJson(FoldedModel f) {
        return Json.object("params", f.network().numParameters(),
                "train_loss", f.trainLoss(), "val_loss", f.valLoss(), "test_loss", f.testLoss(),
                "batch", f.batch(), "us_per_batch", f.usPerBatch(), "us_per_batch_unfolded", f.usPerBatchUnfolded());
    }

    /** {@code --fold} for humans: the folded network beside the trained one. */
    static void folded(PrintWriter out, TrainResult r, FoldedModel f) {
        out.println("folded (every BatchNorm into the Linear before it): " + r.model().layers().size() + " -> "
                + f.network().layers().size() + " modules after C, " + r.params() + " -> "
                + f.network().numParameters() + " parameters");
        out.println("  train " + Format.fixed(f.trainLoss(), 4) + "  val " + Format.fixed(f.valLoss(), 4) + "  test "
                + Format.fixed(f.testLoss(), 4));
        out.println(String.format(Locale.ROOT, "  inference, batch of %d: %.1f us folded, %.1f us unfolded", f.batch(),
                f.usPerBatch(), f.usPerBatchUnfolded()));
        out.flush();
    }

    /** The human summary after training: losses, calibration when asked, samples, step time. */
    static void human(PrintWriter out, TrainResult r, boolean calibrationAsked) {
        out.println("loss at step 0: " + Format.fixed(r.losses().step0(), 4));
        out.println("train " + Format.fixed(r.losses().train(), 4));
        out.println("val   " + Format.fixed(r.losses().val(), 4));
        out.println("test  " + Format.fixed(r.losses().test(), 4));
        if (calibrationAsked) {
            var c = r.calibration();
            if (c == null) {
                out.println("calibration: stage " + r.stage().name() + " has no BatchNorm, nothing to calibrate");
            } else {
                out.println("BatchNorm statistics, explicit (over the training split) vs running (kept in training):");
                out.println("  train " + Format.fixed(c.explicit().train(), 4) + " explicit, "
                        + Format.fixed(c.running().train(), 4) + " running");
                out.println("  val   " + Format.fixed(c.explicit().val(), 4) + " explicit, "
                        + Format.fixed(c.running().val(), 4) + " running");
                out.println("  largest |explicit - running|: mean " + Format.fixed(c.maxMeanDiff(), 4) + ", "
                        + c.spread().label() + " " + Format.fixed(c.maxSpreadDiff(), 4));
            }
        }
        if (!r.samples().isEmpty()) {
            out.println("samples:");
            for (var s : r.samples()) {
                out.println(s + ".");
            }
        }
        out.println(String.format(Locale.ROOT, "%.1f us/step", r.usPerStep()));
        out.flush();
    }
}
