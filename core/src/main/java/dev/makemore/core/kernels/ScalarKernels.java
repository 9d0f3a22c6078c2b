package dev.makemore.core.kernels;

import java.util.function.Consumer;

/**
 * Every kernel as the plainest loop that computes it, written once, over {@code double[]}: the oracle
 * the vector kernels are tested against, the path {@code -Dmakemore.kernels=scalar} selects, and the
 * float64 arithmetic itself (float64, which only the gradient checks use, has no SIMD path: {@code
 * ArrayMath} sends it here whatever the property says).
 *
 * <p>The float32 {@link Kernels} contracts run the same loops on widened copies of their arrays and
 * round each result to float once. So sums accumulate in double and transcendental functions are
 * evaluated in double, and the oracle is more accurate than what it checks; and +, -, *, / and sqrt
 * are still exactly float arithmetic, since a double holds more than {@code 2 * 24 + 2} bits, so
 * rounding to double first never changes the float result. Three kernels chain such operations where
 * PyTorch rounds in float32 after each ({@code p += -lr * grad}, tanh's backward, the embedding
 * gradient's repeated rows): their loops round where PyTorch does ({@link Precision}), so the exact
 * vector kernels agree with them bit for bit. BatchNorm's fused loops exist in float32 only.
 */
public class ScalarKernels implements Kernels {
    /** The scalar kernels; they hold no state, so any instance serves any thread. */
    public ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    // =====================================================================================
    // The kernels, over double[] (Kernels says what each computes)
    // =====================================================================================

