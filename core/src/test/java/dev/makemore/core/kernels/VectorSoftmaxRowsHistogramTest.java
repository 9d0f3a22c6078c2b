package dev.makemore.core.kernels;

import static dev.makemore.core.kernels.KernelAssertions.assertClose;
import static dev.makemore.core.kernels.KernelAssertions.assertSameBits;
import static dev.makemore.core.kernels.KernelAssertions.gaussianFloats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Softmax, log-softmax, embedding gather/scatter and histogram of {@link VectorKernels}.
 *
 * <p>Softmax tolerances. The vector kernel follows PyTorch's float recipe: {@code x - max} rounded in
 * float (relative error of the exp up to {@code |x - max| * 2^-24}, about 1.2e-6 for the spread of
 * these logits), exp within 1 ulp, a float sum of at most a few hundred positive terms (a few 1e-7),
 * then one division. The oracle does everything in double. 1e-5 relative covers the sum of those
 * with margin while a wrong max, a lost tail or a mis-strided column is off by orders of magnitude.
 * Log-softmax errors are absolute (a rounded {@code x - max} and {@code log(sum)}): 1e-5 times the
 * magnitude. Double results are held to 1e-12.
 */
class VectorSoftmaxRowsHistogramTest {
    private static final Kernels VECTOR = new VectorKernels();
    private static final ScalarKernels SCALAR = new ScalarKernels();
    /** (outer, len, inner): the lecture's (32, 27) logits over dim 1, odd lengths, and column softmax. */
    private static final int[][] AXES = {
        {32, 27, 1}, {1, 27, 1}, {5, 1, 1}, {3, 15, 1}, {3, 16, 1}, {3, 17, 1}, {2, 100, 1}, {1, 1000, 1},
        {1, 27, 32}, {2, 5, 17}, {3, 4, 16}, {2, 3, 33}, {1, 32, 27}, {4, 2, 1},
    };

    @Test
    void softmaxAndLogSoftmaxMatchScalar() {
        var r = new SplittableRandom(1);
        for (int[] s : AXES) {
            int outer = s[0], len = s[1], inner = s[2], n = outer * len * inner;
            String what = Arrays.toString(s);
            float[] a = gaussianFloats(r, n, 3);
            float[] e = new float[n];
            float[] v = new float[n];
            SCALAR.softmax(a, outer, len, inner, e);
            VECTOR.softmax(a, outer, len, inner, v);
            assertClose(e, v, n, 1e-5, 1e-37, "softmax float " + what);
            assertRowsSumToOne(v, outer, len, inner, 1e-5, what);
            SCALAR.logSoftmax(a, outer, len, inner, e);
            VECTOR.logSoftmax(a, outer, len, inner, v);
            for (int i = 0; i < n; i++) {
                KernelAssertions.checkClose(e[i], v[i], 1e-5, 1e-5, i, n, "log_softmax float " + what);
            }
            // in place, as a caller reusing its buffer would
            float[] inPlace = a.clone();
            VECTOR.logSoftmax(inPlace, outer, len, inner, inPlace);
            assertSameBits(v, inPlace, n, "log_softmax float in place " + what);
            inPlace = a.clone();
            VECTOR.softmax(inPlace, outer, len, inner, inPlace);
            VECTOR.softmax(a, outer, len, inner, v);
            assertSameBits(v, inPlace, n, "softmax float in place " + what);
        }
    }

