package dev.makemore.verification;

import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The lecture's full runs: 200,000 steps of every stage, then every row of LECTURE_NUMBERS.md's loss
 * table (train and val), and for the batchnorm stage the printed minibatch losses, the calibration
 * figures and the 20 samples (and the fix-tanh stage's samples). 1.4 million training steps and
 * 21 split evaluations, about 90 seconds on two cores (7 to 10 s per one-hidden-layer stage, 20 to
 * 35 s per six-layer one), so not part of the default build: {@code ./mvnw -B verify -Plecture}
 * runs it (the tag {@value #TAG} is excluded otherwise).
 *
 * <p>Tolerances. The runs draw exactly the lecture's minibatches; what separates them from PyTorch's
 * is float32 rounding in another order, which the 1001-step run shows is still at the sixth digit
 * after 1,000 steps. So a split loss must equal the lecture's to its four printed decimals
 * ({@link LectureNumbersTest#FOUR_DECIMALS}, half a unit of the last place), and five stages do:
 * fix-softmax, fix-tanh, kaiming, batchnorm and deep-batchnorm, within 4e-5 (JDK 17, 2026-11-29).
 * Two stages are named exceptions, each with its reason ({@link #EXCEPTIONS}). A printed minibatch
 * loss of the batchnorm stage is one minibatch, not a mean over 180,000 contexts, so rounding moves
 * it more: {@link #MINIBATCH_LOSS}. The calibration maxima (0.0266, 0.0537) are maxima over 200 units
 * of running averages driven by the same minibatches: {@link #CALIBRATION}. The samples: exactly, the
 * test of an identical trained network.
 */
@Tag(LectureReproductionTest.TAG)
class LectureReproductionTest {
    static final String TAG = "lecture";

    /** A stage whose 200,000-step losses are allowed further from the lecture's than four decimals, and why. */
    record Allowance(double tolerance, String reason) {
    }

    static final Map<String, Allowance> EXCEPTIONS = Map.of(
            "original", new Allowance(0.0075, "chaotic in summation order: its saturated start (loss 27.9, 61% of"
                    + " tanh units at +-1) amplifies a rounding difference into another trajectory; its val loss ends"
                    + " 0.003 to 0.005 below the lecture's, as the SIMD kernels' order of summation decides, and"
                    + " PyTorch's own two runs of this stage differ by 0.0052 (2.1734 and the notebook's 2.1682):"
                    + " one and a half times that spread"),
            "deep-tanh", new Allowance(0.003, "six tanh layers without BatchNorm pass rounding on undamped: train"
                    + " ends 0.0006 and val 0.0012 from the lecture's (JDK 17 and 25 alike, 2026-11-29; other SIMD"
                    + " kernels have given other values as far off); BatchNorm's renormalisation is what keeps the"
                    + " deep-batchnorm stage at four decimals"));

    /**
     * A minibatch loss printed by the batchnorm stage at steps 10000, 100000, 190000: all three print
     * as the lecture's four decimals today; one unit of the fourth decimal, since a loss over 32
     * examples moves more with rounding than a mean over a whole split.
     */
    static final double MINIBATCH_LOSS = 1e-4;
    /**
     * The largest |explicit - running| of the batchnorm stage's calibration, a maximum over 200 units:
     * 0.026630 and 0.053665 against 0.0266 and 0.0537 (JDK 17, 2026-11-29), within 3.5e-5; one unit of
     * the fourth decimal, since the unit attaining the maximum can change with rounding.
     */
    static final double CALIBRATION = 1e-4;

    /** How far a stage's split losses may be from the lecture's. */
    static double tolerance(String stage) {
        var e = EXCEPTIONS.get(stage);
        return e == null ? LectureNumbersTest.FOUR_DECIMALS : e.tolerance();
    }

    static Stream<Stage> stages() {
        return Stage.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void twoHundredThousandSteps(Stage stage) {
        var expected = LectureNumbers.STAGES.get(stage.name());
        var options = TrainOptions.lecture().withCalibrate(stage.name().equals("batchnorm"));
        long start = System.nanoTime();
        TrainResult r = new Trainer(LectureData.splits()).run(stage, options, null);
        System.out.printf(Locale.ROOT, "[lecture] %-15s %d steps in %.0f s: step 0 %.6f (lecture %.4f), train %.6f"
                        + " (lecture %.4f), val %.6f (lecture %.4f)%n", stage.name(), options.steps(),
                (System.nanoTime() - start) / 1e9, r.losses().step0(), expected.lossStep0(), r.losses().train(),
                expected.train(), r.losses().val(), expected.val());
        System.out.println("[lecture] " + stage.name() + " samples: " + String.join(". ", r.samples()) + ".");
        assertThat(r.losses().step0()).isCloseTo(expected.lossStep0(), within(LectureNumbersTest.FOUR_DECIMALS));
        double tolerance = tolerance(stage.name());
        assertThat(r.losses().train()).as("%s train", stage.name()).isCloseTo(expected.train(), within(tolerance));
        assertThat(r.losses().val()).as("%s val", stage.name()).isCloseTo(expected.val(), within(tolerance));

        if (stage.name().equals("batchnorm")) {
            batchNormFigures(r);
        }
        if (stage.name().equals("fix-tanh")) {
            assertThat(r.samples()).containsExactlyElementsOf(LectureNumbers.FIX_TANH_SAMPLES);
        }
    }

    private static void batchNormFigures(TrainResult r) {
        var c = r.calibration();
        System.out.printf(Locale.ROOT, "[lecture] batchnorm: max |explicit - running| mean %.6f (lecture %.4f),"
                        + " std %.6f (lecture %.4f); explicit %.6f / %.6f (lecture %.4f / %.4f); running %.6f / %.6f"
                        + " (lecture %.4f / %.4f)%n", c.maxMeanDiff(), LectureNumbers.BATCHNORM_MAX_MEAN_DIFF,
                c.maxSpreadDiff(),
                LectureNumbers.BATCHNORM_MAX_STD_DIFF, c.explicit().train(), c.explicit().val(),
                LectureNumbers.BATCHNORM_TRAIN_EXPLICIT, LectureNumbers.BATCHNORM_VAL_EXPLICIT, c.running().train(),
                c.running().val(), LectureNumbers.BATCHNORM_TRAIN_RUNNING, LectureNumbers.BATCHNORM_VAL_RUNNING);
        for (int i = 0; i < LectureNumbers.BATCHNORM_PRINTED_STEPS.length; i++) {
            int step = LectureNumbers.BATCHNORM_PRINTED_STEPS[i];
            System.out.printf(Locale.ROOT, "[lecture] batchnorm minibatch loss at step %d: %.6f (lecture %.4f)%n", step,
                    r.stepLosses()[step], LectureNumbers.BATCHNORM_PRINTED_LOSSES[i]);
        }
        assertThat(c.spread().label()).isEqualTo("std");
        assertThat(c.maxMeanDiff()).isCloseTo(LectureNumbers.BATCHNORM_MAX_MEAN_DIFF, within(CALIBRATION));
        assertThat(c.maxSpreadDiff()).isCloseTo(LectureNumbers.BATCHNORM_MAX_STD_DIFF, within(CALIBRATION));
        assertThat(c.explicit().train()).as("train, explicit").isCloseTo(LectureNumbers.BATCHNORM_TRAIN_EXPLICIT,
                within(LectureNumbersTest.FOUR_DECIMALS));
        assertThat(c.explicit().val()).as("val, explicit").isCloseTo(LectureNumbers.BATCHNORM_VAL_EXPLICIT,
                within(LectureNumbersTest.FOUR_DECIMALS));
        assertThat(c.running().train()).as("train, running").isCloseTo(LectureNumbers.BATCHNORM_TRAIN_RUNNING,
                within(LectureNumbersTest.FOUR_DECIMALS));
        assertThat(c.running().val()).as("val, running").isCloseTo(LectureNumbers.BATCHNORM_VAL_RUNNING,
                within(LectureNumbersTest.FOUR_DECIMALS));
        for (int i = 0; i < LectureNumbers.BATCHNORM_PRINTED_STEPS.length; i++) {
            assertThat((double) r.stepLosses()[LectureNumbers.BATCHNORM_PRINTED_STEPS[i]])
                    .as("minibatch loss at step %d", LectureNumbers.BATCHNORM_PRINTED_STEPS[i])
                    .isCloseTo(LectureNumbers.BATCHNORM_PRINTED_LOSSES[i], within(MINIBATCH_LOSS));
        }
        assertThat(r.samples()).containsExactlyElementsOf(LectureNumbers.BATCHNORM_SAMPLES);
    }
}
