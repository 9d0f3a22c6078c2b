package dev.makemore.verification;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.Tanh;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The lecture's numbers that take no training (LECTURE_NUMBERS.md), reproduced on the real data:
 * the split, the parameter counts, the loss at step 0 of every stage, the expected loss of a uniform
 * prediction, the statistics of one linear map, Kaiming's point, and the activation statistics of
 * the first minibatch. Each test prints its measured values beside the lecture's.
 *
 * <p>Tolerances: a figure printed with d decimals is matched to half a unit of its last place
 * ({@code 5e-5} for four decimals, {@code 0.005} for two), so it must round to the lecture's value
 * unless it sits on a rounding boundary, except where the task states otherwise: standard deviations
 * printed with two decimals to 0.01 and saturation percentages to 0.05 percentage points (one
 * activation in 3,200 is 0.03 points).
 */
class LectureNumbersTest {
    /** Half a unit of a four-decimal figure. */
    static final double FOUR_DECIMALS = 5e-5;

    static Stream<Stage> stages() {
        return Stage.all().stream();
    }

    @Test
    void theSplitIsTheLectures() {
        var s = LectureData.splits();
        System.out.printf("[lecture] split %d / %d / %d (lecture %d / %d / %d), first words %s%n", s.train().size(),
                s.val().size(), s.test().size(), LectureNumbers.TRAIN_SIZE, LectureNumbers.VAL_SIZE,
                LectureNumbers.TEST_SIZE, s.words().subList(0, 5));
        assertThat(s.train().size()).isEqualTo(LectureNumbers.TRAIN_SIZE);
        assertThat(s.val().size()).isEqualTo(LectureNumbers.VAL_SIZE);
        assertThat(s.test().size()).isEqualTo(LectureNumbers.TEST_SIZE);
        assertThat(s.words().subList(0, 5)).containsExactlyElementsOf(LectureNumbers.FIRST_SHUFFLED);
        assertThat(s.vocab().size()).isEqualTo(27);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void parameterCountAndLossAtStepZero(Stage stage) {
        var expected = LectureNumbers.STAGES.get(stage.name());
        assertThat(expected).as("LECTURE_NUMBERS.md has a row for stage %s", stage.name()).isNotNull();
        var step = StepZero.of(stage);
        double loss = step.loss().item();
        System.out.printf(Locale.ROOT, "[lecture] %-15s params %6d (lecture %6d)  loss at step 0 %.6f (lecture %.4f)%n",
                stage.name(), step.network().numParameters(), expected.params(), loss, expected.lossStep0());
        assertThat(step.network().numParameters()).isEqualTo(expected.params());
        assertThat(loss).isCloseTo(expected.lossStep0(), within(FOUR_DECIMALS));
    }

    @Test
    void theUniformLossAndHowCloseEachStageComesToIt() {
        double uniform = -Math.log(1.0 / 27);
        assertThat(uniform).isCloseTo(LectureNumbers.UNIFORM_LOSS, within(FOUR_DECIMALS));
        for (Stage stage : Stage.all()) {
            double loss = StepZero.of(stage).loss().item();
            double excess = loss - uniform;
            double lectureExcess = LectureNumbers.STAGES.get(stage.name()).lossStep0() - LectureNumbers.UNIFORM_LOSS;
            System.out.printf(Locale.ROOT, "[lecture] %-15s step-0 loss - ln(27) = %+.4f (lecture %+.4f)%n", stage.name(),
                    excess, lectureExcess);
            assertThat(excess).isCloseTo(lectureExcess, within(2 * FOUR_DECIMALS));
            if (stage.name().equals("original")) {
                // The lecture's opening point: confidently wrong logits, 8.5 times the uniform loss.
                assertThat(loss / uniform).isGreaterThan(8);
            } else {
                // Every fix brings the initial loss within 0.03 of the uniform one (1% of it).
                assertThat(Math.abs(excess)).isLessThan(0.03);
            }
        }
    }

    @Test
    void oneLinearMapForwardAndBackward() {
        var g = new Generator(LectureNumbers.SEED);
        var a = Tensor.randn(g, 1000, 1).setRequiresGrad(true);
        var b = Tensor.randn(g, 1000, 1000).setRequiresGrad(true);
        var c = b.matmul(a).retainGrad();
        // loss = randn(1000) @ c: the (1000) vector as a (1, 1000) row times the (1000, 1) column.
        var v = Tensor.randn(g, 1000);
        var loss = v.view(1, 1000).matmul(c);
        loss.backward();
        double[][] measured = {
                {Stats.std(a.data()), LectureNumbers.LINEAR_A_STD},
                {Stats.std(b.data()), LectureNumbers.LINEAR_B_STD},
                {Stats.std(c.data()), LectureNumbers.LINEAR_C_STD},
                {Stats.std(c.grad()), LectureNumbers.LINEAR_C_GRAD_STD},
                {Stats.std(a.grad()), LectureNumbers.LINEAR_A_GRAD_STD},
                {Stats.std(b.grad()), LectureNumbers.LINEAR_B_GRAD_STD}};
        String[] names = {"a", "b", "c", "c.grad", "a.grad", "b.grad"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "[lecture] linear map: %-6s std %.6f (lecture %.4f)%n", names[i], measured[i][0],
                    measured[i][1]);
        }
        for (int i = 0; i < names.length; i++) {
            assertThat(measured[i][0]).as("%s std", names[i]).isCloseTo(measured[i][1], within(FOUR_DECIMALS));
        }
    }

