package dev.makemore.training.cli;

import dev.makemore.training.Calibration;
import dev.makemore.training.LectureFigures;
import dev.makemore.training.Stage;
import dev.makemore.training.FoldedModel;
import dev.makemore.training.TrainResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
        var m = new LinkedHashMap<String, Object>();
        m.put("stage", r.stage().name());
        m.put("title", r.stage().title());
        m.put("seed", r.options().seed());
        m.put("steps", r.options().steps());
        m.put("batch_size", r.options().batchSize());
        m.put("params", r.params());
        m.put("loss_step0", r.losses().step0());
        m.put("train_loss", r.losses().train());
        m.put("val_loss", r.losses().val());
        m.put("test_loss", r.losses().test());
        m.put("us_per_step", r.usPerStep());
        m.put("samples", List.copyOf(r.samples()));
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
        var m = new LinkedHashMap<String, Object>();
        m.put("train_loss_explicit", c.explicit().train());
        m.put("val_loss_explicit", c.explicit().val());
        m.put("train_loss_running", c.running().train());
        m.put("val_loss_running", c.running().val());
        m.put("max_mean_diff", c.maxMeanDiff());
        m.put("max_" + c.spread().label() + "_diff", c.maxSpreadDiff());
        m.put("spread", c.spread().label());
        return m;
    }

    private static Map<String, Object> lecture(LectureFigures f) {
        var m = new LinkedHashMap<String, Object>();
        if (f != null) {
            m.put("params", f.params());
            m.put("loss_step0", f.lossStep0());
            m.put("train_loss", f.train());
            m.put("val_loss", f.val());
        }
        return m;
    }

    /** The header printed before training: the stage and its title, the parameter count. */
    static void header(PrintWriter out, Stage stage, long params) {
        out.println(stage.name() + ": " + stage.title());
        out.println(params + " parameters");
        out.flush();
    }

    /** {@code --fold}'s JSON object: the folded network's losses, parameters and inference times. */
    static Map<String, Object> foldedJson(FoldedModel f) {
        var m = new LinkedHashMap<String, Object>();
        m.put("params", f.network().numParameters());
        m.put("train_loss", f.trainLoss());
        m.put("val_loss", f.valLoss());
        m.put("test_loss", f.testLoss());
        m.put("batch", f.batch());
        m.put("us_per_batch", f.usPerBatch());
        m.put("us_per_batch_unfolded", f.usPerBatchUnfolded());
        return m;
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
