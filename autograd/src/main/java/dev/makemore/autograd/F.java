package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.UnaryOp;

/**
 * Functional ops, as {@code torch.nn.functional}: the lecture's loss {@code F.cross_entropy(logits, Yb)}
 * and the softmax it samples names with. Each is defined like any other op, a forward computation
 * plus a {@link Backward} handed to {@link Tensor#fromOp}.
 */
public final class F {
    private F() {
    }

    /**
     * Mean cross-entropy of {@code logits (N, C)} against class indices {@code targets (N)}, equal to
     * PyTorch's {@code F.cross_entropy(logits, targets)}: the lecture's loss. Fused and numerically
     * stable (a log-softmax that subtracts the row maximum, so logits of 100 do not overflow, the
     * lecture's argument for using it instead of {@code counts = logits.exp()}); its backward is the
     * closed form {@code (softmax(logits) - onehot(targets)) / N} instead of a chain of small ops.
     */
    public static Tensor crossEntropy(Tensor logits, IntArray targets) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("cross_entropy: expected logits of shape (N, C), got " + logits.shape());
        }
        int n = logits.dim(0), classes = logits.dim(1);
        if (targets.shape().rank() != 1 || targets.size() != n) {
            throw new IllegalArgumentException("cross_entropy: expected targets of shape (" + n + ") for logits "
                    + logits.shape() + ", got " + targets.shape());
        }
        int[] t = targets.data().clone();   // callers reuse their minibatch buffers
        for (int i = 0; i < n; i++) {
            if (t[i] < 0 || t[i] >= classes) {
                throw new IndexOutOfBoundsException("cross_entropy: target " + t[i] + " is out of bounds for "
                        + classes + " classes (at position " + i + ")");
            }
        }
        var logp = Tensor.allocateEmpty(logits.dtype(), logits.shape());
        ArrayMath.logSoftmax(logits.data(), 1, logp);
        var loss = Tensor.allocate(logits.dtype(), Shape.scalar());
        loss.set(0, -pickSum(logp, t, classes) / n);
        return Tensor.fromOp("cross_entropy", loss, g -> {
            // d loss / d logits = g * (softmax - onehot) / N, with softmax = exp(log_softmax).
            boolean fresh = logits.grad() == null;
            var d = fresh ? logits.gradBufferToOverwrite() : Tensor.allocateEmpty(logp.dtype(), logp.shape());
            ArrayMath.unary(UnaryOp.EXP, logp, d);
            addAt(d, t, classes, -1.0);
            double scale = g.get(0) / n;
            if (fresh) {
                ArrayMath.binary(BinaryOp.MUL, d, scale, d);
            } else {
                ArrayMath.axpy(scale, d, logits.gradBuffer());
            }
        }, logits);
    }

    /**
     * Softmax along {@code dim}, as {@code F.softmax(logits, dim=1)} when the lecture samples names.
     * Backward: {@code s * (g - sum(g * s, dim))}.
     */
    public static Tensor softmax(Tensor x, int dim) {
        int d = checkDim("softmax", x, dim);
        var out = Tensor.allocate(x.dtype(), x.shape());
        ArrayMath.softmax(x.data(), d, out);
        return Tensor.fromOp("softmax", out, g -> {
            var t = Tensor.allocate(g.dtype(), g.shape());
            ArrayMath.binary(BinaryOp.MUL, g, out, t);
            var dot = Tensor.allocate(g.dtype(), x.shape().reduce(d, true));
            ArrayMath.sum(t, d, dot, false);
            AlongDim.apply(BinaryOp.SUB, g, dot, d, t);
            x.accumulateProduct(BinaryOp.MUL, t, out, 1.0);
        }, x);
    }

    /**
     * Log-softmax along {@code dim}, stable for large inputs: the log-probabilities behind the
     * lecture's negative log-likelihood. Backward: {@code g - exp(out) * sum(g, dim)}.
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        int d = checkDim("log_softmax", x, dim);
        var out = Tensor.allocate(x.dtype(), x.shape());
        ArrayMath.logSoftmax(x.data(), d, out);
        return Tensor.fromOp("log_softmax", out, g -> {
            var total = Tensor.allocate(g.dtype(), x.shape().reduce(d, true));
            ArrayMath.sum(g, d, total, false);
            var t = Tensor.allocate(g.dtype(), g.shape());
            ArrayMath.unary(UnaryOp.EXP, out, t);
            AlongDim.apply(BinaryOp.MUL, t, total, d, t);
            x.accumulateProduct(BinaryOp.SUB, g, t, 1.0);
        }, x);
    }

    /** {@code sum_i logp[i, t[i]]}: ArrayMath has no "pick one element per row" kernel, and N is small. */
    private static double pickSum(NdArray logp, int[] t, int classes) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += logp.get(i * classes + t[i]);
        }
        return s;
    }

    /** {@code a[i, t[i]] += v} for every row: subtracts the one-hot targets (N elements, not N * C). */
    private static void addAt(NdArray a, int[] t, int classes, double v) {
        for (int i = 0; i < t.length; i++) {
            int at = i * classes + t[i];
            a.set(at, a.get(at) + v);
        }
    }

    private static int checkDim(String name, Tensor x, int dim) {
        try {
            return x.shape().normalizeDim(dim);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
