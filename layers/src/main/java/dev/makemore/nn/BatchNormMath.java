package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.autograd.Workspace;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.Kernels;

/**
 * The arithmetic shared by {@link BatchNorm1d} and {@link InlineBatchNorm}: batch statistics over
 * dimension 0, the fused forward and backward loops, and the running-average update.
 *
 * <h2>The backward pass through {@code xhat = (x - mean) / std}</h2>
 * For one column (one hidden unit) with n values {@code x_i}, let
 * {@code mu = (1/n) sum_k x_k}, {@code v = (1/m) sum_k (x_k - mu)^2} with {@code m = n} (biased) or
 * {@code m = n - 1} (unbiased), {@code std = sqrt(v + eps)} and {@code xhat_i = (x_i - mu) / std}.
 * Given {@code g_i = dL/dxhat_i} (for BatchNorm, {@code dout_i * gamma}), the chain rule through the
 * three paths by which {@code x_i} reaches the loss (directly, through {@code mu}, through {@code v}):
 * <pre>
 *   dL/dx_i = g_i / std                                        (direct)
 *           - (1/n) sum_k g_k / std                            (through mu: d mu/dx_i = 1/n)
 *           + sum_k g_k (x_k - mu) * d(1/std)/dv * dv/dx_i     (through v)
 * </pre>
 * with {@code d(1/std)/dv = -1 / (2 std^3)} and {@code dv/dx_i = (2/m)(x_i - mu)} (the part of
 * {@code dv/dx_i} through {@code mu} is {@code -(2/m) sum_k (x_k - mu) / n = 0}). The last line is
 * {@code -(1/std) * xhat_i * (1/m) sum_k g_k xhat_k}. Writing {@code mean()} for {@code (1/n) sum_k}:
 * <pre>
 *   dL/dx_i = (1/std) * ( g_i - mean(g) - xhat_i * (n/m) * mean(g * xhat) )
 * </pre>
 * so the correction factor {@code c = n/m} is 1 for the biased variance (PyTorch's
 * {@code nn.BatchNorm1d}) and {@code n/(n-1)} for the unbiased one (the lecture's class, and its
 * inline form, whose std has no eps). Each column of {@code dL/dx} sums to zero (the {@code mean(g)}
 * term removes the sum of {@code g}, and {@code sum xhat = 0}): this is why the bias of a Linear before
 * BatchNorm gets no gradient. With {@code g = dout * gamma}, {@code mean(g) = gamma * sum(dout) / n} and
 * {@code mean(g * xhat) = gamma * sum(dout * xhat) / n}, and those two column sums are also
 * {@code dbeta} and {@code dgamma}; so the backward is two passes over the batch: one for the sums,
 * one for {@code dx = (gamma/std) (dout - sum(dout)/n - xhat * c * sum(dout * xhat)/n)}. With fixed
 * statistics (evaluation mode) mean and std are constants and {@code dx = dout * gamma / std}. The
 * tests check all of this against central finite differences in float64.
 *
 * <h2>Why loops</h2>
 * The lecture's BatchNorm is seven small tensor ops, each a pass over the batch and a temporary;
 * fused, the forward is two reductions and one pass, the backward two passes, and {@code xhat} is
 * recomputed rather than stored. The float32 loops are core's {@link Kernels} (SIMD, as HotSpot on
 * JDK 17 does not auto-vectorize a loop that reads {@code mean[j]} while writing {@code out[r + j]}:
 * it cannot rule out that the two arrays alias; {@code -Dmakemore.kernels=scalar} runs their scalar
 * twins); the float64 loops are the same steps written as plain loops here. The finite-difference tests check the float64 code; the float32 code is checked against
 * autograd's composition of the lecture's ops. Elementwise arithmetic is in the dtype, in the lecture's
 * order (vector lanes round exactly as scalar code, and nothing is fused into an FMA), so the forward
 * output equals the lecture's expression bit for bit.
 */
