package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d.Variance;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchNorm1dTest {
    private static final int N = 32;
    private static final int D = 5;

    /** A float32 (32, 5) batch with columns of different means and spreads. */
    private static Tensor batch(long seed) {
        var x = Tensor.randn(new Generator(seed), N, D);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                int k = i * D + j;
                x.data().set(k, x.data().get(k) * (1 + j) + (j - 2));
            }
        }
        return x;
    }

    private static double[] column(NdArray x, int j) {
        int n = x.dim(0), d = x.dim(1);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = x.get(i * d + j);
        }
        return c;
    }

    private static double mean(double[] c) {
        return new Mean().evaluate(c);
    }

    private static double variance(double[] c, boolean unbiased) {
        return new org.apache.commons.math3.stat.descriptive.moment.Variance(unbiased).evaluate(c);
    }

    /** Gives gamma and beta values other than 1 and 0, so that a swap of the two would show. */
    private static void setAffine(BatchNorm1d bn) {
        for (int j = 0; j < bn.dim(); j++) {
            bn.gamma().data().set(j, 1.0 + 0.25 * j);
            bn.beta().data().set(j, 0.5 - 0.2 * j);
        }
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void trainingForwardNormalisesWithBatchStatistics(Variance convention) {
        var bn = new BatchNorm1d(D, convention);
        setAffine(bn);
        var x = batch(1);
        var out = bn.call(x).data();
        for (int j = 0; j < D; j++) {
            double[] c = column(x.data(), j);
            double mu = mean(c);
            double var = variance(c, convention == Variance.LECTURE);
            double gamma = 1.0 + 0.25 * j, beta = 0.5 - 0.2 * j;
            for (int i = 0; i < N; i++) {
                double expected = gamma * (c[i] - mu) / Math.sqrt(var + 1e-5) + beta;
                assertThat(out.get(i * D + j)).as("out[%d, %d]", i, j).isCloseTo(expected, within(2e-5));
            }
        }
    }

    @Test
    void theTwoConventionsDifferBySqrtOfNOverNMinusOne() {
        var x = batch(2);
        var torch = BatchNorm1d.torch(D).call(x).data();
        var lecture = BatchNorm1d.lecture(D).call(x).data();
        // Away from zero: eps is negligible next to these variances.
        for (int i = 0; i < x.size(); i++) {
            if (Math.abs(lecture.get(i)) > 0.1) {
                assertThat(torch.get(i) / lecture.get(i)).isCloseTo(Math.sqrt(32.0 / 31.0), within(1e-4));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void runningStatisticsAreUpdatedWithTheUnbiasedVariance(Variance convention) {
        var bn = new BatchNorm1d(D, convention);
        var x1 = batch(3);
        var x2 = batch(4);
        bn.call(x1);
        bn.call(x2);
        for (int j = 0; j < D; j++) {
            double m1 = mean(column(x1.data(), j)), m2 = mean(column(x2.data(), j));
            double v1 = variance(column(x1.data(), j), true), v2 = variance(column(x2.data(), j), true);
            double rm = 0.9 * (0.9 * 0.0 + 0.1 * m1) + 0.1 * m2;
            double rv = 0.9 * (0.9 * 1.0 + 0.1 * v1) + 0.1 * v2;
            assertThat(bn.runningMean().data().get(j)).isCloseTo(rm, within(1e-6));
            assertThat(bn.runningVar().data().get(j)).isCloseTo(rv, within(1e-5));
        }
    }

    @Test
    void lectureRunningUpdateFollowsTheLecturesFloat32Arithmetic() {
        var bn = BatchNorm1d.lecture(D);
        var x = batch(5);
        bn.runningMean().data().fill(0.3);
        bn.runningVar().data().fill(1.7);
        bn.call(x);
        var xmean = x.mean(0, true).data();
        var xvar = x.var(0, true).data();
        for (int j = 0; j < D; j++) {
            // (1 - momentum) * running + momentum * batch, each Python scalar rounded to float32 first.
            float rm = 0.9f * 0.3f + 0.1f * (float) xmean.get(j);
            float rv = 0.9f * 1.7f + 0.1f * (float) xvar.get(j);
            assertThat((float) bn.runningMean().data().get(j)).isEqualTo(rm);
            assertThat((float) bn.runningVar().data().get(j)).isEqualTo(rv);
        }
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void evalModeUsesTheRunningStatisticsAndChangesNothing(Variance convention) {
        var bn = new BatchNorm1d(D, convention);
        setAffine(bn);
        for (int j = 0; j < D; j++) {
            bn.runningMean().data().set(j, 0.1 * j - 0.2);
            bn.runningVar().data().set(j, 0.5 + j);
        }
        var before = bn.runningMean().data().copy();
        bn.eval();
        var x = batch(6);
        var out = bn.call(x).data();
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                double rm = (float) (0.1 * j - 0.2), rv = 0.5 + j;
                double expected = (1.0 + 0.25 * j) * (x.data().get(i * D + j) - rm) / Math.sqrt(rv + 1e-5) + (0.5 - 0.2 * j);
                assertThat(out.get(i * D + j)).isCloseTo(expected, within(2e-5));
            }
        }
        assertThat(bn.runningMean().data().toDoubleArray()).containsExactly(before.toDoubleArray());
        // A batch of one is fine in evaluation mode.
        assertThat(bn.call(Tensor.of(new float[D], 1, D)).shape().dims()).containsExactly(1, D);
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void fusedForwardEqualsTheLecturesExpressionExactly(Variance convention) {
        var bn = new BatchNorm1d(D, convention);
        setAffine(bn);
        var x = batch(7);
        var fused = bn.call(x).data();
        boolean unbiased = convention == Variance.LECTURE;
        // xhat = (x - xmean) / torch.sqrt(xvar + self.eps); self.out = self.gamma * xhat + self.beta
        var xhat = x.sub(x.mean(0, true)).div(x.var(0, true, unbiased).add(1e-5).sqrt());
        var expected = bn.gamma().mul(xhat).add(bn.beta()).data();
        assertThat(fused.toFloatArray()).containsExactly(expected.toFloatArray());
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void fusedBackwardAgreesWithAutogradThroughTheLecturesExpression(Variance convention) {
        var bn = new BatchNorm1d(D, convention);
        setAffine(bn);
        var x = batch(8).setRequiresGrad(true);
        var r = batch(9).data();
        bn.call(x).backward(r);
        var dx = x.grad().copy();
        var dgamma = bn.gamma().grad().copy();
        var dbeta = bn.beta().grad().copy();

        x.zeroGrad();
        bn.zeroGrad();
        boolean unbiased = convention == Variance.LECTURE;
        var xhat = x.sub(x.mean(0, true)).div(x.var(0, true, unbiased).add(1e-5).sqrt());
        bn.gamma().mul(xhat).add(bn.beta()).backward(r);
        for (int i = 0; i < dx.size(); i++) {
            assertThat(dx.get(i)).isCloseTo(x.grad().get(i), within(1e-5 + 1e-4 * Math.abs(x.grad().get(i))));
        }
        for (int j = 0; j < D; j++) {
            assertThat(dgamma.get(j)).isCloseTo(bn.gamma().grad().get(j), within(1e-4));
            assertThat(dbeta.get(j)).isCloseTo(bn.beta().grad().get(j), within(1e-4));
        }
    }

    /**
     * Wide layers run the SIMD body of the fused loops (the 5-column tests above run only their scalar
     * tails): 37 and 200 columns are whole vectors plus a tail on both AVX2 and AVX-512.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"37, LECTURE", "37, TORCH_NN", "200, LECTURE", "200, TORCH_NN"})
    void wideLayersMatchTheLecturesExpressionForwardAndBackward(int dim, Variance convention) {
        var g = new Generator(dim);
        var bn = new BatchNorm1d(dim, convention);
        Init.normal(bn.gamma().data(), 1.0, 0.2, g);
        Init.normal(bn.beta().data(), 0.0, 0.2, g);
        var x = Tensor.randn(g, N, dim).mul(3.0).add(1.0).detach().setRequiresGrad(true);
        var r = Tensor.randn(g, N, dim).data();
        var fused = bn.call(x);
        boolean unbiased = convention == Variance.LECTURE;
        var xhat = x.sub(x.mean(0, true)).div(x.var(0, true, unbiased).add(1e-5).sqrt());
        var composed = bn.gamma().mul(xhat).add(bn.beta());
        assertThat(fused.data().toFloatArray()).containsExactly(composed.data().toFloatArray());

        fused.backward(r);
        var dx = x.grad().copy();
        var dgamma = bn.gamma().grad().copy();
        var dbeta = bn.beta().grad().copy();
        x.zeroGrad();
        bn.zeroGrad();
        composed.backward(r);
        for (int i = 0; i < dx.size(); i++) {
            assertThat(dx.get(i)).isCloseTo(x.grad().get(i), within(1e-5 + 1e-4 * Math.abs(x.grad().get(i))));
        }
        for (int j = 0; j < dim; j++) {
            assertThat(dgamma.get(j)).isCloseTo(bn.gamma().grad().get(j), within(1e-4));
            assertThat(dbeta.get(j)).isCloseTo(bn.beta().grad().get(j), within(1e-4));
        }

        // Evaluation mode: the running statistics (moved by the forward above) through the same loops.
        bn.eval();
        x.zeroGrad();
        bn.zeroGrad();
        var evalFused = bn.call(x);
        var evalXhat = x.sub(bn.runningMean()).div(bn.runningVar().add(1e-5).sqrt());
        var evalComposed = bn.gamma().mul(evalXhat).add(bn.beta());
        assertThat(evalFused.data().toFloatArray()).containsExactly(evalComposed.data().toFloatArray());
        evalFused.backward(r);
        dx = x.grad().copy();
        x.zeroGrad();
        evalComposed.backward(r);
        for (int i = 0; i < dx.size(); i++) {
            assertThat(dx.get(i)).isCloseTo(x.grad().get(i), within(1e-5 + 1e-4 * Math.abs(x.grad().get(i))));
        }
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void trainingBackwardMatchesFiniteDifferences(Variance convention) {
        var g = new Generator(11);
        var bn = new BatchNorm1d(4, 1e-5, 0.1, true, true, convention, DType.FLOAT64);
        var gamma = GradCheck.randomDouble(g, 0.5, 1.0, 4).data();
        bn.gamma().data().copyFrom(gamma);
        bn.beta().data().copyFrom(GradCheck.randomDouble(g, 0.5, 0.0, 4).data());
        var x = GradCheck.randomDouble(g, 2.0, 0.5, 8, 4).setRequiresGrad(true);
        GradCheck.check(() -> bn.call(x), x, bn.gamma(), bn.beta());
    }

    @ParameterizedTest
    @EnumSource(Variance.class)
    void evalBackwardMatchesFiniteDifferences(Variance convention) {
        var g = new Generator(12);
        var bn = new BatchNorm1d(4, 1e-5, 0.1, true, true, convention, DType.FLOAT64);
        bn.gamma().data().copyFrom(GradCheck.randomDouble(g, 0.5, 1.0, 4).data());
        bn.runningMean().data().copyFrom(GradCheck.randomDouble(g, 0.5, 0.0, 4).data());
        bn.runningVar().data().fill(2.5);
        bn.eval();
        var x = GradCheck.randomDouble(g, 2.0, 0.5, 8, 4).setRequiresGrad(true);
        GradCheck.check(() -> bn.call(x), x, bn.gamma(), bn.beta());
    }

    @Test
    void backwardWithoutAffineParametersMatchesFiniteDifferences() {
        var g = new Generator(13);
        var bn = new BatchNorm1d(3, 1e-5, 0.1, false, true, Variance.LECTURE, DType.FLOAT64);
        var x = GradCheck.randomDouble(g, 1.5, -0.5, 6, 3).setRequiresGrad(true);
        GradCheck.check(() -> bn.call(x), x);
        bn.eval();
        GradCheck.check(() -> bn.call(x), x);
    }

    @Test
    void runningStatisticsAreNotPartOfTheGraph() {
        var bn = BatchNorm1d.lecture(D);
        var x = batch(14).setRequiresGrad(true);
        var out = bn.call(x);
        assertThat(out.inputs()).containsExactly(x, bn.gamma(), bn.beta());
        assertThat(bn.runningMean().requiresGrad()).isFalse();
        assertThat(bn.runningVar().requiresGrad()).isFalse();
        out.backward(batch(15).data());
        assertThat(bn.runningMean().grad()).isNull();
        assertThat(bn.runningVar().grad()).isNull();
        assertThat(bn.namedBuffers()).containsOnlyKeys("running_mean", "running_var");
        assertThat(bn.namedParameters()).containsOnlyKeys("weight", "bias");
    }

    @Test
    void aBatchOfOneIsRejectedInTrainingModeWithPyTorchsMessage() {
        var bn = BatchNorm1d.torch(100);
        assertThatThrownBy(() -> bn.call(Tensor.zeros(DType.FLOAT32, 1, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected more than 1 value per channel when training, got input size (1, 100)");
    }

    @Test
    void inputsOfTheWrongShapeAreRejected() {
        var bn = BatchNorm1d.lecture(100);
        assertThatThrownBy(() -> bn.call(Tensor.zeros(DType.FLOAT32, 32, 27)))
                .hasMessage("BatchNorm1d(100): expected input of shape (N, 100), got (32, 27)");
        assertThatThrownBy(() -> bn.call(Tensor.zeros(DType.FLOAT32, 100)))
                .hasMessageContaining("expected input of shape (N, 100), got (100)");
    }

    @Test
    void constructorArgumentsAreChecked() {
        assertThatThrownBy(() -> BatchNorm1d.lecture(0)).hasMessageContaining("dim must be positive");
        assertThatThrownBy(() -> new BatchNorm1d(3, -1, 0.1, true, true, Variance.LECTURE))
                .hasMessageContaining("eps");
        assertThatThrownBy(() -> new BatchNorm1d(3, 1e-5, 1.5, true, true, Variance.LECTURE))
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> new BatchNorm1d(3, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void explicitStatisticsAreCheckedAndKeptInTheBuffersShape() {
        var bn = BatchNorm1d.lecture(D);
        var ok = NdArray.zeros(DType.FLOAT32, 1, D);
        assertThatThrownBy(() -> bn.useStatistics(NdArray.zeros(DType.FLOAT32, D, 1), ok))
                .hasMessage("BatchNorm1d(5): mean must have shape (1, 5) or (5), got (5, 1)");
        assertThatThrownBy(() -> bn.useStatistics(ok, NdArray.zeros(DType.FLOAT64, D)))
                .hasMessage("BatchNorm1d(5): var is float64, expected float32");
        var mean = NdArray.ones(DType.FLOAT32, 1, D);
        var var = NdArray.ones(DType.FLOAT32, D);
        ArrayMath.binary(BinaryOp.MUL, var, 4.0, var);
        bn.useStatistics(mean, var);
        bn.eval();
        var x = batch(18);
        var y = bn.call(x).data();
        for (int k = 0; k < x.size(); k++) {
            // The explicit statistics (mean 1, var 4), not the running ones (0 and 1 before any training).
            assertThat(y.get(k)).isCloseTo((x.data().get(k) - 1) / Math.sqrt(4 + 1e-5), within(1e-5));
        }
        assertThat(bn.runningMean().shape()).hasToString("(5)");
        var untracked = new BatchNorm1d(D, 1e-5, 0.1, true, false, Variance.LECTURE);
        assertThatThrownBy(() -> untracked.useStatistics(ok, ok))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keeps no running statistics");
    }

    @Test
    void withoutRunningStatisticsBatchStatisticsAreUsedInBothModes() {
        var bn = new BatchNorm1d(D, 1e-5, 0.1, false, false, Variance.TORCH_NN);
        assertThat(bn.parameters()).isEmpty();
        assertThat(bn.stateDict()).isEmpty();
        assertThat(bn.affine()).isFalse();
        assertThat(bn.tracksRunningStats()).isFalse();
        assertThat(bn.gamma()).isNull();
        assertThat(bn.runningVar()).isNull();
        var x = batch(16);
        var train = bn.call(x).data().toFloatArray();
        bn.eval();
        assertThat(bn.call(x).data().toFloatArray()).containsExactly(train);
        for (int j = 0; j < D; j++) {
            double[] c = column(bn.out().data(), j);
            assertThat(mean(c)).isCloseTo(0.0, within(1e-6));
            assertThat(variance(c, false)).isCloseTo(1.0, within(1e-3));
        }
    }

    @Test
    void noGradForwardsInTrainingModeStillUpdateRunningStatisticsButRecordNothing() {
        var bn = BatchNorm1d.lecture(D);
        var x = batch(17);
        try (var off = Grad.disabled()) {
            bn.call(x);
        }
        assertThat(bn.out()).isNull();
        assertThat(bn.runningMean().data().get(0)).isNotEqualTo(0.0);
    }

    @Test
    void accessorsAndDescription() {
        var bn = new BatchNorm1d(7, 1e-3, 0.2, true, true, Variance.LECTURE);
        assertThat(bn.dim()).isEqualTo(7);
        assertThat(bn.eps()).isEqualTo(1e-3);
        assertThat(bn.momentum()).isEqualTo(0.2);
        assertThat(bn.variance()).isEqualTo(Variance.LECTURE);
        assertThat(bn.affine()).isTrue();
        assertThat(bn.tracksRunningStats()).isTrue();
        assertThat(Variance.TORCH_NN.unbiasedNormalization()).isFalse();
        assertThat(bn.displayName()).isEqualTo("BatchNorm1d");
        assertThat(bn.toString()).isEqualTo(
                "BatchNorm1d(7, eps=0.001, momentum=0.2, affine=true, track_running_stats=true, variance=LECTURE)");
        assertThat(bn.numParameters()).isEqualTo(14);
        assertThat(BatchNorm1d.torch(3).variance()).isEqualTo(Variance.TORCH_NN);
    }

    // ---- the lecture's point: a bias before BatchNorm gets no gradient ----

    private static IntArray contexts(Generator g) {
        return IntArray.of(g.randint(0, 27, N * 3), N, 3);
    }

    @Test
    void theBiasOfALinearBeforeBatchNormGetsNoGradientInFloat32() {
        var g = new Generator(Generator.LECTURE_SEED);
        var lin = new Linear(30, 200, true, g);
        var model = new Sequential(new Embedding(27, 10, g), new Flatten(), lin, BatchNorm1d.lecture(200), new Tanh(),
                new Linear(200, 27, true, g));
        var x = contexts(g);
        var y = IntArray.of(g.randint(0, 27, N));
        F.crossEntropy(model.call(x), y).backward();
        // Mathematically every column of dL/dhpreact sums to zero, so b1.grad = 0. In float32 each of the
        // 200 entries is the sum of 32 rounded terms of up to ~1e-2 whose exact sum is 0; what remains is
        // rounding, a few ulps of the terms (2^-24 * 1e-2 ~ 6e-10 each; measured: at most ~3e-9 over
        // several seeds), and it is not exactly 0.0f. So the test bounds it by 1e-7, 10^5 times smaller
        // than the gradient W1 gets from the same batch.
        double maxW = 0;
        for (float v : lin.weight().grad().toFloatArray()) {
            maxW = Math.max(maxW, Math.abs(v));
        }
        assertThat(maxW).as("W1 does get a gradient").isGreaterThan(1e-3);
        for (float v : lin.bias().grad().toFloatArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1e-7f);
        }
    }

    @Test
    void theBiasOfALinearBeforeBatchNormGetsNoGradientInFloat64() {
        var g = new Generator(Generator.LECTURE_SEED);
        var c = Tensor.of(Tensor.randn(g, 27, 10).data().to(DType.FLOAT64));
        var w1 = Tensor.of(Tensor.randn(g, 30, 200).data().to(DType.FLOAT64));
        var b1 = Tensor.of(Tensor.randn(g, 200).data().to(DType.FLOAT64));
        var w2 = Tensor.of(Tensor.randn(g, 200, 27).data().to(DType.FLOAT64));
        var model = new Sequential(new Embedding(c), new Flatten(), new Linear(w1, b1),
                new BatchNorm1d(200, 1e-5, 0.1, true, true, Variance.LECTURE, DType.FLOAT64), new Tanh(),
                new Linear(w2, null));
        F.crossEntropy(model.call(contexts(g)), IntArray.of(g.randint(0, 27, N))).backward();
        for (double v : b1.grad().toDoubleArray()) {
            assertThat(Math.abs(v)).isLessThan(1e-15);
        }
    }
}
