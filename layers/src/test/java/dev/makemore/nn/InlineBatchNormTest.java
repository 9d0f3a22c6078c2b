package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineBatchNormTest {
    private static final int N = 32;
    private static final int D = 6;

    private static Tensor batch(long seed) {
        var h = Tensor.randn(new Generator(seed), N, D);
        for (int k = 0; k < h.size(); k++) {
            h.data().set(k, h.data().get(k) * (1 + k % D) + 0.5 * (k % D));
        }
        return h;
    }

    private static double[] column(NdArray x, int j) {
        int n = x.dim(0), d = x.dim(1);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = x.get(i * d + j);
        }
        return c;
    }

    private static void setAffine(InlineBatchNorm bn) {
        for (int j = 0; j < D; j++) {
            bn.bngain().data().set(j, 0.5 + 0.3 * j);
            bn.bnbias().data().set(j, 0.1 * j - 0.3);
        }
    }

    @Test
    void hasTheLecturesParametersAndBuffers() {
        var bn = new InlineBatchNorm(200);
        assertThat(bn.namedParameters()).containsOnlyKeys("bngain", "bnbias");
        assertThat(bn.namedBuffers()).containsOnlyKeys("bnmean_running", "bnstd_running");
        assertThat(bn.bngain().shape().dims()).containsExactly(1, 200);
        assertThat(bn.bngain().data().toFloatArray()).containsOnly(1f);
        assertThat(bn.bnbias().data().toFloatArray()).containsOnly(0f);
        assertThat(bn.bnmeanRunning().data().toFloatArray()).containsOnly(0f);
        assertThat(bn.bnstdRunning().data().toFloatArray()).containsOnly(1f);
        assertThat(bn.numParameters()).isEqualTo(400);
        assertThat(bn.dim()).isEqualTo(200);
        assertThat(bn.momentum()).isEqualTo(0.001);
        assertThat(bn.toString()).isEqualTo("InlineBatchNorm(200, momentum=0.001)");
    }

    @Test
    void trainingForwardUsesTheUnbiasedStdWithoutEps() {
        var bn = new InlineBatchNorm(D);
        setAffine(bn);
        var h = batch(1);
        var out = bn.call(h).data();
        for (int j = 0; j < D; j++) {
            double[] c = column(h.data(), j);
            double mu = new Mean().evaluate(c);
            double sd = new StandardDeviation(true).evaluate(c);
            for (int i = 0; i < N; i++) {
                double expected = (0.5 + 0.3 * j) * (c[i] - mu) / sd + (0.1 * j - 0.3);
                assertThat(out.get(i * D + j)).isCloseTo(expected, within(2e-5));
            }
        }
    }

    @Test
    void forwardEqualsTheLecturesExpressionExactly() {
        var bn = new InlineBatchNorm(D);
        setAffine(bn);
        var h = batch(2);
        var fused = bn.call(h).data().toFloatArray();
        // hpreact = bngain * (hpreact - bnmeani) / bnstdi + bnbias
        var mean = h.mean(0, true);
        var std = h.std(0, true);
        var expected = bn.bngain().mul(h.sub(mean)).div(std).add(bn.bnbias()).data().toFloatArray();
        assertThat(fused).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {37, 200})
    void wideLayersMatchTheLecturesExpressionForwardAndBackward(int dim) {
        var g = new Generator(dim);
        var bn = new InlineBatchNorm(dim);
        Init.normal(bn.bngain().data(), 1.0, 0.2, g);
        Init.normal(bn.bnbias().data(), 0.0, 0.2, g);
        var h = Tensor.randn(g, N, dim).mul(3.0).add(1.0).detach().setRequiresGrad(true);
        var r = Tensor.randn(g, N, dim).data();
        var fused = bn.call(h);
        var composed = bn.bngain().mul(h.sub(h.mean(0, true))).div(h.std(0, true)).add(bn.bnbias());
        assertThat(fused.data().toFloatArray()).containsExactly(composed.data().toFloatArray());
        fused.backward(r);
        var dh = h.grad().copy();
        var dgain = bn.bngain().grad().copy();
        h.zeroGrad();
        bn.zeroGrad();
        composed.backward(r);
        for (int i = 0; i < dh.size(); i++) {
            assertThat(dh.get(i)).isCloseTo(h.grad().get(i), within(1e-5 + 1e-4 * Math.abs(h.grad().get(i))));
        }
        for (int j = 0; j < dim; j++) {
            assertThat(dgain.get(j)).isCloseTo(bn.bngain().grad().get(j), within(1e-4));
        }
    }

    @Test
    void runningEstimatesFollowTheLecturesUpdateInFloat32() {
        var bn = new InlineBatchNorm(D);
        var h = batch(3);
        bn.call(h);
        var mean = h.mean(0, true).data();
        var std = h.std(0, true).data();
        assertThat((float) (1 - 0.001)).isEqualTo(0.999f);
        for (int j = 0; j < D; j++) {
            // bnmean_running = 0.999 * bnmean_running + 0.001 * bnmeani (mean starts at 0, std at 1)
            assertThat((float) bn.bnmeanRunning().data().get(j)).isEqualTo(0.999f * 0f + 0.001f * (float) mean.get(j));
            assertThat((float) bn.bnstdRunning().data().get(j)).isEqualTo(0.999f * 1f + 0.001f * (float) std.get(j));
        }
        assertThat(bn.bnmeanRunning().requiresGrad()).isFalse();
    }

    @Test
    void trainingBackwardMatchesFiniteDifferences() {
        var g = new Generator(21);
        var bn = new InlineBatchNorm(4, InlineBatchNorm.LECTURE_MOMENTUM, DType.FLOAT64);
        bn.bngain().data().copyFrom(GradCheck.randomDouble(g, 0.5, 1.0, 1, 4).data());
        bn.bnbias().data().copyFrom(GradCheck.randomDouble(g, 0.5, 0.0, 1, 4).data());
        var h = GradCheck.randomDouble(g, 2.0, 0.3, 8, 4).setRequiresGrad(true);
        GradCheck.check(() -> bn.call(h), h, bn.bngain(), bn.bnbias());
    }

    @Test
    void evalBackwardMatchesFiniteDifferences() {
        var g = new Generator(22);
        var bn = new InlineBatchNorm(4, InlineBatchNorm.LECTURE_MOMENTUM, DType.FLOAT64);
        bn.bngain().data().copyFrom(GradCheck.randomDouble(g, 0.5, 1.0, 1, 4).data());
        bn.bnmeanRunning().data().copyFrom(GradCheck.randomDouble(g, 0.5, 0.0, 1, 4).data());
        bn.bnstdRunning().data().fill(1.7);
        bn.eval();
        var h = GradCheck.randomDouble(g, 2.0, 0.3, 8, 4).setRequiresGrad(true);
        GradCheck.check(() -> bn.call(h), h, bn.bngain(), bn.bnbias());
    }

    @Test
    void evalUsesRunningEstimatesUnlessExplicitStatisticsAreSet() {
        var bn = new InlineBatchNorm(D);
        setAffine(bn);
        var h = batch(4);
        bn.bnmeanRunning().data().fill(0.25);
        bn.bnstdRunning().data().fill(2.0);
        bn.eval();
        var running = bn.call(h).data();
        for (int k = 0; k < h.size(); k++) {
            int j = k % D;
            double expected = (0.5 + 0.3 * j) * (h.data().get(k) - 0.25) / 2.0 + (0.1 * j - 0.3);
            assertThat(running.get(k)).isCloseTo(expected, within(1e-5));
        }
        assertThat(bn.explicitStatistics()).isEmpty();

        var mean = NdArray.full(DType.FLOAT32, dev.makemore.core.Shape.of(D), -1.0);
        var std = NdArray.full(DType.FLOAT32, dev.makemore.core.Shape.of(1, D), 4.0);
        bn.useStatistics(mean, std);
        mean.fill(99);   // copies were taken
        var explicit = bn.call(h).data();
        for (int k = 0; k < h.size(); k++) {
            int j = k % D;
            double expected = (0.5 + 0.3 * j) * (h.data().get(k) + 1.0) / 4.0 + (0.1 * j - 0.3);
            assertThat(explicit.get(k)).isCloseTo(expected, within(1e-5));
        }
        assertThat(bn.explicitStatistics()).isPresent();

        bn.useRunningStatistics();
        assertThat(bn.call(h).data().toFloatArray()).containsExactly(running.toFloatArray());
        // Evaluation never moves the running estimates.
        assertThat(bn.bnmeanRunning().data().toFloatArray()).containsOnly(0.25f);
    }

    @Test
    void calibrateComputesTheLecturesExplicitStatistics() {
        var bn = new InlineBatchNorm(D);
        var all = batch(5);
        InlineBatchNorm.Statistics stats;
        try (var off = Grad.disabled()) {
            stats = bn.calibrate(all);
        }
        // bnmean = hpreact.mean(0, keepdim=True); bnstd = hpreact.std(0, keepdim=True)
        assertThat(stats.mean().toFloatArray()).containsExactly(all.mean(0, true).data().toFloatArray());
        assertThat(stats.std().toFloatArray()).containsExactly(all.std(0, true).data().toFloatArray());
        assertThat(stats.mean().shape().dims()).containsExactly(1, D);
        bn.eval();
        var out = bn.call(all).data();
        // Normalised with its own statistics, the calibration batch has mean 0 and unbiased std 1.
        for (int j = 0; j < D; j++) {
            assertThat(new Mean().evaluate(column(out, j))).isCloseTo(0, within(1e-6));
            assertThat(new StandardDeviation(true).evaluate(column(out, j))).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void forwardWithGivenStatisticsLeavesTheModuleAlone() {
        var bn = new InlineBatchNorm(D);
        setAffine(bn);
        var h = batch(6).setRequiresGrad(true);
        var mean = NdArray.full(DType.FLOAT32, dev.makemore.core.Shape.of(1, D), 0.5);
        var std = NdArray.full(DType.FLOAT32, dev.makemore.core.Shape.of(1, D), 3.0);
        var out = bn.forward(h, mean, std);
        assertThat(bn.out()).isNull();
        assertThat(bn.bnmeanRunning().data().toFloatArray()).containsOnly(0f);
        var expected = bn.bngain().mul(h.sub(Tensor.of(mean))).div(Tensor.of(std)).add(bn.bnbias());
        assertThat(out.data().toFloatArray()).containsExactly(expected.data().toFloatArray());
        assertThat(out.inputs()).containsExactly(h, bn.bngain(), bn.bnbias());
    }

    @Test
    void badInputsAreRejected() {
        var bn = new InlineBatchNorm(100);
        assertThatThrownBy(() -> bn.call(Tensor.zeros(DType.FLOAT32, 1, 100)))
                .hasMessage("Expected more than 1 value per channel when training, got input size (1, 100)");
        assertThatThrownBy(() -> bn.call(Tensor.zeros(DType.FLOAT32, 4, 99)))
                .hasMessage("InlineBatchNorm(100): expected input of shape (N, 100), got (4, 99)");
        var ok = NdArray.zeros(DType.FLOAT32, 100);
        assertThatThrownBy(() -> bn.useStatistics(NdArray.zeros(DType.FLOAT32, 2, 50), ok))
                .hasMessage("InlineBatchNorm(100): mean must have shape (1, 100) or (100), got (2, 50)");
        assertThatThrownBy(() -> bn.useStatistics(ok, NdArray.zeros(DType.FLOAT64, 100)))
                .hasMessage("InlineBatchNorm(100): std is float64, expected float32");
        assertThatThrownBy(() -> new InlineBatchNorm(0)).hasMessageContaining("dim must be positive");
        assertThatThrownBy(() -> new InlineBatchNorm(3, -0.1, DType.FLOAT32)).hasMessageContaining("momentum");
    }
}