    private static void assertRowsSumToOne(float[] p, int outer, int len, int inner, double tol, String what) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    float x = p[(o * len + l) * inner + j];
                    assertThat(x).as("probability %s", what).isBetween(0f, 1f);
                    s += x;
                }
                assertThat(s).as("sum of probabilities %s at (%d, %d)", what, o, j).isCloseTo(1.0, within(tol));
            }
        }
    }

    /** Logits of +-1e4 (a saturated, badly initialised network) stay finite and normalised. */
    @Test
    void largeLogitsAreStable() {
        var r = new SplittableRandom(2);
        for (int[] s : new int[][] {{32, 27, 1}, {2, 27, 17}}) {
            int outer = s[0], len = s[1], inner = s[2], n = outer * len * inner;
            float[] a = new float[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) (r.nextBoolean() ? 1e4 : -1e4) + (float) r.nextDouble(-3, 3);
                d[i] = a[i];
            }
            float[] p = new float[n];
            VECTOR.softmax(a, outer, len, inner, p);
            for (float x : p) {
                assertThat(Float.isFinite(x)).isTrue();
            }
            assertRowsSumToOne(p, outer, len, inner, 1e-5, "logits +-1e4");
            float[] e = new float[n];
            SCALAR.softmax(a, outer, len, inner, e);
            assertClose(e, p, n, 1e-5, 1e-37, "softmax +-1e4");

            float[] lp = new float[n];
            VECTOR.logSoftmax(a, outer, len, inner, lp);
            SCALAR.logSoftmax(a, outer, len, inner, e);
            for (int i = 0; i < n; i++) {
                assertThat(Float.isFinite(lp[i])).as("log_softmax finite at %d", i).isTrue();
                // ~2e4 below the max for the -1e4 logits: float's ulp there is 2e-3, so relative 1e-6
                KernelAssertions.checkClose(e[i], lp[i], 1e-6, 1e-5, i, n, "log_softmax +-1e4");
            }
            double[] dp = new double[n];
            SCALAR.softmax(d, outer, len, inner, dp); // float64, on the scalar kernels
            for (double x : dp) {
                assertThat(Double.isFinite(x)).isTrue();
            }
        }
    }

    @Test
    void softmaxHandWorkedAndNaN() {
        float[] a = {0, (float) Math.log(3)}; // softmax = (1/4, 3/4)
        float[] p = new float[2];
        VECTOR.softmax(a, 1, 2, 1, p);
        assertThat(p[0]).isCloseTo(0.25f, within(1e-7f));
        assertThat(p[1]).isCloseTo(0.75f, within(1e-7f));
        VECTOR.logSoftmax(a, 1, 2, 1, p);
        assertThat(p[0]).isCloseTo((float) Math.log(0.25), within(1e-6f));
        // a NaN logit poisons its row only, as in the oracle (and PyTorch)
        float[] x = new float[2 * 20];
        x[5] = Float.NaN;
        float[] out = new float[40];
        VECTOR.softmax(x, 2, 20, 1, out);
        for (int i = 0; i < 20; i++) {
            assertThat(out[i]).isNaN();
            assertThat(out[20 + i]).isEqualTo(1f / 20);
        }
    }

    @Test
    void gatherAndScatterRowsAreExact() {
        var r = new SplittableRandom(3);
        for (int cols : new int[] {0, 1, 2, 10, 15, 16, 17, 30, 33, 100}) {
            int rows = 27, count = 96;
            int[] index = new int[count];
            for (int i = 0; i < count; i++) {
                index[i] = r.nextInt(rows); // many repeats, as the lecture's C[X] has
            }
            float[] table = gaussianFloats(r, rows * cols, 1);
            float[] e = new float[count * cols];
            float[] v = new float[count * cols];
            SCALAR.gatherRows(table, cols, index, e, count);
            VECTOR.gatherRows(table, cols, index, v, count);
            assertSameBits(e, v, e.length, "gather cols=" + cols);
            float[] src = gaussianFloats(r, count * cols, 1);
            float[] te = table.clone();
            float[] tv = table.clone();
            SCALAR.scatterAddRows(src, cols, index, te, count);
            VECTOR.scatterAddRows(src, cols, index, tv, count);
            assertSameBits(te, tv, te.length, "scatter-add cols=" + cols);
        }
        // by hand: row 1 picked twice gets both gradients
        float[] table = new float[3 * 2];
        VECTOR.scatterAddRows(new float[] {1, 2, 3, 4, 5, 6}, 2, new int[] {1, 0, 1}, table, 3);
        assertThat(table).containsExactly(3, 4, 6, 8, 0, 0);
    }

    @Test
    void histogramMatchesScalar() {
        var r = new SplittableRandom(4);
        for (int n : KernelAssertions.SIZES) {
            for (int bins : new int[] {1, 7, 50, 100}) {
                float[] a = KernelAssertions.uniformFloats(r, n, -1.2, 1.2);
                for (int i = 0; i < n; i += 7) {
                    a[i] = Float.NaN;
                }
                for (int i = 3; i < n; i += 11) {
                    a[i] = i % 2 == 0 ? 1f : -1f; // exactly on the range ends
                }
                long[] e = new long[bins];
                long[] v = new long[bins];
                SCALAR.histogram(a, n, -1, 1, e);
                VECTOR.histogram(a, n, -1, 1, v);
                assertThat(v).as("float n=%d bins=%d", n, bins).containsExactly(e);
            }
        }
    }

    /**
     * Values on and one ulp either side of every bin edge: the bin must be the scalar rule's
     * ({@code (int) ((v - min) / width)} in double), which a multiply by {@code 1 / width} would
     * sometimes move by one.
     */
    @Test
    void valuesOnBinEdgesLandWhereTheScalarRulePutsThem() {
        double[][] ranges = {{-1, 1, 50}, {-2, 3, 7}, {0, 1, 10}, {-3, 3, 100}, {-0.7, 0.9, 30}};
        for (double[] range : ranges) {
            double min = range[0], max = range[1];
            int bins = (int) range[2];
            double width = (max - min) / bins;
            float[] f = new float[3 * (bins + 1)];
            for (int j = 0; j <= bins; j++) {
                double edge = min + j * width;
                f[3 * j] = (float) edge;
                f[3 * j + 1] = Math.nextUp((float) edge);
                f[3 * j + 2] = Math.nextDown((float) edge);
            }
            long[] e = new long[bins];
            long[] v = new long[bins];
            SCALAR.histogram(f, f.length, min, max, e);
            VECTOR.histogram(f, f.length, min, max, v);
            assertThat(v).as("float edges of %s", Arrays.toString(range)).containsExactly(e);
        }
    }

    @Test
    void histogramEdgeCases() {
        // the maximum lands in the last bin (closed), the minimum in the first
        long[] c = new long[2];
        VECTOR.histogram(new float[] {0, 0.5f, 1, 0.25f, 0.75f, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 18, 0, 1, c);
        assertThat(c).containsExactly(2, 16);
        // NaN and out-of-range values are not counted (16 of them, so the vector path sees them)
        float[] skip = new float[20];
        Arrays.fill(skip, Float.NaN);
        skip[3] = 2f;
        skip[4] = -0.001f;
        skip[17] = Float.POSITIVE_INFINITY;
        skip[19] = 0.5f;
        long[] three = new long[3];
        VECTOR.histogram(skip, 20, 0, 1, three);
        assertThat(three).containsExactly(0, 1, 0);
        // all values equal and min == max: everything in bin 0, as the oracle does
        float[] same = new float[33];
        Arrays.fill(same, 0.3f);
        long[] five = new long[5];
        VECTOR.histogram(same, 33, 0.3f, 0.3f, five);
        assertThat(five).containsExactly(33, 0, 0, 0, 0);
        // all equal inside a wider range: one bin holds them all
        long[] ten = new long[10];
        VECTOR.histogram(same, 33, 0, 1, ten);
        assertThat(ten).containsExactly(0, 0, 0, 33, 0, 0, 0, 0, 0, 0);
        // counts add up across calls (the caller owns the array)
        VECTOR.histogram(same, 33, 0, 1, ten);
        assertThat(ten[3]).isEqualTo(66);
        // an infinite range falls back to the scalar rule without failing
        long[] inf = new long[4];
        float[] d = {1, 2, 3, Float.NaN, -5, 7, 8, 9, 10, 11};
        VECTOR.histogram(d, d.length, Double.NEGATIVE_INFINITY, 10, inf);
        long[] expected = new long[4];
        SCALAR.histogram(d, d.length, Double.NEGATIVE_INFINITY, 10, expected);
        assertThat(inf).containsExactly(expected);
    }
}
