package dev.makemore.core.kernels;

import static dev.makemore.core.kernels.KernelAssertions.SIZES;
import static dev.makemore.core.kernels.KernelAssertions.assertSameBits;
import static dev.makemore.core.kernels.KernelAssertions.assertUlps;
import static dev.makemore.core.kernels.KernelAssertions.gaussianFloats;
import static dev.makemore.core.kernels.KernelAssertions.ulps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Elementwise vector kernels against the scalar oracle at lengths around the vector width.
 *
 * <p>Tolerances. +, -, *, /, sqrt, neg, abs are correctly rounded in IEEE 754 whatever the lane, and
 * the kernels use no FMA where the scalar code rounds twice, so those must match bit for bit (NaN
 * payloads aside). tanh, exp, log and pow come from the JDK's SIMD library (SVML on x86, documented
 * within 1 ulp); the oracle is the double result rounded to float, itself within half an ulp of the
 * true value, so float results may differ by 1 ulp and are allowed 2.
 */
class VectorElementwiseTest {
    private static final Kernels VECTOR = new VectorKernels();
    private static final Kernels SCALAR = new ScalarKernels();
    private static final int[][] MATRICES = {
        {0, 5}, {5, 0}, {1, 1}, {3, 15}, {2, 16}, {5, 17}, {32, 27}, {32, 200}, {7, 33}, {4, 1}, {1, 1000},
    };

