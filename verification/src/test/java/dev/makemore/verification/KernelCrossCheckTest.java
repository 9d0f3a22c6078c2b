package dev.makemore.verification;

import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.Kernels;
import dev.makemore.core.kernels.ScalarKernels;
import dev.makemore.core.kernels.UnaryOp;
import dev.makemore.core.kernels.VectorKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The SIMD kernels against the scalar ones (core's plain loops, the oracle) on the lecture's own
 * shapes: the minibatch of 32, the embedding of 27 x 10 looked up by (32, 3) contexts, the hidden
 * widths 200 and 100, the 27 logits, the evaluation chunks of 4,096 rows, a single row when sampling.
 * Core tests the kernels on their own; this suite checks them where the lecture runs them.
 *
 * <p>Tolerances come from what each kernel promises. Exact IEEE operations (+, -, *, /, sqrt, neg,
 * abs, copies, max) must agree bit for bit. Transcendental functions in float may differ by 2 ulps
 * (SVML is accurate to 1 ulp, the oracle rounds a double result once). A float32 matrix product
 * accumulated in float with FMAs may differ from the oracle's double accumulation by the classical
 * bound {@code (k + 2) u sum_p |a_ip b_pj|} with {@code u = 2^-24}. Sums accumulated in double and
 * rounded once to float: 1 ulp of the result. (Float64 has no SIMD path, so nothing to cross-check.)
 */
class KernelCrossCheckTest {
    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels VECTOR = new VectorKernels();
    private static final double U32 = Math.ulp(1.0f) / 2;
    private static final double U64 = Math.ulp(1.0) / 2;

    /** (m, k, n) of the lecture's products: forward layers, the six-layer network, sampling, evaluation. */
    static Stream<Arguments> matmulShapes() {
        return Stream.of(
                Arguments.of(32, 30, 200), Arguments.of(32, 200, 27), Arguments.of(32, 30, 100),
                Arguments.of(32, 100, 100), Arguments.of(32, 100, 27), Arguments.of(1, 30, 200),
                Arguments.of(1, 200, 27), Arguments.of(4096, 30, 200), Arguments.of(1000, 1000, 1),
                Arguments.of(1, 1000, 1));
    }

    @ParameterizedTest(name = "({0}, {1}) @ ({1}, {2})")
    @MethodSource("matmulShapes")
    void matmulInEveryForm(int m, int k, int n) {
        var rnd = new Random(31L * m + 7L * k + n);
        float[] a = floats(rnd, m * k);
        float[] b = floats(rnd, k * n);
        float[] c0 = floats(rnd, m * n);
        // A . B (forward), A^T . B with A stored (k, m) (weight gradient), A . B^T with B stored (n, k) (input gradient).
        for (int form = 0; form < 3; form++) {
            for (boolean accumulate : new boolean[]{false, true}) {
                float[] s = c0.clone();
                float[] v = c0.clone();
                run(SCALAR, form, a, b, s, m, k, n, accumulate);
                run(VECTOR, form, a, b, v, m, k, n, accumulate);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double bound = (k + 2) * U32 * (absDot(form, a, b, i, j, m, k, n) + (accumulate ? Math.abs(c0[i * n + j]) : 0));
                        assertThat((double) v[i * n + j]).as("form %d (%d, %d) accumulate %s", form, i, j, accumulate)
                                .isCloseTo(s[i * n + j], within(bound + Math.ulp(s[i * n + j])));
                    }
                }
            }
        }
    }

    @Test
    void elementwiseArithmeticIsBitForBit() {
        var rnd = new Random(1);
        int rows = 32;
        int cols = 200;
        float[] a = floats(rnd, rows * cols);
        float[] b = floats(rnd, rows * cols);
        float[] row = floats(rnd, cols);
        float[] col = floats(rnd, rows);
        for (BinaryOp op : BinaryOp.values()) {
            assertSame(out -> SCALAR.binary(op, a, b, out, a.length), out -> VECTOR.binary(op, a, b, out, a.length), a.length, op + " same shape");
            assertSame(out -> SCALAR.binaryRow(op, a, row, out, rows, cols), out -> VECTOR.binaryRow(op, a, row, out, rows, cols),
                    a.length, op + " row");
            assertSame(out -> SCALAR.binaryColumn(op, a, col, out, rows, cols),
                    out -> VECTOR.binaryColumn(op, a, col, out, rows, cols), a.length, op + " column");
            assertSame(out -> SCALAR.binaryScalar(op, a, 0.7f, out, a.length), out -> VECTOR.binaryScalar(op, a, 0.7f, out, a.length),
                    a.length, op + " scalar");
        }
        // The logits' shape, 27 columns: not a multiple of any vector length, so the tails run too.
        float[] logits = floats(rnd, 32 * 27);
        float[] bias = floats(rnd, 27);
        assertSame(out -> SCALAR.binaryRow(BinaryOp.ADD, logits, bias, out, 32, 27),
                out -> VECTOR.binaryRow(BinaryOp.ADD, logits, bias, out, 32, 27), logits.length, "logits + b2");
        for (UnaryOp op : new UnaryOp[]{UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SQRT}) {
            float[] x = op == UnaryOp.SQRT ? positive(a) : a;
            assertSame(out -> SCALAR.unary(op, x, out, x.length), out -> VECTOR.unary(op, x, out, x.length), x.length, op.name());
        }
        // The SGD update p += -lr * grad over the six-layer network's 47,024 parameters.
        float[] p = floats(rnd, 47024);
        float[] g = floats(rnd, 47024);
        assertSame(out -> {
            System.arraycopy(p, 0, out, 0, p.length);
            SCALAR.axpy(-0.1f, g, out, p.length);
        }, out -> {
            System.arraycopy(p, 0, out, 0, p.length);
            VECTOR.axpy(-0.1f, g, out, p.length);
        }, p.length, "axpy");
        float[] t = tanh(a);
        assertSame(out -> SCALAR.tanhBackward(t, b, out, t.length, false), out -> VECTOR.tanhBackward(t, b, out, t.length, false),
                t.length, "tanh backward");
    }

    @Test
    void transcendentalFunctionsWithinTwoUlps() {
        var rnd = new Random(2);
        // Pre-activations as the original stage makes them (std about 5), and as the fixed ones do.
        float[] wide = new float[32 * 200];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = (float) (5 * rnd.nextGaussian());
        }
        float[] narrow = floats(rnd, 32 * 200);
        for (float[] x : new float[][]{wide, narrow}) {
            for (UnaryOp op : new UnaryOp[]{UnaryOp.TANH, UnaryOp.EXP}) {
                assertUlps(out -> SCALAR.unary(op, x, out, x.length), out -> VECTOR.unary(op, x, out, x.length), x.length, 2,
                        op.name());
            }
            float[] pos = positive(x);
            assertUlps(out -> SCALAR.unary(UnaryOp.LOG, pos, out, pos.length), out -> VECTOR.unary(UnaryOp.LOG, pos, out, pos.length),
                    pos.length, 2, "log");
            assertUlps(out -> SCALAR.pow(x, 2f, out, x.length), out -> VECTOR.pow(x, 2f, out, x.length), x.length, 2, "pow 2");
            assertUlps(out -> SCALAR.pow(pos, 0.5f, out, pos.length), out -> VECTOR.pow(pos, 0.5f, out, pos.length), pos.length, 2,
                    "pow 0.5");
        }
    }

    @Test
    void reductionsOverTheBatchAndOverUnits() {
        var rnd = new Random(3);
        int rows = 32;
        int cols = 200;
        float[] h = new float[rows * cols];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) (1.5 * rnd.nextGaussian() + 0.3);
        }
        double absSum = 0;
        for (float x : h) {
            absSum += Math.abs(x);
        }
        assertThat(VECTOR.sum(h, h.length)).isCloseTo(SCALAR.sum(h, h.length), within(h.length * U64 * absSum * 2));
        assertThat(VECTOR.variance(h, h.length, true)).isCloseTo(SCALAR.variance(h, h.length, true),
                within(1e-12 * SCALAR.variance(h, h.length, true)));
        // Over dim 0 (BatchNorm's batch statistics: outer 1, len 32, inner 200) and over dim 1 (outer 32, len 200, inner 1).
        int[][] views = {{1, rows, cols}, {rows, cols, 1}};
        for (int[] o : views) {
            for (boolean unbiased : new boolean[]{true, false}) {
                float[] vs = new float[o[0] * o[2]];
                float[] vv = new float[o[0] * o[2]];
                SCALAR.variance(h, o[0], o[1], o[2], unbiased, vs, null);
                VECTOR.variance(h, o[0], o[1], o[2], unbiased, vv, null);
                for (int i = 0; i < vs.length; i++) {
                    assertThat(vv[i]).as("variance %s %d", java.util.Arrays.toString(o), i).isCloseTo(vs[i], within(Math.ulp(vs[i])));
                }
            }
            float[] ss = new float[o[0] * o[2]];
            float[] sv = new float[o[0] * o[2]];
            SCALAR.sum(h, o[0], o[1], o[2], ss, false);
            VECTOR.sum(h, o[0], o[1], o[2], sv, false);
            for (int i = 0; i < ss.length; i++) {
                assertThat(sv[i]).as("sum %s %d", java.util.Arrays.toString(o), i).isCloseTo(ss[i], within(Math.ulp(ss[i])));
            }
        }
        assertThat(VECTOR.max(h, h.length)).isEqualTo(SCALAR.max(h, h.length));
        assertThat(VECTOR.argmax(h, h.length)).isEqualTo(SCALAR.argmax(h, h.length));
        float[] ms = new float[cols];
        float[] mv = new float[cols];
        int[] is = new int[cols];
        int[] iv = new int[cols];
        SCALAR.max(h, 1, rows, cols, ms, is);
        VECTOR.max(h, 1, rows, cols, mv, iv);
        assertThat(mv).containsExactly(ms);
        assertThat(iv).containsExactly(is);
    }

    @Test
    void softmaxOfTheLogits() {
        var rnd = new Random(4);
        // Logits as the original stage makes them (loss 27: magnitudes in the tens) and after the fix.
        for (double scale : new double[]{15, 0.1}) {
            float[] logits = new float[32 * 27];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (scale * rnd.nextGaussian());
            }
            float[] s = new float[logits.length];
            float[] v = new float[logits.length];
            SCALAR.softmax(logits, 32, 27, 1, s);
            VECTOR.softmax(logits, 32, 27, 1, v);
            for (int i = 0; i < s.length; i++) {
                assertThat(v[i]).as("softmax %d", i).isCloseTo(s[i], within(softmaxBound(s[i])));
            }
            SCALAR.logSoftmax(logits, 32, 27, 1, s);
            VECTOR.logSoftmax(logits, 32, 27, 1, v);
            for (int i = 0; i < s.length; i++) {
                assertThat(v[i]).as("log_softmax %d", i).isCloseTo(s[i], within(30 * (float) U32 * (1 + Math.abs(s[i]))));
            }
            // Over dim 0 too (inner 27): the strided form.
            SCALAR.softmax(logits, 1, 32, 27, s);
            VECTOR.softmax(logits, 1, 32, 27, v);
            for (int i = 0; i < s.length; i++) {
                assertThat(v[i]).as("softmax dim 0 %d", i).isCloseTo(s[i], within(softmaxBound(s[i])));
            }
        }
    }

    @Test
    void embeddingLookupItsGradientAndHistograms() {
        var rnd = new Random(5);
        float[] table = floats(rnd, 27 * 10);
        int[] ix = new int[32 * 3];
        for (int i = 0; i < ix.length; i++) {
            ix[i] = rnd.nextInt(27);
        }
        assertSame(out -> SCALAR.gatherRows(table, 10, ix, out, ix.length), out -> VECTOR.gatherRows(table, 10, ix, out, ix.length),
                ix.length * 10, "C[Xb]");
        float[] g = floats(rnd, ix.length * 10);
        float[] ts = new float[27 * 10];
        float[] tv = new float[27 * 10];
        SCALAR.scatterAddRows(g, 10, ix, ts, ix.length);
        VECTOR.scatterAddRows(g, 10, ix, tv, ix.length);
        assertThat(tv).containsExactly(ts);

        float[] t = tanh(floats(rnd, 32 * 100));
        long[] hs = new long[50];
        long[] hv = new long[50];
        SCALAR.histogram(t, t.length, -1, 1, hs);
        VECTOR.histogram(t, t.length, -1, 1, hv);
        assertThat(hv).containsExactly(hs);
    }

    /**
     * How far a float softmax output {@code p} may be from the oracle's: the float accumulation of
     * up to 32 positive terms and exp's 2 ulps (about 40 u relative), plus the rounding of the
     * argument {@code x - max} to float before exp, which the oracle takes in double: half an ulp of
     * {@code |x - max|}, about {@code |ln p|}, becomes a relative error of {@code |ln p| u} in the output.
     */
    private static float softmaxBound(float p) {
        return (float) ((40 + Math.abs(Math.log(p))) * U32 * p) + Float.MIN_VALUE;
    }

    // ---- helpers ----

    private interface Fill {
        void into(float[] out);
    }

    private static void assertSame(Fill scalar, Fill vector, int n, String what) {
        float[] s = new float[n];
        float[] v = new float[n];
        scalar.into(s);
        vector.into(v);
        for (int i = 0; i < n; i++) {
            if (Float.floatToIntBits(s[i]) != Float.floatToIntBits(v[i])) {
                throw new AssertionError(what + ": element " + i + " is " + v[i] + " (vector) but " + s[i] + " (scalar)");
            }
        }
    }

    private static void assertUlps(Fill scalar, Fill vector, int n, int ulps, String what) {
        float[] s = new float[n];
        float[] v = new float[n];
        scalar.into(s);
        vector.into(v);
        for (int i = 0; i < n; i++) {
            assertThat(v[i]).as("%s element %d", what, i).isCloseTo(s[i], within(ulps * Math.ulp(s[i])));
        }
    }

    private static void run(Kernels k, int form, float[] a, float[] b, float[] c, int m, int kk, int n, boolean acc) {
        if (form == 0) {
            k.matmul(a, b, c, m, kk, n, acc);
        } else if (form == 1) {
            k.matmulTransA(transpose(a, m, kk), b, c, m, kk, n, acc);
        } else {
            k.matmulTransB(a, transpose(b, kk, n), c, m, kk, n, acc);
        }
    }

    /** {@code sum_p |a_ip b_pj|} of the product all three forms compute (the same logical A and B). */
    private static double absDot(int form, float[] a, float[] b, int i, int j, int m, int k, int n) {
        double s = 0;
        for (int p = 0; p < k; p++) {
            s += Math.abs((double) a[i * k + p] * b[p * n + j]);
        }
        return s;
    }

    /** The (cols, rows) transpose of a row-major (rows, cols) matrix. */
    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    private static float[] floats(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private static float[] positive(float[] x) {
        float[] p = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = Math.abs(x[i]) + 1e-3f;
        }
        return p;
    }

    private static float[] tanh(float[] x) {
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = (float) Math.tanh(x[i]);
        }
        return t;
    }
}
