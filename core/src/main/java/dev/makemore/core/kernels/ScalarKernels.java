package dev.makemore.core.kernels;

/**
 * Every {@link Kernels} contract as the plainest loop that computes it: the oracle the vector kernels
 * are tested against, and the path {@code -Dmakemore.kernels=scalar} selects. Sums accumulate in
 * double so that the oracle is more accurate than what it checks; transcendental functions are
 * evaluated in double and rounded once.
 */
public class ScalarKernels implements Kernels {
    /** The scalar kernels; they hold no state, so any instance serves any thread. */
    public ScalarKernels() {
    }


    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (float) (accumulate ? c[i * n + j] + s : s);
            }
        }
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[p * m + i] * b[p * n + j];
                }
                c[i * n + j] = (float) (accumulate ? c[i * n + j] + s : s);
            }
        }
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = (float) (accumulate ? c[i * n + j] + s : s);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    @Override
    public void binaryRow(BinaryOp op, float[] a, float[] row, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = op.apply(a[r * cols + c], row[c]);
            }
        }
    }

    @Override
    public void binaryColumn(BinaryOp op, float[] a, float[] col, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = op.apply(a[r * cols + c], col[r]);
            }
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], s);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i]);
        }
    }

    @Override
    public void pow(float[] a, float p, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.pow(a[i], p);
        }
    }

    @Override
    public void tanhBackward(float[] t, float[] g, float[] out, int n, boolean accumulate) {
        for (int i = 0; i < n; i++) {
            float d = (1 - t[i] * t[i]) * g[i];
            out[i] = accumulate ? out[i] + d : d;
        }
    }

    @Override
    public double sum(float[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public void sum(float[] a, int outer, int len, int inner, float[] out, boolean accumulate) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += a[(o * len + l) * inner + j];
                }
                int at = o * inner + j;
                out[at] = (float) (accumulate ? out[at] + s : s);
            }
        }
    }

    @Override
    public double variance(float[] a, int n, boolean unbiased) {
        double mean = sum(a, n) / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - mean;
            ss += d * d;
        }
        return ss / (unbiased ? n - 1 : n);
    }

    @Override
    public void variance(float[] a, int outer, int len, int inner, boolean unbiased, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += a[(o * len + l) * inner + j];
                }
                double mean = s / len;
                double ss = 0;
                for (int l = 0; l < len; l++) {
                    double d = a[(o * len + l) * inner + j] - mean;
                    ss += d * d;
                }
                out[o * inner + j] = (float) (ss / (unbiased ? len - 1 : len));
            }
        }
    }

    @Override
    public float max(float[] a, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(a[i])) {
                return Float.NaN;
            }
            m = Math.max(m, a[i]);
        }
        return m;
    }

    @Override
    public int argmax(float[] a, int n) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(a[i])) {
                return i;
            }
            if (best < 0 || a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void max(float[] a, int outer, int len, int inner, float[] values, int[] indices) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = 0;
                float m = a[o * len * inner + j];
                for (int l = 1; l < len && !Float.isNaN(m); l++) {
                    float v = a[(o * len + l) * inner + j];
                    if (v > m || Float.isNaN(v)) {
                        m = v;
                        best = l;
                    }
                }
                values[o * inner + j] = m;
                indices[o * inner + j] = best;
            }
        }
    }

    @Override
    public void softmax(float[] a, int outer, int len, int inner, float[] out) {
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
                for (int l = 0; l < len; l++) {
                    out[base + l * inner] = (float) (Math.exp(a[base + l * inner] - m) / s);
                }
            }
        }
    }

    @Override
    public void logSoftmax(float[] a, int outer, int len, int inner, float[] out) {
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
                    out[base + l * inner] = (float) (a[base + l * inner] - lse);
                }
            }
        }
    }

    @Override
    public void gatherRows(float[] table, int cols, int[] index, float[] out, int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(table, index[i] * cols, out, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(float[] src, int cols, int[] index, float[] table, int count) {
        for (int i = 0; i < count; i++) {
            int row = index[i] * cols;
            for (int c = 0; c < cols; c++) {
                table[row + c] += src[i * cols + c];
            }
        }
    }

    @Override
    public void histogram(float[] a, int n, double min, double max, long[] counts) {
        int bins = counts.length;
        double width = (max - min) / bins;
        for (int i = 0; i < n; i++) {
            double v = a[i];
            if (v < min || v > max || Double.isNaN(v)) {
                continue;
            }
            int b = width > 0 ? (int) ((v - min) / width) : 0;
            counts[Math.min(b, bins - 1)]++;
        }
    }

    @Override
    public void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (double) (accumulate ? c[i * n + j] + s : s);
            }
        }
    }

    @Override
    public void matmulTransA(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[p * m + i] * b[p * n + j];
                }
                c[i * n + j] = (double) (accumulate ? c[i * n + j] + s : s);
            }
        }
    }

    @Override
    public void matmulTransB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = (double) (accumulate ? c[i * n + j] + s : s);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    @Override
    public void binaryRow(BinaryOp op, double[] a, double[] row, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = op.apply(a[r * cols + c], row[c]);
            }
        }
    }

    @Override
    public void binaryColumn(BinaryOp op, double[] a, double[] col, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = op.apply(a[r * cols + c], col[r]);
            }
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, double s, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], s);
        }
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void unary(UnaryOp op, double[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i]);
        }
    }

    @Override
    public void pow(double[] a, double p, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (double) Math.pow(a[i], p);
        }
    }

    @Override
    public void tanhBackward(double[] t, double[] g, double[] out, int n, boolean accumulate) {
        for (int i = 0; i < n; i++) {
            double d = (1 - t[i] * t[i]) * g[i];
            out[i] = accumulate ? out[i] + d : d;
        }
    }

    @Override
    public double sum(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public void sum(double[] a, int outer, int len, int inner, double[] out, boolean accumulate) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += a[(o * len + l) * inner + j];
                }
                int at = o * inner + j;
                out[at] = (double) (accumulate ? out[at] + s : s);
            }
        }
    }

    @Override
    public double variance(double[] a, int n, boolean unbiased) {
        double mean = sum(a, n) / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - mean;
            ss += d * d;
        }
        return ss / (unbiased ? n - 1 : n);
    }

    @Override
    public void variance(double[] a, int outer, int len, int inner, boolean unbiased, double[] out) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < len; l++) {
                    s += a[(o * len + l) * inner + j];
                }
                double mean = s / len;
                double ss = 0;
                for (int l = 0; l < len; l++) {
                    double d = a[(o * len + l) * inner + j] - mean;
                    ss += d * d;
                }
                out[o * inner + j] = (double) (ss / (unbiased ? len - 1 : len));
            }
        }
    }

    @Override
    public double max(double[] a, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(a[i])) {
                return Double.NaN;
            }
            m = Math.max(m, a[i]);
        }
        return m;
    }

    @Override
    public int argmax(double[] a, int n) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(a[i])) {
                return i;
            }
            if (best < 0 || a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void max(double[] a, int outer, int len, int inner, double[] values, int[] indices) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = 0;
                double m = a[o * len * inner + j];
                for (int l = 1; l < len && !Double.isNaN(m); l++) {
                    double v = a[(o * len + l) * inner + j];
                    if (v > m || Double.isNaN(v)) {
                        m = v;
                        best = l;
                    }
                }
                values[o * inner + j] = m;
                indices[o * inner + j] = best;
            }
        }
    }

    @Override
    public void softmax(double[] a, int outer, int len, int inner, double[] out) {
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
                for (int l = 0; l < len; l++) {
                    out[base + l * inner] = (double) (Math.exp(a[base + l * inner] - m) / s);
                }
            }
        }
    }

    @Override
    public void logSoftmax(double[] a, int outer, int len, int inner, double[] out) {
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
                    out[base + l * inner] = (double) (a[base + l * inner] - lse);
                }
            }
        }
    }

    @Override
    public void gatherRows(double[] table, int cols, int[] index, double[] out, int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(table, index[i] * cols, out, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(double[] src, int cols, int[] index, double[] table, int count) {
        for (int i = 0; i < count; i++) {
            int row = index[i] * cols;
            for (int c = 0; c < cols; c++) {
                table[row + c] += src[i * cols + c];
            }
        }
    }

    @Override
    public void histogram(double[] a, int n, double min, double max, long[] counts) {
        int bins = counts.length;
        double width = (max - min) / bins;
        for (int i = 0; i < n; i++) {
            double v = a[i];
            if (v < min || v > max || Double.isNaN(v)) {
                continue;
            }
            int b = width > 0 ? (int) ((v - min) / width) : 0;
            counts[Math.min(b, bins - 1)]++;
        }
    }

    // ---- BatchNorm ----

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
    public void batchNormSums(float[] g, float[] x, float[] mean, float[] inv, float[] sumG, float[] sumGX, int n,
            int d) {
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
    }

    @Override
    public void batchNormInputGrad(float[] g, float[] x, float[] mean, float[] inv, float[] a, float[] b, float[] k,
            float[] out, int n, int d) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float xhat = (x[i * d + j] - mean[j]) * inv[j];
                out[i * d + j] += a[j] * (g[i * d + j] - b[j] - xhat * k[j]);
            }
        }
    }
}
