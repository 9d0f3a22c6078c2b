package dev.makemore.core.kernels;

import static dev.makemore.core.kernels.KernelAssertions.assertSameBits;
import static dev.makemore.core.kernels.KernelAssertions.gaussianFloats;
import static dev.makemore.core.kernels.KernelAssertions.uniformFloats;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BatchNorm's fused loops, vector against scalar, over {@code (n, d)} batches whose width {@code d}
 * sits around the vector lengths (the lecture's 200 and 100 hidden units, its 27 logits). Each loop is
 * a fixed sequence of float operations, every column summed down its rows in order, with no FMA: the
 * two must agree bit for bit, which is what lets {@code -Dmakemore.kernels=scalar} re-check
 * {@code BatchNorm1d} and the lecture's inline BatchNorm exactly.
 */
class VectorBatchNormTest {
    private static final Kernels VECTOR = new VectorKernels();
    private static final Kernels SCALAR = new ScalarKernels();
    /** (n, d): the lecture's layers, widths either side of 4, 8 and 16 floats, empty batches. */
    private static final int[][] BATCHES = {
        {32, 200}, {32, 100}, {32, 27}, {1, 1}, {7, 3}, {5, 15}, {3, 16}, {4, 17}, {2, 33}, {0, 5}, {5, 0},
    };

    /** The per-column statistics and parameters of one batch; {@code std} positive, {@code inv} its reciprocal. */
    private record Columns(float[] mean, float[] std, float[] inv, float[] gamma, float[] beta) {
        static Columns random(SplittableRandom r, int d) {
            float[] std = uniformFloats(r, d, 0.3, 3);
            float[] inv = new float[d];
            for (int j = 0; j < d; j++) {
                inv[j] = 1 / std[j];
            }
            return new Columns(gaussianFloats(r, d, 1), std, inv, gaussianFloats(r, d, 1), gaussianFloats(r, d, 1));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void forwardIsExact(boolean affine) {
        var r = new SplittableRandom(affine ? 1 : 2);
        for (int[] b : BATCHES) {
            int n = b[0], d = b[1];
            String what = n + "x" + d + (affine ? "" : " without gamma");
            float[] x = gaussianFloats(r, n * d, 3);
            var c = Columns.random(r, d);
            float[] gamma = affine ? c.gamma() : null;
            float[] e = new float[n * d];
            float[] v = new float[n * d];
            SCALAR.batchNorm(x, c.mean(), c.std(), gamma, c.beta(), e, n, d);
            VECTOR.batchNorm(x, c.mean(), c.std(), gamma, c.beta(), v, n, d);
            assertSameBits(e, v, n * d, "batchNorm " + what);
            float[] inPlace = x.clone();
            VECTOR.batchNorm(inPlace, c.mean(), c.std(), gamma, c.beta(), inPlace, n, d);
            assertSameBits(e, inPlace, n * d, "batchNorm in place " + what);
            if (affine) {
                SCALAR.batchNormInline(x, c.mean(), c.std(), c.gamma(), c.beta(), e, n, d);
                VECTOR.batchNormInline(x, c.mean(), c.std(), c.gamma(), c.beta(), v, n, d);
                assertSameBits(e, v, n * d, "batchNormInline " + what);
                inPlace = x.clone();
                VECTOR.batchNormInline(inPlace, c.mean(), c.std(), c.gamma(), c.beta(), inPlace, n, d);
                assertSameBits(e, inPlace, n * d, "batchNormInline in place " + what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void backwardIsExact(int seed) {
        var r = new SplittableRandom(seed);
        for (int[] b : BATCHES) {
            int n = b[0], d = b[1];
            String what = n + "x" + d;
            float[] g = gaussianFloats(r, n * d, 1);
            float[] x = gaussianFloats(r, n * d, 3);
            var c = Columns.random(r, d);
            float[] a = gaussianFloats(r, d, 1);
            float[] out0 = gaussianFloats(r, n * d, 1);
            // Batch statistics (the lecture's n / (n - 1) correction), fixed ones (NaN), sums alone.
            for (double correction : new double[] {n / (n - 1.0), Double.NaN, -1}) {
                boolean sumsOnly = correction == -1;
                String how = what + (sumsOnly ? " sums only" : " correction " + correction);
                float[] sumG = new float[d];
                float[] sumGX = new float[d];
                float[] vSumG = new float[d];
                float[] vSumGX = new float[d];
                float[] e = sumsOnly ? null : out0.clone();
                float[] v = sumsOnly ? null : out0.clone();
                SCALAR.batchNormBackward(g, x, c.mean(), c.inv(), a, correction, sumG, sumGX, e, n, d);
                VECTOR.batchNormBackward(g, x, c.mean(), c.inv(), a, correction, vSumG, vSumGX, v, n, d);
                assertSameBits(sumG, vSumG, d, "batchNormBackward sum(g) " + how);
                assertSameBits(sumGX, vSumGX, d, "batchNormBackward sum(g * xhat) " + how);
                if (!sumsOnly) {
                    assertSameBits(e, v, n * d, "batchNormBackward dx " + how);
                }
            }
        }
    }

    /** A (2, 2) batch by hand, so that both agreeing on a wrong formula cannot pass. */
    @ParameterizedTest
    @ValueSource(strings = {"vector", "scalar"})
    void handWorked(String which) {
        Kernels k = which.equals("vector") ? VECTOR : SCALAR;
        float[] x = {1, 10, 3, 30};
        float[] mean = {2, 20};
        float[] std = {1, 10};
        float[] out = new float[4];
        k.batchNorm(x, mean, std, new float[] {2, 3}, new float[] {0.5f, -1}, out, 2, 2);
        assertThat(out).containsExactly(-1.5f, -4, 2.5f, 2);
        k.batchNormInline(x, mean, std, new float[] {2, 3}, new float[] {0.5f, -1}, out, 2, 2);
        assertThat(out).containsExactly(-1.5f, -4, 2.5f, 2);
        float[] g = {1, 2, 3, 4};
        float[] inv = {1, 0.1f};
        float[] sumG = new float[2];
        float[] sumGX = new float[2];
        float[] dx = {100, 100, 100, 100};
        // Batch statistics with correction 3: b = sumG / n, k = 3 * sumGX / n.
        k.batchNormBackward(g, x, mean, inv, new float[] {2, 1}, 3, sumG, sumGX, dx, 2, 2);
        // xhat = {-1, -1, 1, 1}
        assertThat(sumG).containsExactly(4, 6);
        assertThat(sumGX).containsExactly(2, 2);
        // a * (g - b - xhat * k), b = {2, 3}, k = {3, 3}: column 0 {2 * (1 - 2 + 3), 2 * (3 - 2 - 3)},
        // column 1 {2 - 3 + 3, 4 - 3 - 3}
        assertThat(dx).containsExactly(104, 102, 96, 98);
        // Fixed statistics: b = k = 0, so dx = a * g.
        float[] fixed = {100, 100, 100, 100};
        k.batchNormBackward(g, x, mean, inv, new float[] {2, 1}, Double.NaN, sumG, sumGX, fixed, 2, 2);
        assertThat(fixed).containsExactly(102, 102, 106, 104);
    }
}