    /** Sprinkles special values over an array so every kernel meets them in lanes and tails alike. */
    private static void sprinkle(float[] a, SplittableRandom r) {
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            -Float.MIN_NORMAL, 1e30f, -1e-30f};
        for (int i = 0; i < a.length; i++) {
            if (r.nextInt(8) == 0) {
                a[i] = specials[r.nextInt(specials.length)];
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binarySameShapeIsExact(BinaryOp op) {
        var r = new SplittableRandom(op.ordinal());
        for (int n : SIZES) {
            float[] a = gaussianFloats(r, n, 3);
            float[] b = gaussianFloats(r, n, 3);
            sprinkle(a, r);
            sprinkle(b, r);
            float[] expected = new float[n];
            float[] actual = new float[n];
            SCALAR.binary(op, a, b, expected, n);
            VECTOR.binary(op, a, b, actual, n);
            assertSameBits(expected, actual, n, op + " float n=" + n);
            // in place: out is a
            float[] inPlace = a.clone();
            VECTOR.binary(op, inPlace, b, inPlace, n);
            assertSameBits(expected, inPlace, n, op + " float in place n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryBroadcastFormsAreExact(BinaryOp op) {
        var r = new SplittableRandom(100 + op.ordinal());
        for (int[] s : MATRICES) {
            int rows = s[0], cols = s[1], n = rows * cols;
            String what = op + " " + rows + "x" + cols;
            float[] a = gaussianFloats(r, n, 2);
            float[] row = gaussianFloats(r, cols, 2);
            float[] col = gaussianFloats(r, rows, 2);
            sprinkle(a, r);
            float scalar = (float) KernelAssertions.gaussian(r);
            float[] e = new float[n];
            float[] v = new float[n];
            SCALAR.binaryRow(op, a, row, e, rows, cols);
            VECTOR.binaryRow(op, a, row, v, rows, cols);
            assertSameBits(e, v, n, what + " row float");
            SCALAR.binaryColumn(op, a, col, e, rows, cols);
            VECTOR.binaryColumn(op, a, col, v, rows, cols);
            assertSameBits(e, v, n, what + " column float");
            SCALAR.binaryScalar(op, a, scalar, e, n);
            VECTOR.binaryScalar(op, a, scalar, v, n);
            assertSameBits(e, v, n, what + " scalar float");
        }
    }

    @Test
    void binaryHandWorked() {
        float[] a = {1, 2, 3, 4, 5, 6}; // (2, 3)
        float[] out = new float[6];
        VECTOR.binaryRow(BinaryOp.SUB, a, new float[] {1, 1, 2}, out, 2, 3);
        assertThat(out).containsExactly(0, 1, 1, 3, 4, 4);
        VECTOR.binaryColumn(BinaryOp.DIV, a, new float[] {2, 4}, out, 2, 3);
        assertThat(out).containsExactly(0.5f, 1, 1.5f, 1, 1.25f, 1.5f);
        VECTOR.binaryScalar(BinaryOp.MUL, a, 3f, out, 6);
        assertThat(out).containsExactly(3, 6, 9, 12, 15, 18);
    }

    @Test
    void axpyIsExactAndAccumulates() {
        var r = new SplittableRandom(3);
        for (int n : SIZES) {
            float[] x = gaussianFloats(r, n, 1);
            float[] y0 = gaussianFloats(r, n, 1);
            float[] e = y0.clone();
            float[] v = y0.clone();
            SCALAR.axpy(-0.1f, x, e, n);
            VECTOR.axpy(-0.1f, x, v, n);
            assertSameBits(e, v, n, "axpy float n=" + n);
        }
        float[] y = {1, 1, 1};
        VECTOR.axpy(2f, new float[] {1, 2, 3}, y, 3);
        assertThat(y).containsExactly(3, 5, 7);
    }

    private static final UnaryOp[] EXACT = {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQRT};

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesScalar(UnaryOp op) {
        boolean exact = java.util.Arrays.asList(EXACT).contains(op);
        long floatUlps = exact ? 0 : 2;
        var r = new SplittableRandom(200 + op.ordinal());
        for (int n : SIZES) {
            float[] a = op == UnaryOp.EXP ? KernelAssertions.uniformFloats(r, n, -100, 88) : gaussianFloats(r, n, 4);
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.abs(a[i]) * (i % 3 == 0 ? 1e-20f : 1f);
                }
            }
            sprinkle(a, r);
            float[] e = new float[n];
            float[] v = new float[n];
            SCALAR.unary(op, a, e, n);
            VECTOR.unary(op, a, v, n);
            assertUlps(e, v, n, floatUlps, op + " float n=" + n);
            float[] inPlace = a.clone();
            VECTOR.unary(op, inPlace, inPlace, n);
            assertSameBits(v, inPlace, n, op + " float in place n=" + n);
        }
    }

    /** The partial last vector runs the same SIMD function as the body: equal inputs, equal outputs, at any index. */
    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"TANH", "EXP", "LOG"})
    void sameInputGivesSameOutputAtEveryPosition(UnaryOp op) {
        var r = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            float x = (float) r.nextDouble(0.01, 5);
            float[] a = new float[37];
            java.util.Arrays.fill(a, x);
            float[] out = new float[37];
            VECTOR.unary(op, a, out, 37);
            for (int i = 1; i < 37; i++) {
                assertThat(out[i]).as("%s(%s) at %d", op, x, i).isEqualTo(out[0]);
            }
        }
    }

    /**
     * Accuracy against an independent library: Commons Math's FastMath (accurate to about 1 ulp in
     * double), rounded to float. A dense sweep of the ranges the lecture's activations live in.
     */
    @Test
    void floatTranscendentalsAgreeWithFastMath() {
        int n = 20_000;
        float[] t = new float[n];
        float[] e = new float[n];
        float[] l = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = -10f + 20f * i / n; // tanh saturates by |x| = 9
            e[i] = -87f + 175f * i / n; // the whole normal range of expf
            l[i] = (float) Math.pow(10, -30 + 60.0 * i / n);
        }
        float[] out = new float[n];
        VECTOR.unary(UnaryOp.TANH, t, out, n);
        long worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps(out[i], (float) FastMath.tanh(t[i])));
        }
        assertThat(worst).as("tanh worst ulp vs FastMath").isLessThanOrEqualTo(2);
        VECTOR.unary(UnaryOp.EXP, e, out, n);
        worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps(out[i], (float) FastMath.exp(e[i])));
        }
        assertThat(worst).as("exp worst ulp vs FastMath").isLessThanOrEqualTo(2);
        VECTOR.unary(UnaryOp.LOG, l, out, n);
        worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps(out[i], (float) FastMath.log(l[i])));
        }
        assertThat(worst).as("log worst ulp vs FastMath").isLessThanOrEqualTo(2);
    }

    @Test
    void transcendentalSpecialValues() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 20f, -20f, 1e-30f};
        float[] out = new float[x.length];
        VECTOR.unary(UnaryOp.TANH, x, out, x.length);
        assertThat(out).containsExactly(Float.NaN, 1f, -1f, 0f, -0f, 1f, -1f, 1e-30f);
        VECTOR.unary(UnaryOp.EXP, x, out, x.length);
        assertThat(out).containsExactly(Float.NaN, Float.POSITIVE_INFINITY, 0f, 1f, 1f, (float) Math.exp(20), (float) Math.exp(-20), 1f);
        VECTOR.unary(UnaryOp.LOG, x, out, x.length);
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(out[2]).isNaN();
        assertThat(out[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(out[4]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(out[6]).isNaN();
    }

    @Test
    void powMatchesScalar() {
        var r = new SplittableRandom(11);
        for (float p : new float[] {2f, 1f, 0.5f, -0.5f, -1.5f, 3f, -1f, 0f, 1.7f}) {
            for (int n : SIZES) {
                float[] a = KernelAssertions.uniformFloats(r, n, 0, 10);
                float[] e = new float[n];
                float[] v = new float[n];
                SCALAR.pow(a, p, e, n);
                VECTOR.pow(a, p, v, n);
                // x^2 and x^1 are exact; general powers come from SVML (1 ulp) against a rounded double
                assertUlps(e, v, n, p == 2f || p == 1f ? 0 : 2, "pow " + p + " float n=" + n);
            }
        }
    }

    @Test
    void powSpecialCasesFollowMathPow() {
        float[] a = {-2f, -0f, 0f, Float.NaN, Float.NEGATIVE_INFINITY, 4f, -3f, 1f, -1f, 2f, 3f, 5f, 6f, 7f, 8f, 9f, 10f};
        for (float p : new float[] {2f, 3f, -1f, 0.5f, 0f, -2f}) {
            float[] e = new float[a.length];
            float[] v = new float[a.length];
            SCALAR.pow(a, p, e, a.length);
            VECTOR.pow(a, p, v, a.length);
            assertUlps(e, v, a.length, 1, "pow " + p + " special values");
        }
    }

    @Test
    void tanhBackwardIsExact() {
        var r = new SplittableRandom(13);
        for (int n : SIZES) {
            for (boolean acc : new boolean[] {false, true}) {
                float[] t = KernelAssertions.uniformFloats(r, n, -1, 1);
                float[] g = gaussianFloats(r, n, 1);
                float[] out0 = gaussianFloats(r, n, 1);
                float[] e = out0.clone();
                float[] v = out0.clone();
                SCALAR.tanhBackward(t, g, e, n, acc);
                VECTOR.tanhBackward(t, g, v, n, acc);
                assertSameBits(e, v, n, "tanhBackward float n=" + n + " acc=" + acc);
            }
        }
        float[] out = {10, 10};
        VECTOR.tanhBackward(new float[] {0.5f, -1f}, new float[] {2f, 3f}, out, 2, true);
        assertThat(out).containsExactly(10 + 0.75f * 2, 10);
    }
}