final class BatchNormMath {
    /** The kernels in use: the float32 loops are theirs (SIMD, or the scalar twins). */
    private static final Kernels K = ArrayMath.kernels();

    private BatchNormMath() {
    }

    /** The two operation orders of the lecture's two forms. */
    enum Order {
        /** The class: {@code gamma * ((x - mean) / std) + beta}. */
        CLASS,
        /** The inline form: {@code ((gain * (x - mean)) / std) + bias}. */
        INLINE
    }

    /**
     * Rejects what BatchNorm over dimension 0 cannot take: not 2-D, the wrong number of features, or
     * (when {@code batchStatistics}) a batch of one, whose variance is undefined, with PyTorch's message.
     */
    static void checkInput(String layer, Tensor x, int features, boolean batchStatistics) {
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException(layer + ": expected input of shape (N, " + features + "), got " + x.shape());
        }
        if (batchStatistics && x.dim(0) <= 1) {
            throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                    + x.shape());
        }
    }

    /** A batch's mean and variance over dim 0, each shaped like the layer's parameters. */
    record Moments(NdArray mean, NdArray var) {
    }

    /**
     * {@code x.mean(0)} as autograd computes it (column sums, divided by n in the dtype) and
     * {@link #variance} of {@code x} to the same bits, in one pass fewer over the batch than the two
     * apart: the variance's pass sums the columns that the mean needs.
     */
    static Moments moments(NdArray x, boolean unbiased, NdArray like) {
        var m = Workspace.empty(like.dtype(), like.shape());
        var v = Workspace.empty(like.dtype(), like.shape());
        ArrayMath.sumAndVariance(x, 0, unbiased, m, v);
        ArrayMath.binary(BinaryOp.DIV, m, x.dim(0), m);
        return new Moments(m, v);
    }

    /** {@code x.var(0, unbiased)} as autograd computes it, shaped like {@code like}. */
    static NdArray variance(NdArray x, boolean unbiased, NdArray like) {
        var v = Workspace.zeros(like.dtype(), like.shape());
        ArrayMath.variance(x, 0, unbiased, v);
        return v;
    }

    /**
     * {@code sqrt(var + eps)}, a new array, as autograd's {@code var.add(eps).sqrt()} computes it in the
     * dtype (float32: the float sum, then its correctly rounded square root; no addition when
     * {@code eps} is 0, as the inline form has none). A plain loop: these are only {@code dim} values.
     */
    static NdArray std(NdArray var, double eps) {
        var s = Workspace.empty(var.dtype(), var.shape());
        if (var.dtype() == DType.FLOAT32) {
            float[] v = var.floats(), out = s.floats();
            float e = (float) eps;
            for (int j = 0; j < v.length; j++) {
                out[j] = (float) Math.sqrt(eps == 0 ? v[j] : v[j] + e);
            }
        } else {
            double[] v = var.doubles(), out = s.doubles();
            for (int j = 0; j < v.length; j++) {
                out[j] = Math.sqrt(eps == 0 ? v[j] : v[j] + eps);
            }
        }
        return s;
    }

    // =====================================================================================
    // Forward
    // =====================================================================================

    /**
     * The normalised, scaled and shifted batch in one pass, in {@code order}; {@code gamma} and
     * {@code beta} may be null (no affine parameters: the output is {@code xhat}).
     */
    static NdArray forward(Order order, NdArray x, NdArray mean, NdArray std, NdArray gamma, NdArray beta) {
        var out = Workspace.empty(x.dtype(), x.shape());
        int n = x.dim(0), d = x.dim(1);
        if (x.dtype() == DType.FLOAT32) {
            forward32(order, x.floats(), mean.floats(), std.floats(), gamma == null ? null : gamma.floats(),
                    beta == null ? null : beta.floats(), out.floats(), n, d);
        } else {
            double[] xs = x.doubles(), o = out.doubles(), mu = mean.doubles(), s = std.doubles();
            double[] ga = gamma == null ? null : gamma.doubles(), be = beta == null ? null : beta.doubles();
            for (int i = 0; i < n; i++) {
                int r = i * d;
                if (ga == null) {
                    for (int j = 0; j < d; j++) {
                        o[r + j] = (xs[r + j] - mu[j]) / s[j];
                    }
                } else if (order == Order.CLASS) {
                    for (int j = 0; j < d; j++) {
                        o[r + j] = ga[j] * ((xs[r + j] - mu[j]) / s[j]) + be[j];
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        o[r + j] = ga[j] * (xs[r + j] - mu[j]) / s[j] + be[j];
                    }
                }
            }
        }
        return out;
    }

    /** The float32 forward: core's fused loop for {@code order}. */
    private static void forward32(Order order, float[] xs, float[] mu, float[] s, float[] ga, float[] be, float[] o,
                                  int n, int d) {
        if (order == Order.CLASS || ga == null) {
            K.batchNorm(xs, mu, s, ga, be, o, n, d);
        } else {
            K.batchNormInline(xs, mu, s, ga, be, o, n, d);
        }
    }

    // =====================================================================================
    // Backward
    // =====================================================================================

    /**
     * Adds the gradients of a batch-norm output to its inputs, by the formulas of the class comment.
     *
     * @param g          {@code dL/dout}, {@code (n, d)}
     * @param x          the forward input's values
     * @param mean       the statistics the forward used, {@code d} values each
     * @param std        {@code sqrt(var + eps)} as the forward used it
     * @param input      receives {@code dL/dx} if it requires grad
     * @param gamma      receives {@code sum(dout * xhat)} if it requires grad; null without affine parameters
     * @param beta       receives {@code sum(dout)} if it requires grad; null without affine parameters
     * @param correction {@code n/m} with batch statistics (their gradient is included); NaN for fixed statistics
     */
    static void backward(NdArray g, NdArray x, NdArray mean, NdArray std, Tensor input, Tensor gamma, Tensor beta,
                         double correction) {
        int n = x.dim(0), d = x.dim(1);
        boolean affineGrads = gamma != null && (gamma.requiresGrad() || beta.requiresGrad());
        if (!affineGrads && !input.requiresGrad()) {
            return;
        }
        // dx = a * (dout - b - xhat * k) per column j, with a = gamma/std, and for batch statistics
        // b = sum(dout)/n, k = c * sum(dout * xhat)/n; for fixed statistics b = k = 0.
        double[] a = doubles(d);
        for (int j = 0; j < d; j++) {
            a[j] = (gamma == null ? 1.0 : gamma.data().get(j)) / std.get(j);
        }
        // xhat = (x - mean) * (1/std): a multiplication instead of a division per element; it may
        // differ from the forward's xhat in the last bit, which a gradient does not notice.
        double[] sumG = doubles(d), sumGX = doubles(d);
        if (x.dtype() == DType.FLOAT32) {
            // One kernel, both passes: the column sums (in float: n is a minibatch, 32 terms lose
            // nothing a gradient would notice), then dx.
            float[] sg = floats(d), sgx = floats(d);
            K.batchNormBackward(g.floats(), x.floats(), mean.floats(), inverse(std), toFloats(a), correction, sg, sgx,
                    input.requiresGrad() ? input.gradBuffer().floats() : null, n, d);
            for (int j = 0; j < d; j++) {
                sumG[j] = sg[j];
                sumGX[j] = sgx[j];
            }
        } else {
            backward64(g.doubles(), x.doubles(), mean.doubles(), inverseDoubles(std), a, correction, sumG, sumGX,
                    input.requiresGrad() ? input.gradBuffer().doubles() : null, n, d);
        }
        if (gamma != null && gamma.requiresGrad()) {
            addTo(gamma.gradBuffer(), sumGX);
        }
        if (beta != null && beta.requiresGrad()) {
            addTo(beta.gradBuffer(), sumG);
        }
    }

    /** {@link #backward} in float64, where every sum is in double: the gradient checks' path. */
    private static void backward64(double[] gs, double[] xs, double[] mu, double[] inv, double[] a, double correction,
                                   double[] sumG, double[] sumGX, double[] dx, int n, int d) {
        java.util.Arrays.fill(sumG, 0, d, 0.0);
        java.util.Arrays.fill(sumGX, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            int r = i * d;
            for (int j = 0; j < d; j++) {
                double xhat = (xs[r + j] - mu[j]) * inv[j];
                sumG[j] += gs[r + j];
                sumGX[j] += gs[r + j] * xhat;
            }
        }
        if (dx == null) {
            return;
        }
        // b = sum(dout)/n and k = c * sum(dout * xhat)/n per column; 0 for fixed statistics.
        boolean batch = !Double.isNaN(correction);
        double[] b = doubles(d), k = doubles(d);
        for (int j = 0; j < d; j++) {
            b[j] = batch ? sumG[j] / n : 0;
            k[j] = batch ? correction * sumGX[j] / n : 0;
        }
        for (int i = 0; i < n; i++) {
            int r = i * d;
            for (int j = 0; j < d; j++) {
                double xhat = (xs[r + j] - mu[j]) * inv[j];
                dx[r + j] += a[j] * (gs[r + j] - b[j] - xhat * k[j]);
            }
        }
    }

    private static void addTo(NdArray grad, double[] values) {
        for (int j = 0; j < values.length; j++) {
            grad.set(j, grad.get(j) + values[j]);
        }
    }

    private static float[] inverse(NdArray std) {
        float[] s = std.floats(), inv = floats(s.length);
        for (int j = 0; j < s.length; j++) {
            inv[j] = 1f / s[j];
        }
        return inv;
    }

    private static double[] inverseDoubles(NdArray std) {
        double[] s = std.doubles(), inv = doubles(s.length);
        for (int j = 0; j < s.length; j++) {
            inv[j] = 1.0 / s[j];
        }
        return inv;
    }

    /**
     * Work arrays of the backward pass, from the step's workspace (so a training step does not
     * allocate them anew: some 6 KB per BatchNorm layer), else fresh; not zeroed: every caller writes
     * each element before reading it.
     */
    private static double[] doubles(int d) {
        return Workspace.empty(DType.FLOAT64, Shape.of(d)).doubles();
    }

    private static float[] floats(int d) {
        return Workspace.empty(DType.FLOAT32, Shape.of(d)).floats();
    }

    private static float[] toFloats(double[] v) {
        float[] f = floats(v.length);
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    // =====================================================================================
    // Running statistics
    // =====================================================================================

    /**
     * {@code running = (1 - momentum) * running + momentum * batch}, in place, in the running array's
     * dtype with the lecture's operation order: each product rounded (the Python scalars rounded to the
     * tensor's dtype first), then the sum, as
     * {@code self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * xmean}.
     */
    static void updateRunningLecture(NdArray running, NdArray batch, double momentum) {
        var t = Workspace.zeros(running.dtype(), running.shape());
        ArrayMath.binary(BinaryOp.MUL, batch.view(running.shape()), momentum, t);
        ArrayMath.binary(BinaryOp.MUL, running, 1 - momentum, running);
        ArrayMath.binary(BinaryOp.ADD, running, t, running);
    }

    /**
     * {@code running = momentum * batch + (1 - momentum) * running} computed in double and rounded once,
     * as PyTorch's CPU {@code batch_norm} updates its running statistics (in its accumulation type).
     */
    static void updateRunningDouble(NdArray running, NdArray batch, double momentum) {
        for (int j = 0; j < running.size(); j++) {
            running.set(j, momentum * batch.get(j) + (1 - momentum) * running.get(j));
        }
    }
}
