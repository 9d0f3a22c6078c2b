package dev.makemore.core.kernels;

/**
 * The float32 numeric kernels everything else is built on, over raw row-major arrays (as BLAS and
 * llama3.java do).
 *
 * <p>Two implementations exist: {@link ScalarKernels}, plain loops that are obviously right and serve
 * as the test oracle, and {@link VectorKernels}, the same contracts on {@code jdk.incubator.vector}.
 * Every SIMD loop of the project is here, each with its scalar twin. {@link #get()} returns the vector
 * one unless the system property {@code makemore.kernels=scalar} is set (or the machine's vectors are
 * narrower than 128 bits), so any result can be re-checked on the scalar path without recompiling.
 * Float64, which only the gradient checks use, has no SIMD path and so is not part of this interface:
 * it runs on {@link ScalarKernels}' loops over {@code double[]}, the same loops the float32 oracle runs.
 *
 * <p>Conventions. Matrices are row-major. Axis reductions, softmax and the like take the array as
 * {@code (outer, len, inner)}: the reduced dimension of length {@code len} sits between {@code outer}
 * leading and {@code inner} trailing elements, so one signature reduces any dimension of any rank
 * ({@code (1, rows, cols)} reduces a matrix over its rows, {@code (rows, cols, 1)} over its columns);
 * the output holds {@code outer * inner} values. {@code accumulate} means {@code out += result},
 * as gradients accumulate in backprop; otherwise {@code out = result}. Output arrays may be the
 * same as an input for elementwise kernels, never for matmul.
 */
public interface Kernels {

    /** The kernels in use: vector unless {@code -Dmakemore.kernels=scalar}. */
    static Kernels get() {
        return KernelSelection.INSTANCE;
    }

    /** Name of this implementation, for benchmark reports. */
    String name();

    // ---- matrix multiplication: the three forms forward and backward passes need ----

    /** {@code C(m,n) (+)= A(m,k) . B(k,n)}: the forward {@code x @ W}. */
    void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** {@code C(m,n) (+)= A^T . B} with {@code A} stored {@code (k,m)}: the weight gradient {@code x^T . dout}. */
    void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** {@code C(m,n) (+)= A . B^T} with {@code B} stored {@code (n,k)}: the input gradient {@code dout . W^T}. */
    void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    // ---- elementwise, with the broadcasting forms the lecture uses ----

    /** {@code out[i] = a[i] op b[i]} for {@code i < n}. */
    void binary(BinaryOp op, float[] a, float[] b, float[] out, int n);

    /** {@code out[r,c] = a[r,c] op row[c]}: a {@code (rows, cols)} with a {@code (cols)} or {@code (1, cols)}. */
    void binaryRow(BinaryOp op, float[] a, float[] row, float[] out, int rows, int cols);

    /** {@code out[r,c] = a[r,c] op col[r]}: a {@code (rows, cols)} with a {@code (rows, 1)}. */
    void binaryColumn(BinaryOp op, float[] a, float[] col, float[] out, int rows, int cols);

    /** {@code out[i] = a[i] op s}. */
    void binaryScalar(BinaryOp op, float[] a, float s, float[] out, int n);

    /** {@code y[i] += alpha * x[i]}: the SGD update {@code p.data += -lr * p.grad} and gradient accumulation. */
    void axpy(float alpha, float[] x, float[] y, int n);

    /** {@code out[i] = f(a[i])}. */
    void unary(UnaryOp op, float[] a, float[] out, int n);

    /** {@code out[i] = a[i]^p}. */
    void pow(float[] a, float p, float[] out, int n);

    /** {@code out[i] (+)= (1 - t[i]^2) * g[i]}: tanh's backward from its output {@code t}. */
    void tanhBackward(float[] t, float[] g, float[] out, int n, boolean accumulate);

    // ---- reductions ----

    /** Sum of {@code a[0..n)}, accumulated in double. */
    double sum(float[] a, int n);

    /** Sums over the middle dimension of {@code (outer, len, inner)} into {@code out[outer*inner]}. */
    void sum(float[] a, int outer, int len, int inner, float[] out, boolean accumulate);

    /** Variance of {@code a[0..n)}: divisor {@code n - 1} when unbiased (PyTorch's default), else {@code n}. */
    double variance(float[] a, int n, boolean unbiased);

