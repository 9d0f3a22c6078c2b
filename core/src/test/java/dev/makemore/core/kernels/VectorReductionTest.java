package dev.makemore.core.kernels;

import static dev.makemore.core.kernels.KernelAssertions.DOUBLE_EPS;
import static dev.makemore.core.kernels.KernelAssertions.SIZES;
import static dev.makemore.core.kernels.KernelAssertions.assertSameBits;
import static dev.makemore.core.kernels.KernelAssertions.assertUlps;
import static dev.makemore.core.kernels.KernelAssertions.checkClose;
import static dev.makemore.core.kernels.KernelAssertions.gaussianDoubles;
import static dev.makemore.core.kernels.KernelAssertions.gaussianFloats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.descriptive.summary.Sum;
import org.junit.jupiter.api.Test;

/**
 * Sums, variances and maxima of {@link VectorKernels} against the scalar oracle and Commons Math.
 *
 * <p>Tolerances. Both implementations sum floats in double, in different orders; reordering a sum of
 * {@code n} terms moves it by at most {@code n * 2^-53 * sum|a|}, far below a float ulp, so sums that
 * return a double are checked to {@code (n + 4) * 2^-53 * sum|a|} and results stored as float to one
 * float ulp (two nearly equal doubles may round to neighbouring floats) plus that reordering term.
 * Variances follow the same two-pass formula and get the same treatment. Maxima and indices are
 * exact: the same element must win, NaNs and ties included.
 */
class VectorReductionTest {
    private static final Kernels VECTOR = new VectorKernels();
    private static final ScalarKernels SCALAR = new ScalarKernels();
    /** (outer, len, inner): rows, columns, the lecture's (32, 200) over dim 0, odd widths, empty. */
    private static final int[][] AXES = {
        {1, 32, 200}, {32, 200, 1}, {32, 27, 1}, {1, 32, 27}, {2, 3, 17}, {3, 17, 1}, {5, 7, 33}, {2, 1, 16},
        {1, 6400, 3}, {4, 15, 1}, {4, 16, 1}, {4, 17, 1}, {2, 9, 8}, {2, 9, 64}, {3, 5, 31}, {1, 2, 7}, {0, 3, 4},
    };

