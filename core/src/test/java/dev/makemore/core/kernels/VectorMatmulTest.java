package dev.makemore.core.kernels;

import static dev.makemore.core.kernels.KernelAssertions.FLOAT_EPS;
import static dev.makemore.core.kernels.KernelAssertions.assertSameBits;
import static dev.makemore.core.kernels.KernelAssertions.gaussianFloats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three matmul forms of {@link VectorKernels} against {@link ScalarKernels}, with and without
 * {@code accumulate}; and the float64 ones (scalar only) against Commons Math.
 *
 * <p>Tolerance. The oracle accumulates in double; the vector kernel accumulates {@code k} products in
 * float with FMAs. The classic bound for a dot product evaluated in any order is
 * {@code |error| <= gamma_k * sum_p |a_ip * b_pj|} with {@code gamma_k ~ k * u}; adding the old value of
 * {@code C} and the final rounding add two more roundings. Each element is therefore checked against
 * {@code (k + 2) * u * (sum_p |a_ip * b_pj| + |c_ij|)}, {@code u} being 2^-24. The bound is
 * rigorous (the test cannot fail by bad luck) yet for k = 30 it is about 2e-6 relative, so a wrong index,
 * a lost tail column or a double-counted overlap (all of which are off by whole products) fails it.
 */
class VectorMatmulTest {
    private static final Kernels VECTOR = new VectorKernels();
    private static final ScalarKernels SCALAR = new ScalarKernels();
    /** Elements past {@code m * n} in the output array must never be written. */
    private static final int GUARD = 5;

    enum Form {
        AB, ATB, ABT;

        /** Element (i, p) of op(A), where A is stored (m, k), or (k, m) for A^T.B. */
        int a(int i, int p, int m, int k) {
            return this == ATB ? p * m + i : i * k + p;
        }

        /** Element (p, j) of op(B), where B is stored (k, n), or (n, k) for A.B^T. */
        int b(int p, int j, int k, int n) {
            return this == ABT ? j * k + p : p * n + j;
        }

        void run(Kernels kr, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
            switch (this) {
                case AB -> kr.matmul(a, b, c, m, k, n, acc);
                case ATB -> kr.matmulTransA(a, b, c, m, k, n, acc);
                case ABT -> kr.matmulTransB(a, b, c, m, k, n, acc);
            }
        }
    }