    /** {@code C(m,n) (+)= A(m,k) . B(k,n)}. */
    public void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, k, 1, b, n, 1, c, m, k, n, accumulate);
    }

    /** {@code C(m,n) (+)= A^T . B} with {@code A} stored {@code (k,m)}. */
    public void matmulTransA(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, 1, m, b, n, 1, c, m, k, n, accumulate);
    }

    /** {@code C(m,n) (+)= A . B^T} with {@code B} stored {@code (n,k)}. */
    public void matmulTransB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, k, 1, b, 1, k, c, m, k, n, accumulate);
    }

    /**
     * The three forms as one loop, as BLAS does it: element {@code (i, p)} of the left factor is
     * {@code a[i * aRow + p * aCol]}, element {@code (p, j)} of the right one {@code b[p * bRow + j * bCol]}
     * (a transposed operand swaps its strides). Each dot product sums along {@code k} in order.
     */
    private static void matmul(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, double[] c, int m,
            int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * aRow + p * aCol] * b[p * bRow + j * bCol];
                }
                c[i * n + j] = accumulate ? c[i * n + j] + s : s;
            }
        }
    }

    /** {@code out[i] = a[i] op b[i]}. */
    public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    /** {@code out[r,c] = a[r,c] op row[c]}. */
    public void binaryRow(BinaryOp op, double[] a, double[] row, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = op.apply(a[r * cols + c], row[c]);
            }
        }
    }

    /** {@code out[r,c] = a[r,c] op col[r]}. */
    public void binaryColumn(BinaryOp op, double[] a, double[] col, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = op.apply(a[r * cols + c], col[r]);
            }
        }
    }

    /** {@code out[i] = a[i] op s}. */
    public void binaryScalar(BinaryOp op, double[] a, double s, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], s);
        }
    }

    /** {@code y[i] += alpha * x[i]}. */
    public void axpy(double alpha, double[] x, double[] y, int n) {
        axpy(alpha, x, y, n, Precision.FLOAT64);
    }

    private static void axpy(double alpha, double[] x, double[] y, int n, Precision p) {
        for (int i = 0; i < n; i++) {
            y[i] = p.round(y[i] + p.round(alpha * x[i]));
        }
    }

    /** {@code out[i] = f(a[i])}. */
    public void unary(UnaryOp op, double[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i]);
        }
    }

    /** {@code out[i] = a[i]^p}. */
    public void pow(double[] a, double p, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.pow(a[i], p);
        }
    }

    /** {@code out[i] (+)= (1 - t[i]^2) * g[i]}. */
    public void tanhBackward(double[] t, double[] g, double[] out, int n, boolean accumulate) {
        tanhBackward(t, g, out, n, accumulate, Precision.FLOAT64);
    }

    private static void tanhBackward(double[] t, double[] g, double[] out, int n, boolean accumulate, Precision p) {
        for (int i = 0; i < n; i++) {
            double d = p.round(p.round(1 - p.round(t[i] * t[i])) * g[i]);
            out[i] = accumulate ? p.round(out[i] + d) : d;
        }
    }

    /** Sum of {@code a[0..n)}. */
    public double sum(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    /** Sums over the middle dimension of {@code (outer, len, inner)}. */
    public void sum(double[] a, int outer, int len, int inner, double[] out, boolean accumulate) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += a[(o * len + l) * inner + j];
                }
                int at = o * inner + j;
                out[at] = accumulate ? out[at] + s : s;
            }
        }
    }

    /** Variance of {@code a[0..n)}, two passes: the mean, then the squared deviations from it. */
    public double variance(double[] a, int n, boolean unbiased) {
        return variance(a, 0, n, 1, unbiased, null, 0);
    }

    /** Variance over the middle dimension of {@code (outer, len, inner)}; the sums too unless {@code sums} is null. */
    public void variance(double[] a, int outer, int len, int inner, boolean unbiased, double[] out, double[] sums) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                out[o * inner + j] = variance(a, o * len * inner + j, len, inner, unbiased, sums, o * inner + j);
            }
        }
    }

    /** Variance of the {@code len} elements {@code a[from + l * stride]}; their sum into {@code sums[at]} unless null. */
    private static double variance(double[] a, int from, int len, int stride, boolean unbiased, double[] sums, int at) {
        double s = 0;
        for (int l = 0; l < len; l++) {
            s += a[from + l * stride];
        }
        if (sums != null) {
            sums[at] = s;
        }
        double mean = s / len;
        double ss = 0;
        for (int l = 0; l < len; l++) {
            double d = a[from + l * stride] - mean;
            ss += d * d;
        }
        return ss / (unbiased ? len - 1 : len);
    }

    /** Largest element of {@code a[0..n)} as {@link Math#max} orders them (0 above -0); NaN if any is NaN. */
    public double max(double[] a, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    /** Index of the first NaN in {@code a[0..n)}, else of the first largest element; -1 if {@code n == 0}. */
    public int argmax(double[] a, int n) {
        return n == 0 ? -1 : argmax(a, 0, n, 1);
    }

    /** Maximum over the middle dimension of {@code (outer, len, inner)}, with its first index. */
    public void max(double[] a, int outer, int len, int inner, double[] values, int[] indices) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int from = o * len * inner + j;
                int best = argmax(a, from, len, inner);
                values[o * inner + j] = a[from + best * inner];
                indices[o * inner + j] = best;
            }
        }
    }

    /** Which of the {@code len >= 1} elements {@code a[from + l * stride]} is the first NaN, else the first largest. */
    private static int argmax(double[] a, int from, int len, int stride) {
        int best = 0;
        for (int l = 1; l < len && !Double.isNaN(a[from + best * stride]); l++) {
            double v = a[from + l * stride];
            if (v > a[from + best * stride] || Double.isNaN(v)) {
                best = l;
            }
        }
        return best;
    }

    /** Softmax over the middle dimension of {@code (outer, len, inner)}. */
    public void softmax(double[] a, int outer, int len, int inner, double[] out) {
        softmax(a, outer, len, inner, out, false);
    }

    /** Log-softmax over the middle dimension: {@code x - max - log(sum(exp(x - max)))}. */
    public void logSoftmax(double[] a, int outer, int len, int inner, double[] out) {
        softmax(a, outer, len, inner, out, true);
    }

    private static void softmax(double[] a, int outer, int len, int inner, double[] out, boolean log) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * len * inner + j;
                double m = Double.NEGATIVE_INFINITY;
                for (int l = 0; l < len; l++) {
                    m = Math.max(m, a[base + l * inner]);
                }
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += Math.exp(a[base + l * inner] - m);
                }
                double lse = m + Math.log(s);
                for (int l = 0; l < len; l++) {
                    double x = a[base + l * inner];
                    out[base + l * inner] = log ? x - lse : Math.exp(x - m) / s;
                }
            }
        }
    }

    /** {@code out[i, :] = table[index[i], :]}. */
    public void gatherRows(double[] table, int cols, int[] index, double[] out, int count) {
        copyRows(table, cols, index, out, count);
    }

    /** Row copies, the same for any element type: {@code System.arraycopy} is already a vectorised intrinsic. */
    private static void copyRows(Object table, int cols, int[] index, Object out, int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(table, index[i] * cols, out, i * cols, cols);
        }
    }

    /** {@code table[index[i], :] += src[i, :]}, in index order. */
    public void scatterAddRows(double[] src, int cols, int[] index, double[] table, int count) {
        scatterAddRows(src, cols, index, table, count, Precision.FLOAT64);
    }

    private static void scatterAddRows(double[] src, int cols, int[] index, double[] table, int count, Precision p) {
        for (int i = 0; i < count; i++) {
            int row = index[i] * cols;
            for (int c = 0; c < cols; c++) {
                table[row + c] = p.round(table[row + c] + src[i * cols + c]);
            }
        }
    }

    /** Counts {@code a[0..n)} into {@code counts.length} equal bins over {@code [min, max]}, the last bin closed. */
    public void histogram(double[] a, int n, double min, double max, long[] counts) {
        for (int i = 0; i < n; i++) {
            count(a[i], min, max, counts);
        }
    }

    /** Adds {@code v} to its bin, unless it lies outside {@code [min, max]} or is NaN. */
    private static void count(double v, double min, double max, long[] counts) {
        int bins = counts.length;
        double width = (max - min) / bins;
        if (v < min || v > max || Double.isNaN(v)) {
            return;
        }
        int b = width > 0 ? (int) ((v - min) / width) : 0;
        counts[Math.min(b, bins - 1)]++;
    }

    // =====================================================================================
    // float32: the kernels above on widened copies, each result rounded to float once
    // =====================================================================================

    /**
     * How a kernel that chains operations rounds after each: {@code FLOAT64} to double, as double
     * arithmetic does anyway; {@code FLOAT32} to float too, as PyTorch's float32 ops (and the vector
     * kernels) do.
     */
    private enum Precision {
        FLOAT32, FLOAT64;

        double round(double x) {
            return this == FLOAT32 ? (float) x : x;
        }
    }

    /**
     * This thread's double arrays for widened operands, used in turn: a float32 kernel widens at most
     * three arrays (its output and two inputs), so three in turn never hand out one still in use.
     * Kept and grown as needed, so that the float32 kernels allocate no arrays once warmed up: they are
     * also the production path where vectors are narrower than 128 bits.
     */
    private static final class Widened {
        private static final ThreadLocal<Widened> CURRENT = ThreadLocal.withInitial(Widened::new);
        private final double[][] arrays = {new double[0], new double[0], new double[0]};
        private int next;

        /** {@code a[0..n)} as doubles: exact, every float is a double. */
        static double[] of(float[] a, int n) {
            var w = CURRENT.get();
            int at = w.next;
            w.next = (at + 1) % w.arrays.length;
            if (w.arrays[at].length < n) {
                w.arrays[at] = new double[n];
            }
            double[] d = w.arrays[at];
            for (int i = 0; i < n; i++) {
                d[i] = a[i];
            }
            return d;
        }
    }

    private static double[] widen(float[] a, int n) {
        return Widened.of(a, n);
    }

    /**
     * Runs {@code kernel} on {@code out[0..n)} widened to double (its values count where a kernel
     * accumulates), then rounds each result back to float, once.
     */
    private static void inDouble(float[] out, int n, Consumer<double[]> kernel) {
        double[] z = widen(out, n);
        kernel.accept(z);
        for (int i = 0; i < n; i++) {
            out[i] = (float) z[i];
        }
    }

    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        inDouble(c, m * n, z -> matmul(widen(a, m * k), widen(b, k * n), z, m, k, n, accumulate));
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        inDouble(c, m * n, z -> matmulTransA(widen(a, k * m), widen(b, k * n), z, m, k, n, accumulate));
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        inDouble(c, m * n, z -> matmulTransB(widen(a, m * k), widen(b, n * k), z, m, k, n, accumulate));
    }

    @Override
    public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        inDouble(out, n, z -> binary(op, widen(a, n), widen(b, n), z, n));
    }

    @Override
    public void binaryRow(BinaryOp op, float[] a, float[] row, float[] out, int rows, int cols) {
        inDouble(out, rows * cols, z -> binaryRow(op, widen(a, rows * cols), widen(row, cols), z, rows, cols));
    }

    @Override
    public void binaryColumn(BinaryOp op, float[] a, float[] col, float[] out, int rows, int cols) {
        inDouble(out, rows * cols, z -> binaryColumn(op, widen(a, rows * cols), widen(col, rows), z, rows, cols));
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, float s, float[] out, int n) {
        inDouble(out, n, z -> binaryScalar(op, widen(a, n), s, z, n));
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        inDouble(y, n, z -> axpy(alpha, widen(x, n), z, n, Precision.FLOAT32));
    }

    @Override
    public void unary(UnaryOp op, float[] a, float[] out, int n) {
        inDouble(out, n, z -> unary(op, widen(a, n), z, n));
    }

    @Override
    public void pow(float[] a, float p, float[] out, int n) {
        inDouble(out, n, z -> pow(widen(a, n), p, z, n));
    }

    @Override
    public void tanhBackward(float[] t, float[] g, float[] out, int n, boolean accumulate) {
        inDouble(out, n, z -> tanhBackward(widen(t, n), widen(g, n), z, n, accumulate, Precision.FLOAT32));
    }

    @Override
    public double sum(float[] a, int n) {
        return sum(widen(a, n), n);
    }

    @Override
    public void sum(float[] a, int outer, int len, int inner, float[] out, boolean accumulate) {
        inDouble(out, outer * inner, z -> sum(widen(a, outer * len * inner), outer, len, inner, z, accumulate));
    }

    @Override
    public double variance(float[] a, int n, boolean unbiased) {
        return variance(widen(a, n), n, unbiased);
    }

    @Override
    public void variance(float[] a, int outer, int len, int inner, boolean unbiased, float[] out, float[] sums) {
        double[] s = sums == null ? null : new double[outer * inner];
        inDouble(out, outer * inner, z -> variance(widen(a, outer * len * inner), outer, len, inner, unbiased, z, s));
        for (int i = 0; s != null && i < s.length; i++) {
            sums[i] = (float) s[i];
        }
    }

    @Override
    public float max(float[] a, int n) {
        return (float) max(widen(a, n), n);
    }

    @Override
    public int argmax(float[] a, int n) {
        return argmax(widen(a, n), n);
    }

    @Override
    public void max(float[] a, int outer, int len, int inner, float[] values, int[] indices) {
        inDouble(values, outer * inner, z -> max(widen(a, outer * len * inner), outer, len, inner, z, indices));
    }

    @Override
    public void softmax(float[] a, int outer, int len, int inner, float[] out) {
        inDouble(out, outer * len * inner, z -> softmax(widen(a, outer * len * inner), outer, len, inner, z));
    }

    @Override
    public void logSoftmax(float[] a, int outer, int len, int inner, float[] out) {
        inDouble(out, outer * len * inner, z -> logSoftmax(widen(a, outer * len * inner), outer, len, inner, z));
    }

    @Override
    public void gatherRows(float[] table, int cols, int[] index, float[] out, int count) {
        copyRows(table, cols, index, out, count);
    }

    @Override
    public void scatterAddRows(float[] src, int cols, int[] index, float[] table, int count) {
        inDouble(table, table.length, z -> scatterAddRows(widen(src, count * cols), cols, index, z, count, Precision.FLOAT32));
    }

    @Override
    public void histogram(float[] a, int n, double min, double max, long[] counts) {
        // No widened copy: the vector kernels count with this loop too, and must not allocate.
        for (int i = 0; i < n; i++) {
            count(a[i], min, max, counts);
        }
    }

    // ---- BatchNorm: float32 only (float64 BatchNorm is layers' own loop) ----

    @Override
    public void batchNorm(float[] x, float[] mean, float[] std, float[] gamma, float[] beta, float[] out, int n, int d) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float xhat = (x[i * d + j] - mean[j]) / std[j];
                out[i * d + j] = gamma == null ? xhat : gamma[j] * xhat + beta[j];
            }
        }
    }

    @Override
    public void batchNormInline(float[] x, float[] mean, float[] std, float[] gain, float[] bias, float[] out, int n,
            int d) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = gain[j] * (x[i * d + j] - mean[j]) / std[j] + bias[j];
            }
        }
    }

    @Override
    public void batchNormBackward(float[] g, float[] x, float[] mean, float[] inv, float[] a, double correction,
            float[] sumG, float[] sumGX, float[] dx, int n, int d) {
        for (int j = 0; j < d; j++) {
            float sg = 0, sgx = 0;
            for (int i = 0; i < n; i++) {
                float xhat = (x[i * d + j] - mean[j]) * inv[j];
                sg += g[i * d + j];
                sgx += g[i * d + j] * xhat;
            }
            sumG[j] = sg;
            sumGX[j] = sgx;
        }
        if (dx == null) {
            return;
        }
        float[] bk = new float[2 * d];
        batchNormCoefficients(sumG, sumGX, correction, n, bk, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float xhat = (x[i * d + j] - mean[j]) * inv[j];
                dx[i * d + j] += a[j] * (g[i * d + j] - bk[j] - xhat * bk[d + j]);
            }
        }
    }

    /**
     * BatchNorm backward's per-column terms from its column sums: {@code b[j] = sumG[j] / n} into
     * {@code bk[j]} and {@code k[j] = correction * sumGX[j] / n} into {@code bk[d + j]}, each in double
     * and rounded to float once; zero with fixed statistics ({@code correction} NaN). Shared by both
     * kernels, so their input gradients agree to the bit.
     */
    static void batchNormCoefficients(float[] sumG, float[] sumGX, double correction, int n, float[] bk, int d) {
        boolean batch = !Double.isNaN(correction);
        for (int j = 0; j < d; j++) {
            bk[j] = batch ? (float) ((double) sumG[j] / n) : 0f;
            bk[d + j] = batch ? (float) (correction * sumGX[j] / n) : 0f;
        }
    }
}