    /**
     * Variance over the middle dimension of {@code (outer, len, inner)}; {@code sums}, unless null,
     * receives the sums over that dimension, exactly as {@link #sum(float[], int, int, int, float[], boolean)}
     * computes them, from the same pass (BatchNorm wants both the mean and the variance of a batch).
     */
    void variance(float[] a, int outer, int len, int inner, boolean unbiased, float[] out, float[] sums);

    /** Largest element of {@code a[0..n)}; NaN if any element is NaN (as {@code torch.max}). */
    float max(float[] a, int n);

    /** Index of the first largest element of {@code a[0..n)}, as {@code torch.argmax}. */
    int argmax(float[] a, int n);

    /** Maximum over the middle dimension of {@code (outer, len, inner)}, with its first index. */
    void max(float[] a, int outer, int len, int inner, float[] values, int[] indices);

    // ---- softmax ----

    /** Softmax over the middle dimension of {@code (outer, len, inner)}; stable for logits of +-1e4. */
    void softmax(float[] a, int outer, int len, int inner, float[] out);

    /** Log-softmax over the middle dimension: {@code x - max - log(sum(exp(x - max)))}. */
    void logSoftmax(float[] a, int outer, int len, int inner, float[] out);

    // ---- embedding lookup and its gradient ----

    /** {@code out[i, :] = table[index[i], :]} for {@code i < count}: the lecture's {@code C[X]}. */
    void gatherRows(float[] table, int cols, int[] index, float[] out, int count);

    /** {@code table[index[i], :] += src[i, :]}: the gradient of {@link #gatherRows}. */
    void scatterAddRows(float[] src, int cols, int[] index, float[] table, int count);

    // ---- BatchNorm over dimension 0 of an (n, d) batch, float32: the fused loops of layers' BatchNorm ----

    /**
     * {@code out[i,j] = gamma[j] * ((x[i,j] - mean[j]) / std[j]) + beta[j]}, in that order of rounding
     * ({@code BatchNorm1d}'s forward); {@code (x - mean) / std} alone when {@code gamma} is null.
     * {@code out} may be {@code x}.
     */
    void batchNorm(float[] x, float[] mean, float[] std, float[] gamma, float[] beta, float[] out, int n, int d);

    /**
     * {@code out[i,j] = gain[j] * (x[i,j] - mean[j]) / std[j] + bias[j]}: the lecture's inline BatchNorm.
     * {@code out} may be {@code x}.
     */
    void batchNormInline(float[] x, float[] mean, float[] std, float[] gain, float[] bias, float[] out, int n, int d);

    /**
     * BatchNorm's backward, both passes in one call. First the column sums, in float, each column down
     * its rows in order: {@code sumG[j] = sum_i g[i,j]} and {@code sumGX[j] = sum_i g[i,j] * xhat[i,j]},
     * with {@code xhat = (x - mean[j]) * inv[j]}. Then, unless {@code dx} is null,
     * {@code dx[i,j] += a[j] * (g[i,j] - b[j] - xhat[i,j] * k[j])}, where {@code b[j] = sumG[j] / n} and
     * {@code k[j] = correction * sumGX[j] / n} are computed in double and rounded to float once
     * ({@link ScalarKernels#batchNormCoefficients}); with fixed statistics ({@code correction} NaN)
     * {@code b = k = 0}.
     *
     * <p>One method, not two: {@code BatchNormMath.backward} inlined the two vector kernels it called,
     * and a method that large exceeds C2's node budget for inlining, after which some JVM runs boxed
     * vectors in it. This one is larger than C2 inlines (325 bytes of bytecode), so it is always
     * compiled on its own.
     */
    void batchNormBackward(float[] g, float[] x, float[] mean, float[] inv, float[] a, double correction,
            float[] sumG, float[] sumGX, float[] dx, int n, int d);

    // ---- histogram ----

    /**
     * Counts {@code a[0..n)} into {@code counts.length} equal bins over {@code [min, max]}, the last bin
     * closed, as {@code torch.histogram}; values outside the range are not counted.
     */
    void histogram(float[] a, int n, double min, double max, long[] counts);
}