    /** The lecture's forward and backward shapes in their own form, then odd and degenerate sizes in every form. */
    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        // forward x @ W, backward x^T . dout and dout . W^T of the 3-layer and 6-layer nets
        list.add(Arguments.of(Form.AB, 32, 30, 200));
        list.add(Arguments.of(Form.AB, 32, 200, 27));
        list.add(Arguments.of(Form.ATB, 30, 32, 200));
        list.add(Arguments.of(Form.ATB, 200, 32, 27));
        list.add(Arguments.of(Form.ABT, 32, 27, 200));
        list.add(Arguments.of(Form.ABT, 32, 200, 30));
        list.add(Arguments.of(Form.AB, 32, 100, 100));
        list.add(Arguments.of(Form.ATB, 100, 32, 100));
        list.add(Arguments.of(Form.ABT, 32, 100, 100));
        list.add(Arguments.of(Form.ATB, 30, 32, 100));
        list.add(Arguments.of(Form.ABT, 32, 100, 30));
        int[][] odd = {
            {1, 1, 1}, {17, 33, 15}, {15, 17, 33}, {33, 15, 17}, {0, 5, 7}, {5, 0, 7}, {5, 7, 0}, {0, 0, 0},
            {1, 30, 200}, {3, 10, 200}, {7, 9, 16}, {8, 3, 16}, {9, 4, 17}, {8, 8, 8}, {16, 16, 31},
            {31, 31, 31}, {33, 65, 47}, {2, 1, 100}, {100, 100, 100}, {24, 40, 64}, {9, 0, 33}, {3, 0, 20},
            {2, 300, 40},
        };
        for (Form f : Form.values()) {
            for (int[] s : odd) {
                list.add(Arguments.of(f, s[0], s[1], s[2]));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} float")
    @MethodSource("shapes")
    void floatMatchesScalarWithinRoundingBound(Form form, int m, int k, int n) {
        var r = new SplittableRandom(31L * m + 7L * k + n);
        float[] a = gaussianFloats(r, m * k, 1);
        float[] b = gaussianFloats(r, k * n, 1);
        for (boolean acc : new boolean[] {false, true}) {
            float[] c0 = gaussianFloats(r, m * n + GUARD, 1);
            float[] expected = c0.clone();
            float[] actual = c0.clone();
            if (!acc) {
                Arrays.fill(actual, 0, m * n, Float.NaN); // must be overwritten, not read
            }
            form.run(SCALAR, a, b, expected, m, k, n, acc);
            form.run(VECTOR, a, b, actual, m, k, n, acc);
            String what = form + " " + m + "x" + k + "x" + n + (acc ? " accumulate" : "");
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double mass = acc ? Math.abs(c0[i * n + j]) : 0;
                    for (int p = 0; p < k; p++) {
                        mass += Math.abs((double) a[form.a(i, p, m, k)] * b[form.b(p, j, k, n)]);
                    }
                    double tol = (k + 2) * FLOAT_EPS * mass;
                    float e = expected[i * n + j];
                    float v = actual[i * n + j];
                    if (!(Math.abs(v - e) <= tol)) {
                        fail(what + ": C[" + i + "," + j + "] = " + v + ", expected " + e + " +- " + tol);
                    }
                }
            }
            for (int g = m * n; g < m * n + GUARD; g++) {
                assertThat(actual[g]).as(what + ": guard element written").isEqualTo(c0[g]);
            }
        }
    }

    /**
     * Float64 (the scalar kernels' loops, which the float32 oracle runs too) against an independent
     * oracle, Commons Math's matrix product, at the lecture's first layer in all three forms.
     */
    @Test
    void doubleAgreesWithCommonsMath() {
        var r = new SplittableRandom(2024);
        int m = 32, k = 30, n = 200;
        double[][] x = new double[m][k];
        double[][] w = new double[k][n];
        for (double[] row : x) {
            Arrays.setAll(row, i -> KernelAssertions.gaussian(r));
        }
        for (double[] row : w) {
            Arrays.setAll(row, i -> KernelAssertions.gaussian(r));
        }
        RealMatrix xm = new Array2DRowRealMatrix(x, false);
        RealMatrix wm = new Array2DRowRealMatrix(w, false);
        double[] xFlat = flatten(x);
        double[] wFlat = flatten(w);

        double[] c = new double[m * n];
        SCALAR.matmul(xFlat, wFlat, c, m, k, n, false);
        assertMatrix(xm.multiply(wm), c, "x @ W");

        // A^T.B: C(30, 200) = x^T . y, with x stored (32, 30) and y (32, 200), as the weight gradient
        double[][] y = new double[m][n];
        for (double[] row : y) {
            Arrays.setAll(row, i -> KernelAssertions.gaussian(r));
        }
        double[] cT = new double[k * n];
        SCALAR.matmulTransA(xFlat, flatten(y), cT, k, m, n, false);
        assertMatrix(xm.transpose().multiply(new Array2DRowRealMatrix(y, false)), cT, "x^T . y");

        // A.B^T: C(32, 30) = y . W^T, with y (32, 200) and W stored (30, 200), as the input gradient
        double[] cB = new double[m * k];
        SCALAR.matmulTransB(flatten(y), wFlat, cB, m, n, k, false);
        assertMatrix(new Array2DRowRealMatrix(y, false).multiply(wm.transpose()), cB, "y . W^T");
    }

    private static void assertMatrix(RealMatrix expected, double[] actual, String what) {
        int cols = expected.getColumnDimension();
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < cols; j++) {
                double e = expected.getEntry(i, j);
                double v = actual[i * cols + j];
                // sums of <= 200 unit-gaussian products: |C| ~ 15, terms ~ 1: 1e-12 is ~ 1000 u * sum|ab|
                if (!(Math.abs(v - e) <= 1e-12 * Math.max(1, Math.abs(e)) + 1e-12)) {
                    fail(what + ": C[" + i + "," + j + "] = " + v + ", Commons Math says " + e);
                }
            }
        }
    }

    private static double[] flatten(double[][] x) {
        double[] flat = new double[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
        }
        return flat;
    }

    /**
     * The transposed forms sum each element along {@code k} in the same order as {@code A.B} on the
     * transposed operand, whichever operand they transpose (A.B^T moves the smaller of {@code B} and
     * {@code A} with {@code C}): the same bits, with and without accumulate.
     */
    @ParameterizedTest(name = "{0} {1}x{2}x{3} same bits as A.B")
    @MethodSource("shapes")
    void transposedFormsGiveTheBitsOfTheDirectOne(Form form, int m, int k, int n) {
        if (form == Form.AB) {
            return;
        }
        var r = new SplittableRandom(17L * m + 5L * k + n);
        float[] a = gaussianFloats(r, m * k, 1);
        float[] b = gaussianFloats(r, k * n, 1);
        // The direct form's operands: A stored (m, k) and B stored (k, n).
        float[] direct = form == Form.ATB ? transposed(a, k, m) : a;
        float[] directB = form == Form.ABT ? transposed(b, n, k) : b;
        for (boolean acc : new boolean[] {false, true}) {
            float[] c0 = gaussianFloats(r, m * n, 1);
            float[] expected = c0.clone();
            float[] actual = c0.clone();
            VECTOR.matmul(direct, directB, expected, m, k, n, acc);
            form.run(VECTOR, a, b, actual, m, k, n, acc);
            assertSameBits(expected, actual, m * n, form + " " + m + "x" + k + "x" + n + (acc ? " accumulate" : ""));
        }
    }

    /** {@code x} stored {@code (rows, cols)}, transposed into a new {@code (cols, rows)} array. */
    private static float[] transposed(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    /** A small case worked by hand: catches a kernel and an oracle that agree on the same mistake. */
    @Test
    void handWorkedExample() {
        float[] a = {1, 2, 3, 4, 5, 6}; // (2, 3)
        float[] b = new float[3 * 17]; // (3, 17): B[p, j] = p + j
        for (int p = 0; p < 3; p++) {
            for (int j = 0; j < 17; j++) {
                b[p * 17 + j] = p + j;
            }
        }
        float[] c = new float[2 * 17];
        VECTOR.matmul(a, b, c, 2, 3, 17, false);
        for (int j = 0; j < 17; j++) {
            // row 0: 1*j + 2*(1+j) + 3*(2+j) = 6j + 8; row 1: 4j + 5(1+j) + 6(2+j) = 15j + 17
            assertThat(c[j]).isEqualTo(6f * j + 8);
            assertThat(c[17 + j]).isEqualTo(15f * j + 17);
        }
        VECTOR.matmul(a, b, c, 2, 3, 17, true);
        assertThat(c[16]).isEqualTo(2 * (6f * 16 + 8));
        assertThat(c[33]).isEqualTo(2 * (15f * 16 + 17));
    }

    /** Overlapped tail slots are recomputed: they must be bit-identical to a one-off column computation. */
    @Test
    void overlappedColumnsAreNotCountedTwiceWhenAccumulating() {
        var r = new SplittableRandom(5);
        for (int n : new int[] {17, 27, 30, 33, 200}) {
            int m = 9, k = 4;
            float[] a = gaussianFloats(r, m * k, 1);
            float[] b = gaussianFloats(r, k * n, 1);
            float[] once = new float[m * n];
            VECTOR.matmul(a, b, once, m, k, n, false);
            float[] twice = new float[m * n];
            VECTOR.matmul(a, b, twice, m, k, n, true);
            VECTOR.matmul(a, b, twice, m, k, n, true);
            for (int i = 0; i < m * n; i++) {
                assertThat(twice[i]).as("n=%d element %d", n, i).isEqualTo(once[i] * 2);
            }
        }
    }

    /** Two threads at once: the scratch (transposed B, accumulate tile) is per thread, so neither corrupts the other. */
    @Test
    void concurrentCallsDoNotShareScratch() throws Exception {
        int[][] shapes = {{32, 27, 200}, {32, 200, 30}};
        float[][] as = new float[2][];
        float[][] bs = new float[2][];
        float[][] refs = new float[2][];
        var r = new SplittableRandom(9);
        for (int t = 0; t < 2; t++) {
            int m = shapes[t][0], k = shapes[t][1], n = shapes[t][2];
            as[t] = gaussianFloats(r, m * k, 1);
            bs[t] = gaussianFloats(r, n * k, 1);
            refs[t] = new float[m * n];
            VECTOR.matmulTransB(as[t], bs[t], refs[t], m, k, n, false);
            VECTOR.matmulTransB(as[t], bs[t], refs[t], m, k, n, true);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int id = t;
                Callable<Boolean> job = () -> {
                    int m = shapes[id][0], k = shapes[id][1], n = shapes[id][2];
                    float[] c = new float[m * n];
                    for (int rep = 0; rep < 300; rep++) {
                        VECTOR.matmulTransB(as[id], bs[id], c, m, k, n, false);
                        VECTOR.matmulTransB(as[id], bs[id], c, m, k, n, true);
                        if (!Arrays.equals(c, refs[id])) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(job));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