    private static double absSum(float[] a, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += Math.abs(a[i]);
        }
        return s;
    }

    @Test
    void sumOfAllElements() {
        var r = new SplittableRandom(1);
        for (int n : SIZES) {
            float[] a = gaussianFloats(r, n, 10);
            double tol = (n + 4) * DOUBLE_EPS * absSum(a, 0, n);
            assertThat(VECTOR.sum(a, n)).as("float n=%d", n).isCloseTo(SCALAR.sum(a, n), within(tol));
            double[] d = gaussianDoubles(r, n, 10);
            double exact = new Sum().evaluate(d, 0, n);
            double dtol = (n + 4) * DOUBLE_EPS * Arrays.stream(d).map(Math::abs).sum();
            assertThat(SCALAR.sum(d, n)).as("float64 n=%d vs Commons Math", n).isCloseTo(exact, within(dtol));
        }
        assertThat(VECTOR.sum(new float[] {1, 2, 3}, 3)).isEqualTo(6.0);
        assertThat(VECTOR.sum(new float[0], 0)).isEqualTo(0.0);
    }

    /** 6400 floats (the size of a (32, 200) activation) against their exact sum in BigDecimal. */
    @Test
    void longFloatSumIsAccurate() {
        var r = new SplittableRandom(6400);
        float[] a = KernelAssertions.uniformFloats(r, 6400, -1, 1.2);
        BigDecimal exact = BigDecimal.ZERO;
        for (float f : a) {
            exact = exact.add(new BigDecimal(f));
        }
        double s = VECTOR.sum(a, a.length);
        assertThat(Math.abs(s - exact.doubleValue()) / Math.abs(exact.doubleValue())).isLessThan(1e-12);
        float[] out = new float[1];
        VECTOR.sum(a, 1, 6400, 1, out, false);
        assertThat(KernelAssertions.ulps(out[0], exact.floatValue())).isLessThanOrEqualTo(1);
        // the same numbers as one column of a (6400, 1) array, reduced over dim 0 with inner > 1
        float[] two = new float[12800];
        for (int i = 0; i < 6400; i++) {
            two[2 * i] = a[i];
            two[2 * i + 1] = -a[i];
        }
        float[] cols = new float[2];
        VECTOR.sum(two, 1, 6400, 2, cols, false);
        assertThat(KernelAssertions.ulps(cols[0], exact.floatValue())).isLessThanOrEqualTo(1);
        assertThat(KernelAssertions.ulps(cols[1], -exact.floatValue())).isLessThanOrEqualTo(1);
    }

    @Test
    void axisSums() {
        var r = new SplittableRandom(2);
        for (int[] s : AXES) {
            int outer = s[0], len = s[1], inner = s[2];
            String what = Arrays.toString(s);
            for (boolean acc : new boolean[] {false, true}) {
                float[] a = gaussianFloats(r, outer * len * inner, 3);
                float[] out0 = gaussianFloats(r, outer * inner, 3);
                float[] e = out0.clone();
                float[] v = out0.clone();
                SCALAR.sum(a, outer, len, inner, e, acc);
                VECTOR.sum(a, outer, len, inner, v, acc);
                float[] abs = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    abs[i] = Math.abs(a[i]);
                }
                float[] mass = new float[outer * inner];
                SCALAR.sum(abs, outer, len, inner, mass, false);
                for (int i = 0; i < outer * inner; i++) {
                    double tol = Math.ulp(e[i]) + (len + 4) * DOUBLE_EPS * (mass[i] + Math.abs(out0[i]));
                    checkClose(e[i], v[i], 0, tol, i, outer * inner, "sum float " + what + " acc=" + acc);
                }
            }
        }
        // (2, 3) summed over rows and over columns, by hand
        float[] m = {1, 2, 3, 4, 5, 6};
        float[] cols = new float[3];
        VECTOR.sum(m, 1, 2, 3, cols, false);
        assertThat(cols).containsExactly(5, 7, 9);
        float[] rows = {100, 100};
        VECTOR.sum(m, 2, 3, 1, rows, true);
        assertThat(rows).containsExactly(106, 115);
    }

    @Test
    void varianceAgreesWithCommonsMath() {
        var r = new SplittableRandom(3);
        for (int n : SIZES) {
            if (n < 2) {
                continue;
            }
            // an offset mean makes a one-pass formula lose digits; the two-pass one must not
            double[] d = gaussianDoubles(r, n, 2);
            for (int i = 0; i < n; i++) {
                d[i] += 1000;
            }
            float[] f = KernelAssertions.toFloats(d);
            double[] fd = new double[n];
            for (int i = 0; i < n; i++) {
                fd[i] = f[i];
            }
            assertThat(SCALAR.variance(d, n, true)).as("float64 unbiased n=%d", n)
                    .isCloseTo(new Variance(true).evaluate(d), within(1e-9 * new Variance(true).evaluate(d)));
            assertThat(SCALAR.variance(d, n, false)).as("float64 biased n=%d", n)
                    .isCloseTo(new Variance(false).evaluate(d), within(1e-9 * new Variance(false).evaluate(d)));
            assertThat(VECTOR.variance(f, n, true)).as("float unbiased n=%d", n)
                    .isCloseTo(new Variance(true).evaluate(fd), within(1e-9 * new Variance(true).evaluate(fd)));
            assertThat(VECTOR.sum(f, n) / n).as("float mean n=%d", n)
                    .isCloseTo(new Mean().evaluate(fd), within(1e-12 * 1000));
        }
        // PyTorch's conventions at the edges: one element has no unbiased variance
        assertThat(VECTOR.variance(new float[] {3}, 1, true)).isNaN();
        assertThat(VECTOR.variance(new float[] {3}, 1, false)).isEqualTo(0.0);
        assertThat(SCALAR.variance(new double[] {1, 2, 3, 4}, 4, true)).isCloseTo(5.0 / 3, within(1e-15));
    }

    @Test
    void axisVariances() {
        var r = new SplittableRandom(4);
        for (int[] s : AXES) {
            int outer = s[0], len = s[1], inner = s[2];
            for (boolean unbiased : new boolean[] {true, false}) {
                String what = Arrays.toString(s) + " unbiased=" + unbiased;
                float[] a = gaussianFloats(r, outer * len * inner, 3);
                for (int i = 0; i < a.length; i += 2) {
                    a[i] += 50;
                }
                float[] e = new float[outer * inner];
                float[] v = new float[outer * inner];
                SCALAR.variance(a, outer, len, inner, unbiased, e, null);
                VECTOR.variance(a, outer, len, inner, unbiased, v, null);
                assertUlps(e, v, outer * inner, 1, "variance float " + what);
                // With the sums from the same pass: the same variances, and the sums are sum()'s to the bit.
                for (Kernels k : new Kernels[] {SCALAR, VECTOR}) {
                    float[] alone = k == SCALAR ? e : v;
                    float[] both = new float[outer * inner];
                    float[] sums = new float[outer * inner];
                    float[] expected = new float[outer * inner];
                    k.variance(a, outer, len, inner, unbiased, both, sums);
                    k.sum(a, outer, len, inner, expected, false);
                    assertSameBits(alone, both, outer * inner, "variance beside the sums, " + k + " " + what);
                    assertSameBits(expected, sums, outer * inner, "sums beside the variance, " + k + " " + what);
                }
            }
        }
        // Infinities and NaN in columns that a row's overlapping last vector covers again (at every
        // width: 20 columns are a tail of 4 at 512 and 256 bits): only their own columns turn NaN.
        for (int inner : new int[] {20, 27, 100, 200}) {
            float[] a = gaussianFloats(r, 5 * inner, 3);
            a[2 * inner + inner - 9] = Float.POSITIVE_INFINITY;
            a[3 * inner + inner - 6] = Float.NaN;
            a[inner - 5] = Float.NEGATIVE_INFINITY;
            float[] e = new float[inner];
            float[] v = new float[inner];
            float[] es = new float[inner];
            float[] vs = new float[inner];
            SCALAR.variance(a, 1, 5, inner, true, e, es);
            VECTOR.variance(a, 1, 5, inner, true, v, vs);
            assertSameBits(e, v, inner, "variance with inf and NaN, " + inner + " columns");
            assertSameBits(es, vs, inner, "sums with inf and NaN, " + inner + " columns");
            assertThat(v[inner - 9]).isNaN();
            assertThat(v[inner - 10]).isFinite();
        }
        // BatchNorm's batch variance of a (3, 2) array over dim 0, by hand: columns {1,2,3} and {2,4,9}
        float[] x = {1, 2, 2, 4, 3, 9};
        float[] var = new float[2];
        VECTOR.variance(x, 1, 3, 2, true, var, null);
        assertThat(var[0]).isEqualTo(1f);
        assertThat(var[1]).isCloseTo(13f, within(1e-6f));
    }

    // ---- max and argmax ----

    private static void assertMaxLikeScalar(float[] a, String what) {
        int n = a.length;
        assertThat(Float.floatToIntBits(VECTOR.max(a, n))).as("max %s of %s", what, Arrays.toString(a))
                .isEqualTo(Float.floatToIntBits(SCALAR.max(a, n)));
        assertThat(VECTOR.argmax(a, n)).as("argmax %s of %s", what, Arrays.toString(a)).isEqualTo(SCALAR.argmax(a, n));
    }

    @Test
    void maxAndArgmaxMatchScalarIncludingNaNsTiesAndSignedZeros() {
        var r = new SplittableRandom(5);
        for (int n : SIZES) {
            assertMaxLikeScalar(gaussianFloats(r, n, 1), "random n=" + n);
            // ties: small integers repeat, the first largest must win
            float[] ties = new float[n];
            for (int i = 0; i < n; i++) {
                ties[i] = r.nextInt(4);
            }
            assertMaxLikeScalar(ties, "ties n=" + n);
            // signed zeros only
            float[] zeros = new float[n];
            for (int i = 0; i < n; i++) {
                zeros[i] = r.nextBoolean() ? 0f : -0f;
            }
            assertMaxLikeScalar(zeros, "signed zeros n=" + n);
            float[] ninf = new float[n];
            Arrays.fill(ninf, Float.NEGATIVE_INFINITY);
            assertMaxLikeScalar(ninf, "-inf n=" + n);
        }
        for (int n : new int[] {1, 5, 16, 17, 33, 40}) {
            for (int p = 0; p < n; p++) {
                float[] a = gaussianFloats(r, n, 1);
                a[p] = Float.NaN;
                assertMaxLikeScalar(a, "NaN at " + p);
                if (p + 3 < n) {
                    a[p + 3] = Float.NaN;
                    a[p + 1] = Float.POSITIVE_INFINITY;
                    assertMaxLikeScalar(a, "NaNs at " + p + " and " + (p + 3));
                }
            }
        }
        assertThat(VECTOR.max(new float[0], 0)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(VECTOR.argmax(new float[0], 0)).isEqualTo(-1);
        assertThat(SCALAR.argmax(new double[0], 0)).isEqualTo(-1);
        float[] known = new float[40];
        known[21] = 7;
        known[37] = 7;
        assertThat(VECTOR.argmax(known, 40)).isEqualTo(21);
        assertThat(VECTOR.max(known, 40)).isEqualTo(7);
    }

    @Test
    void axisMaxMatchesScalar() {
        var r = new SplittableRandom(6);
        for (int[] s : AXES) {
            int outer = s[0], len = s[1], inner = s[2];
            if (len == 0) {
                continue;
            }
            for (int variant = 0; variant < 3; variant++) {
                String what = Arrays.toString(s) + " variant " + variant;
                int size = outer * len * inner;
                float[] a = gaussianFloats(r, size, 1);
                for (int i = 0; i < size; i++) {
                    if (variant == 1) { // ties
                        a[i] = r.nextInt(3);
                    } else if (variant == 2 && r.nextInt(10) == 0) { // NaNs
                        a[i] = Float.NaN;
                    }
                }
                int outs = outer * inner;
                float[] ev = new float[outs];
                float[] vv = new float[outs];
                int[] ei = new int[outs];
                int[] vi = new int[outs];
                SCALAR.max(a, outer, len, inner, ev, ei);
                VECTOR.max(a, outer, len, inner, vv, vi);
                assertSameBits(ev, vv, outs, "max values float " + what);
                assertThat(vi).as("max indices float " + what).containsExactly(ei);
            }
        }
        // by hand: (3, 2) over dim 0 and over dim 1
        float[] x = {1, 5, 4, 5, 4, 0};
        float[] values = new float[2];
        int[] idx = new int[2];
        VECTOR.max(x, 1, 3, 2, values, idx);
        assertThat(values).containsExactly(4, 5);
        assertThat(idx).containsExactly(1, 0);
        float[] rowValues = new float[3];
        int[] rowIdx = new int[3];
        VECTOR.max(x, 3, 2, 1, rowValues, rowIdx);
        assertThat(rowValues).containsExactly(5, 5, 4);
        assertThat(rowIdx).containsExactly(1, 1, 0);
    }
}
