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
 * unless it sits on a rounding boundary. A saturation percentage is compared as what it counts: the
 * number of saturated units, exactly ({@link Stats#countPrintedAs}).
 */
class LectureNumbersTest {
    /** Half a unit of a four-decimal figure. */
    static final double FOUR_DECIMALS = 5e-5;
    /** Half a unit of a two-decimal figure. */
    static final double TWO_DECIMALS = 0.005;

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
        // x ~ N(0, 1) of (1000, 10), W ~ N(0, 1) of (10, 200): an output of x @ W sums 10 products,
        // so its variance is the squared norm of its column of W, about 10; dividing W by
        // sqrt(fan_in) = sqrt(10) brings the std back to about 1.
        var g = new Generator(LectureNumbers.SEED);
        var x = Tensor.randn(g, 1000, 10);
        var w = Tensor.randn(g, 10, 200);
        double raw = Stats.std(x.matmul(w).data());
        double scaled = Stats.std(x.matmul(w.div(Math.sqrt(10))).data());
        // The oracle: the same products in double, and the std the drawn W implies, sqrt(mean |w_col|^2).
        double[] xs = x.data().toDoubleArray();
        double[] ws = w.data().toDoubleArray();
        double[] product = new double[1000 * 200];
        double sumSquares = 0;
        for (double v : ws) {
            sumSquares += v * v;
        }
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < 200; j++) {
                double sum = 0;
                for (int k = 0; k < 10; k++) {
                    sum += xs[i * 10 + k] * ws[k * 200 + j];
                }
                product[i * 200 + j] = sum;
            }
        }
        double oracle = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation(true).evaluate(product);
        double implied = Math.sqrt(sumSquares / 200);
        System.out.printf(Locale.ROOT, "[lecture] Kaiming: std(x @ W) %.6f (double %.6f, implied by W %.6f,"
                + " sqrt(10) %.6f),"
                + " std(x @ W / sqrt(10)) %.6f, std(x) %.6f%n", raw, oracle, implied, Math.sqrt(10), scaled,
                Stats.std(x.data()));
        // float32 matmul against the double oracle: rounding only.
        assertThat(raw).isCloseTo(oracle, within(1e-5 * oracle));
        assertThat(scaled).isCloseTo(oracle / Math.sqrt(10), within(1e-5 * oracle));
        // The lecture's point, for this seed's draw: 3.1608 against sqrt(10) = 3.1623, 0.9995 against 1,
        // std(x) 1.0057; a 1% bound holds each (the old 5% let a wrong fan-in slip to within 5%).
        assertThat(raw).isCloseTo(Math.sqrt(10), within(0.01 * Math.sqrt(10)));
        assertThat(scaled).isCloseTo(1.0, within(0.01));
        assertThat(Stats.std(x.data())).isCloseTo(1.0, within(0.01));
    }

    @Test
    void sixTanhLayersWithGainFiveThirdsStayNearStd065() {
        var step = StepZero.of(Stage.byName("deep-tanh"));
        for (var expected : LectureNumbers.DEEP_TANH_STEP0) {
            var layer = step.network().layers().get(expected.layer());
            assertThat(layer).isInstanceOf(Tanh.class);
            double std = Stats.std(layer.out().data());
            var out = layer.out().data();
            long saturated = Stats.saturatedCount(out, 0.97);
            long lecture = Stats.countPrintedAs(expected.saturatedPercent(), out.size());
            System.out.printf(Locale.ROOT, "[lecture] deep-tanh step 0 layer %d (Tanh): std %.4f (lecture %.2f), saturated"
                    + " %d of %d (lecture %.2f%%: %d)%n", expected.layer(), std, expected.std(), saturated, out.size(),
                    expected.saturatedPercent(), lecture);
            assertThat(std).isCloseTo(expected.std(), within(TWO_DECIMALS));
            assertThat(saturated).as("saturated units of layer %d", expected.layer()).isEqualTo(lecture);
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
            var h = step.out(tanh).data();
            long saturated = Stats.saturatedCount(h, 0.99);
            long lecture = Stats.countPrintedAs(expected.percent(), h.size());
            double preactStd = Stats.std(step.out(tanh - 1).data());
            System.out.printf(Locale.ROOT, "[lecture] %-10s step 0: |h| > 0.99 for %d of %d (lecture %.2f%%: %d),"
                    + " pre-activation std %.4f (lecture %s)%n", stage.name(), saturated, h.size(), expected.percent(),
                    lecture, preactStd,
                    Double.isNaN(expected.preactStd()) ? "-" : String.format(Locale.ROOT, "%.2f", expected.preactStd()));
            assertThat(saturated).as("saturated units of %s", stage.name()).isEqualTo(lecture);
            if (!Double.isNaN(expected.preactStd())) {
                assertThat(preactStd).as(stage.name()).isCloseTo(expected.preactStd(), within(TWO_DECIMALS));
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
