package dev.makemore.verification;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import dev.makemore.nn.Tanh;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The lecture's six-layer network with BatchNorm, trained as the lecture trains it: steps 0..1000
 * (1001 updates), then the statistics it prints, the losses in eval mode and 20 samples
 * (LECTURE_NUMBERS.md, "Six layers"). The first minibatch is exactly the lecture's, and so is every
 * later one (same generator), so the run follows the lecture's run; what separates the two is float32
 * rounding in a different order of operations (SIMD sums, fused kernels), which grows over 1001 steps.
 *
 * <p>Tolerances, and why. The loss at step 0 is the same computation as the lecture's, to four
 * decimals. After 1001 steps the run still agrees with PyTorch's to about six significant digits
 * (float32 rounding in another order grows only slowly), so the figures printed with two decimals
 * (Tanh means and stds, update ratios) are matched to half a unit of that place, 0.005, i.e. they
 * must round as the lecture's do; a saturation as the count of saturated units it stands for, exactly
 * ({@link Stats#countPrintedAs}); the gradient statistics printed with seven digits to 1e-4
 * relative, a hundred times the differences seen, still far tighter than any real change would
 * move them (a wrong learning rate, gain or BatchNorm convention moves them by percents). The
 * split losses: to their four printed decimals, half a unit of the last place (they agree to 2e-5).
 * The samples: exactly, since every draw is the
 * lecture's and a sample only changes if a probability moves across a multinomial threshold.
 */
class DeepBatchNormRunTest {
    /** Half a unit of a figure printed with two decimals. */
    static final double TWO_DECIMALS = 0.005;
    /** Relative tolerance on the figures printed with seven significant digits (see the class comment). */
    static final double SEVEN_DIGITS = 1e-4;
    private static TrainResult result;
    private static final List<double[]> TANH = new ArrayList<>();   // mean, std, saturated count, units, grad std
    private static final List<double[]> GRADS_2D = new ArrayList<>();   // rows, cols, grad std, grad:data
    private static final List<Double> UPDATE_RATIOS = new ArrayList<>();
    private static long millis;

    @BeforeAll
    static void train() {
        var stage = Stage.byName("deep-batchnorm");
        int last = LectureNumbers.DEEP_BATCHNORM_STEPS - 1;
        var listener = new TrainingObserver() {
            @Override
            public void beforeBackward(int step, List<Module> layers) {
                if (step == last) {
                    for (Module m : layers) {
                        if (m instanceof Tanh) {
                            m.out().retainGrad();
                        }
                    }
                }
            }

            @Override
            public void afterUpdate(int step, double loss, double lr, List<Module> layers, List<Tensor> parameters) {
                if (step != last) {
                    return;
                }
                for (Module m : layers) {
                    if (m instanceof Tanh) {
                        NdArray t = m.out().data();
                        TANH.add(new double[]{Stats.mean(t), Stats.std(t), Stats.saturatedCount(t, 0.97), t.size(),
                                Stats.std(m.out().grad())});
                    }
                }
                for (Tensor p : parameters) {
                    double gradStd = Stats.std(p.grad());
                    double dataStd = Stats.std(p.data());
                    if (p.rank() == 2) {
                        GRADS_2D.add(new double[]{p.dim(0), p.dim(1), gradStd, gradStd / dataStd});
                    }
                    // The lecture: ((lr * p.grad).std() / p.data.std()).log10(), after the update.
                    UPDATE_RATIOS.add(Math.log10(lr * gradStd / dataStd));
                }
            }
        };
        long start = System.nanoTime();
        result = new Trainer(LectureData.splits()).run(stage,
                new TrainOptions(LectureNumbers.DEEP_BATCHNORM_STEPS, 32, LectureNumbers.SEED, false, 20), listener);
        millis = (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void lossAtStepZeroAndParameterCount() {
        var expected = LectureNumbers.STAGES.get("deep-batchnorm");
        System.out.printf(Locale.ROOT, "[lecture] deep-batchnorm 1001 steps in %d ms (%.0f us/step); loss at step 0 %.6f"
                + " (lecture %.4f), params %d%n", millis, result.usPerStep(), result.losses().step0(), expected.lossStep0(),
                result.params());
        assertThat(result.losses().step0()).isCloseTo(expected.lossStep0(), within(LectureNumbersTest.FOUR_DECIMALS));
        assertThat(result.params()).isEqualTo(expected.params());
        assertThat(result.stepLosses()).hasSize(LectureNumbers.DEEP_BATCHNORM_STEPS);
    }

    @Test
    void tanhActivationsAndTheirGradients() {
        assertThat(TANH).hasSize(LectureNumbers.DEEP_BATCHNORM_TANH.size());
        for (int i = 0; i < TANH.size(); i++) {
            var e = LectureNumbers.DEEP_BATCHNORM_TANH.get(i);
            double[] m = TANH.get(i);
            double g = LectureNumbers.DEEP_BATCHNORM_TANH_GRAD_STD[i];
            System.out.printf(Locale.ROOT, "[lecture] layer %2d (Tanh): mean %+.4f (lecture %+.2f), std %.4f (%.2f),"
                    + " saturated %d of %d (%.2f%%: %d), grad std %.6e (%.6e)%n", e.layer(), m[0], e.mean(), m[1],
                    e.std(), (long) m[2], (long) m[3], e.saturatedPercent(),
                    Stats.countPrintedAs(e.saturatedPercent(), (long) m[3]), m[4], g);
        }
        for (int i = 0; i < TANH.size(); i++) {
            var e = LectureNumbers.DEEP_BATCHNORM_TANH.get(i);
            double[] m = TANH.get(i);
            assertThat(m[0]).as("mean of layer %d", e.layer()).isCloseTo(e.mean(), within(TWO_DECIMALS));
            assertThat(m[1]).as("std of layer %d", e.layer()).isCloseTo(e.std(), within(TWO_DECIMALS));
            assertThat((long) m[2]).as("saturated units of layer %d", e.layer())
                    .isEqualTo(Stats.countPrintedAs(e.saturatedPercent(), (long) m[3]));
            double g = LectureNumbers.DEEP_BATCHNORM_TANH_GRAD_STD[i];
            assertThat(m[4]).as("grad std of layer %d", e.layer()).isCloseTo(g, within(SEVEN_DIGITS * g));
        }
    }

    @Test
    void weightGradientsAndUpdateRatios() {
        assertThat(GRADS_2D).hasSize(LectureNumbers.DEEP_BATCHNORM_PARAM_GRADS.size());
        for (int i = 0; i < GRADS_2D.size(); i++) {
            var e = LectureNumbers.DEEP_BATCHNORM_PARAM_GRADS.get(i);
            double[] m = GRADS_2D.get(i);
            System.out.printf(Locale.ROOT, "[lecture] weight (%d, %d): grad std %.6e (lecture %.6e), grad:data %.6e (%.6e)%n",
                    (int) m[0], (int) m[1], m[2], e.gradStd(), m[3], e.gradToData());
        }
        var ud = new StringBuilder();
        UPDATE_RATIOS.forEach(r -> ud.append(String.format(Locale.ROOT, " %.2f", r)));
        System.out.println("[lecture] update:data log10 ratios" + ud);
        for (int i = 0; i < GRADS_2D.size(); i++) {
            var e = LectureNumbers.DEEP_BATCHNORM_PARAM_GRADS.get(i);
            double[] m = GRADS_2D.get(i);
            assertThat((int) m[0]).isEqualTo(e.rows());
            assertThat((int) m[1]).isEqualTo(e.cols());
            assertThat(m[2]).as("grad std of weight %d", i).isCloseTo(e.gradStd(), within(SEVEN_DIGITS * e.gradStd()));
            assertThat(m[3]).as("grad:data of weight %d", i).isCloseTo(e.gradToData(), within(SEVEN_DIGITS * e.gradToData()));
        }
        assertThat(UPDATE_RATIOS).hasSize(LectureNumbers.DEEP_BATCHNORM_UPDATE_RATIOS.length);
        for (int i = 0; i < UPDATE_RATIOS.size(); i++) {
            assertThat(UPDATE_RATIOS.get(i)).as("update ratio of parameter %d", i)
                    .isCloseTo(LectureNumbers.DEEP_BATCHNORM_UPDATE_RATIOS[i], within(TWO_DECIMALS));
        }
    }

    @Test
    void splitLossesInEvalMode() {
        System.out.printf(Locale.ROOT, "[lecture] deep-batchnorm after 1001 steps: train %.6f (lecture %.4f), val %.6f"
                + " (lecture %.4f)%n", result.losses().train(), LectureNumbers.DEEP_BATCHNORM_TRAIN_1001,
                result.losses().val(), LectureNumbers.DEEP_BATCHNORM_VAL_1001);
        assertThat(result.losses().train()).isCloseTo(LectureNumbers.DEEP_BATCHNORM_TRAIN_1001,
                within(LectureNumbersTest.FOUR_DECIMALS));
        assertThat(result.losses().val()).isCloseTo(LectureNumbers.DEEP_BATCHNORM_VAL_1001,
                within(LectureNumbersTest.FOUR_DECIMALS));
    }

    @Test
    void theTwentySamplesAreExactlyTheLectures() {
        System.out.println("[lecture] deep-batchnorm samples: " + String.join(". ", result.samples()) + ".");
        assertThat(result.samples()).containsExactlyElementsOf(LectureNumbers.DEEP_BATCHNORM_SAMPLES_1001);
    }
}
