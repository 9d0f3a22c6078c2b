package dev.makemore.verification;

import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Locale;
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
 * after 1,000 steps. Most stages end equal to the lecture's four decimals. Two do not: the
 * six-layer network without BatchNorm (about 0.001 off, and different again between JDK 17 and 25,
 * whose SIMD math rounds differently) and the original stage, whose saturated start (loss 27.9,
 * 61% of tanh units at +-1) amplifies rounding: its val loss ends 0.0049 below the lecture's, on
 * either JDK; the lecture's own notebook printed 2.1682 for that row from another PyTorch run. The
 * split losses: within 0.005 (the task's bound).
 * A printed minibatch loss: 0.005 too. The calibration maxima (0.0266, 0.0537) are maxima over 200
 * units of running averages driven by the same minibatches: 0.003, about a tenth of them. The
 * samples: exactly, the test of an identical trained network.
 */
@Tag(LectureReproductionTest.TAG)
class LectureReproductionTest {
    static final String TAG = "lecture";
    static final double LOSS_TOLERANCE = 0.005;

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
        System.out.printf(Locale.ROOT, "[lecture] %-15s %d steps in %.0f s: step 0 %.4f (lecture %.4f), train %.4f"
                        + " (lecture %.4f), val %.4f (lecture %.4f)%n", stage.name(), options.steps(),
                (System.nanoTime() - start) / 1e9, r.losses().step0(), expected.lossStep0(), r.losses().train(), expected.train(),
                r.losses().val(), expected.val());
        System.out.println("[lecture] " + stage.name() + " samples: " + String.join(". ", r.samples()) + ".");
        assertThat(r.losses().step0()).isCloseTo(expected.lossStep0(), within(LectureNumbersTest.FOUR_DECIMALS));
        assertThat(r.losses().train()).as("%s train", stage.name()).isCloseTo(expected.train(), within(LOSS_TOLERANCE));
        assertThat(r.losses().val()).as("%s val", stage.name()).isCloseTo(expected.val(), within(LOSS_TOLERANCE));

        if (stage.name().equals("batchnorm")) {
            batchNormFigures(r);
        }
        if (stage.name().equals("fix-tanh")) {
            assertThat(r.samples()).containsExactlyElementsOf(LectureNumbers.FIX_TANH_SAMPLES);
        }
    }

    private static void batchNormFigures(TrainResult r) {
        var c = r.calibration();
        System.out.printf(Locale.ROOT, "[lecture] batchnorm: max |explicit - running| mean %.4f (lecture %.4f), std %.4f"
                        + " (lecture %.4f); explicit %.4f / %.4f (lecture %.4f / %.4f); running %.4f / %.4f (lecture %.4f /"
                        + " %.4f)%n", c.maxMeanDiff(), LectureNumbers.BATCHNORM_MAX_MEAN_DIFF, c.maxSpreadDiff(),
                LectureNumbers.BATCHNORM_MAX_STD_DIFF, c.explicit().train(), c.explicit().val(),
                LectureNumbers.BATCHNORM_TRAIN_EXPLICIT, LectureNumbers.BATCHNORM_VAL_EXPLICIT, c.running().train(),
                c.running().val(), LectureNumbers.BATCHNORM_TRAIN_RUNNING, LectureNumbers.BATCHNORM_VAL_RUNNING);
        for (int i = 0; i < LectureNumbers.BATCHNORM_PRINTED_STEPS.length; i++) {
            int step = LectureNumbers.BATCHNORM_PRINTED_STEPS[i];
            System.out.printf(Locale.ROOT, "[lecture] batchnorm minibatch loss at step %d: %.4f (lecture %.4f)%n", step,
                    r.stepLosses()[step], LectureNumbers.BATCHNORM_PRINTED_LOSSES[i]);
        }
        assertThat(c.spread().label()).isEqualTo("std");
        assertThat(c.maxMeanDiff()).isCloseTo(LectureNumbers.BATCHNORM_MAX_MEAN_DIFF, within(0.003));
        assertThat(c.maxSpreadDiff()).isCloseTo(LectureNumbers.BATCHNORM_MAX_STD_DIFF, within(0.003));
        assertThat(c.explicit().train()).isCloseTo(LectureNumbers.BATCHNORM_TRAIN_EXPLICIT, within(LOSS_TOLERANCE));
        assertThat(c.explicit().val()).isCloseTo(LectureNumbers.BATCHNORM_VAL_EXPLICIT, within(LOSS_TOLERANCE));
        assertThat(c.running().train()).isCloseTo(LectureNumbers.BATCHNORM_TRAIN_RUNNING, within(LOSS_TOLERANCE));
        assertThat(c.running().val()).isCloseTo(LectureNumbers.BATCHNORM_VAL_RUNNING, within(LOSS_TOLERANCE));
        for (int i = 0; i < LectureNumbers.BATCHNORM_PRINTED_STEPS.length; i++) {
            assertThat((double) r.stepLosses()[LectureNumbers.BATCHNORM_PRINTED_STEPS[i]])
                    .as("minibatch loss at step %d", LectureNumbers.BATCHNORM_PRINTED_STEPS[i])
                    .isCloseTo(LectureNumbers.BATCHNORM_PRINTED_LOSSES[i], within(LOSS_TOLERANCE));
        }
        assertThat(r.samples()).containsExactlyElementsOf(LectureNumbers.BATCHNORM_SAMPLES);
    }
}
