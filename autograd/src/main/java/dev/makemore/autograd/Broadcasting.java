package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.ArrayMath.Broadcast;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;

/**
 * {@link Tensor}'s elementwise {@code + - * /} between two tensors, with PyTorch's broadcasting in the
 * forms the lecture uses ({@code hpreact + b1}, {@code bngain * xhat + bnbias}, {@code x - xmean}).
 */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * One elementwise op with PyTorch's broadcasting in the forms the lecture uses: equal shapes, or one
     * side a row {@code (D)}/{@code (1, D)}, a column {@code (N, 1)} or a single element. The backward
     * is the same whichever side is broadcast: multiply the upstream grad by the local derivative (at
     * the output's shape), then {@link Tensor#accumulateGrad(NdArray, double) sum it down} to each input.
     */
    static Tensor binary(BinaryOp op, String name, Tensor a, Tensor b) {
        a.sameDType(name, b);
        NdArray out;
        if (ArrayMath.broadcast(a.shape(), b.shape()) != null) {
            out = Tensor.allocateEmpty(a.dtype(), a.shape());
            ArrayMath.binary(op, a.data(), b.data(), out);
        } else if (ArrayMath.broadcast(b.shape(), a.shape()) != null) {
            // The left operand is the small one (bngain * xhat): swap if the op commutes, else expand it first.
            out = Tensor.allocate(a.dtype(), b.shape());
            if (op == BinaryOp.ADD || op == BinaryOp.MUL) {
                ArrayMath.binary(op, b.data(), a.data(), out);
            } else {
                ArrayMath.binary(BinaryOp.ADD, out, a.data(), out);
                ArrayMath.binary(op, out, b.data(), out);
            }
        } else {
            throw new IllegalArgumentException(name + ": shapes " + a.shape() + " and " + b.shape()
                    + " do not broadcast"
                    + " (supported: equal shapes, or one side a row (D) or (1, D), a column (N, 1) or one element)");
        }
        var result = out;
        return Tensor.fromOp(name, result, g -> {
            switch (op) {
                case ADD -> {
                    if (a.requiresGrad()) {
                        a.accumulateGrad(g, 1.0);
                    }
                    if (b.requiresGrad()) {
                        b.accumulateGrad(g, 1.0);
                    }
                }
                case SUB -> {
                    if (a.requiresGrad()) {
                        a.accumulateGrad(g, 1.0);
                    }
                    if (b.requiresGrad()) {
                        b.accumulateGrad(g, -1.0);
                    }
                }
                case MUL -> {
                    if (a.requiresGrad()) {
                        a.accumulateProduct(BinaryOp.MUL, g, b.data(), 1.0);
                    }
                    if (b.requiresGrad()) {
                        b.accumulateProduct(BinaryOp.MUL, g, a.data(), 1.0);
                    }
                }
                case DIV -> {
                    if (a.requiresGrad()) {
                        a.accumulateProduct(BinaryOp.DIV, g, b.data(), 1.0);           // d(a/b)/da = 1/b
                    }
                    if (b.requiresGrad()) {
                        var t = Tensor.allocate(result.dtype(), result.shape());            // d(a/b)/db = -(a/b)/b
                        ArrayMath.binary(BinaryOp.MUL, g, result, t);
                        ArrayMath.binary(BinaryOp.DIV, t, b.data(), t);
                        b.accumulateGrad(t, -1.0);
                    }
                }
            }
        }, a, b);
    }

    /**
     * {@code x.grad += scale * delta}, summing {@code delta} (shaped like an op's output) down to
     * {@code x}'s shape along the dimensions {@code x} was broadcast along; see
     * {@link Tensor#accumulateGrad(NdArray, double)}.
     */
    static void reduceIntoGrad(Tensor x, NdArray delta, double scale) {
        Broadcast form = ArrayMath.broadcast(delta.shape(), x.shape());
        if (form == null) {
            throw new IllegalArgumentException("accumulateGrad: a gradient of shape " + delta.shape()
                    + " does not reduce to the tensor's shape " + x.shape());
        }
        if (form == Broadcast.SAME) {
            if (x.grad == null && scale == 1.0) {
                x.gradBufferToOverwrite().copyFrom(delta);
            } else {
                ArrayMath.axpy(scale, delta, x.gradBuffer());
            }
            return;
        }
        boolean fresh = x.grad == null;
        NdArray g = x.gradBuffer();
        int n = delta.size();
        if (n == 0) {
            return;
        }
        // View the delta as (rows, cols) and sum away the broadcast direction.
        int cols = form == Broadcast.SCALAR ? n : delta.shape().dim(-1);
        NdArray matrix = delta.view(n / cols, cols);
        int sumDim = form == Broadcast.ROW ? 0 : 1;
        if (scale == 1.0) {
            ArrayMath.sum(matrix, sumDim, g, !fresh);
        } else if (fresh) {
            ArrayMath.sum(matrix, sumDim, g, false);
            ArrayMath.binary(BinaryOp.MUL, g, scale, g);
        } else {
            var t = Tensor.allocate(x.dtype(), x.shape());
            ArrayMath.sum(matrix, sumDim, t, false);
            ArrayMath.axpy(scale, t, g);
        }
    }
}