    @Test
    void kaimingsPoint() {
        // x ~ N(0, 1) of (1000, 10), W ~ N(0, 1) of (10, 200): each output sums 10 products of unit
        // variance, so its std is sqrt(10); dividing W by sqrt(fan_in) = sqrt(10) brings it back to 1.
        var g = new Generator(LectureNumbers.SEED);
        var x = Tensor.randn(g, 1000, 10);
        var w = Tensor.randn(g, 10, 200);
        double raw = Stats.std(x.matmul(w).data());
        double scaled = Stats.std(x.matmul(w.div(Math.sqrt(10))).data());
        System.out.printf(Locale.ROOT, "[lecture] Kaiming: std(x @ W) %.4f (sqrt(10) = %.4f), std(x @ W / sqrt(10)) %.4f%n",
                raw, Math.sqrt(10), scaled);
        // 200,000 outputs, but only 2,000 random weights and 10,000 inputs: a few percent of sampling spread.
        assertThat(raw).isCloseTo(Math.sqrt(10), within(0.05 * Math.sqrt(10)));
        assertThat(scaled).isCloseTo(1.0, within(0.05));
        assertThat(Stats.std(x.data())).isCloseTo(1.0, within(0.05));
        // The division is exact scaling: the ratio is sqrt(10) to rounding.
        assertThat(raw / scaled).isCloseTo(Math.sqrt(10), within(1e-5));
    }

    @Test
    void sixTanhLayersWithGainFiveThirdsStayNearStd065() {
        var step = StepZero.of(Stage.byName("deep-tanh"));
        for (var expected : LectureNumbers.DEEP_TANH_STEP0) {
            var layer = step.network().layers().get(expected.layer());
            assertThat(layer).isInstanceOf(Tanh.class);
            double std = Stats.std(layer.out().data());
            double saturated = Stats.saturatedPercent(layer.out().data(), 0.97);
            System.out.printf(Locale.ROOT, "[lecture] deep-tanh step 0 layer %d (Tanh): std %.4f (lecture %.2f), saturated"
                    + " %.4f%% (lecture %.2f%%)%n", expected.layer(), std, expected.std(), saturated,
                    expected.saturatedPercent());
            assertThat(std).isCloseTo(expected.std(), within(0.01));
            assertThat(saturated).isCloseTo(expected.saturatedPercent(), within(0.05));
        }
        // The point of the gain: deeper layers settle near 0.65 instead of shrinking towards 0.
        double last = Stats.std(step.out(9).data());
        assertThat(last).isBetween(0.6, 0.7);
    }

    @Test
    void saturationOfTheHiddenLayerAtStepZero() {
        for (var entry : new java.util.TreeMap<>(LectureNumbers.STEP0_SATURATION).entrySet()) {
            Stage stage = Stage.byName(entry.getKey());
            var expected = entry.getValue();
            var step = StepZero.of(stage);
            int tanh = indexOfTanh(step.network());
            double saturated = Stats.saturatedPercent(step.out(tanh).data(), 0.99);
            double preactStd = Stats.std(step.out(tanh - 1).data());
            System.out.printf(Locale.ROOT, "[lecture] %-10s step 0: |h| > 0.99 for %.4f%% (lecture %.2f%%), pre-activation"
                    + " std %.4f (lecture %s)%n", stage.name(), saturated, expected.percent(), preactStd,
                    Double.isNaN(expected.preactStd()) ? "-" : String.format(Locale.ROOT, "%.2f", expected.preactStd()));
            assertThat(saturated).as(stage.name()).isCloseTo(expected.percent(), within(0.05));
            if (!Double.isNaN(expected.preactStd())) {
                assertThat(preactStd).as(stage.name()).isCloseTo(expected.preactStd(), within(0.01));
            }
        }
    }

    private static int indexOfTanh(Network network) {
        for (int i = 0; i < network.layers().size(); i++) {
            if (network.layers().get(i) instanceof Tanh) {
                return i;
            }
        }
        throw new AssertionError("no Tanh layer in " + network);
    }
}
