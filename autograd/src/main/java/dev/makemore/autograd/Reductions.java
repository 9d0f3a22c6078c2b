package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;

import static dev.makemore.autograd.Tensor.allocate;
import static dev.makemore.autograd.Tensor.fromOp;

/**
 * {@link Tensor}'s reductions along a dimension, and the variance, forward and backward side by
 * side: BatchNorm's {@code hpreact.mean(0, keepdim=True)} and {@code hpreact.var(0, keepdim=True)}.
 * Each closure names its receiver {@code x}; {@code dim} is already normalised (non-negative).
 */
final class Reductions {
    private Reductions() {
    }

    /** {@code x.sum()}, a 0-dimensional tensor; backward spreads {@code g} to every element. */
    static Tensor sum(Tensor x) {
        var out = allocate(x.dtype(), Shape.scalar());
        out.set(0, ArrayMath.sum(x.data()));
        return fromOp("sum", out, g -> {
            var gx = x.gradBuffer();
            ArrayMath.binary(BinaryOp.ADD, gx, g.get(0), gx);
        }, x);
    }

    /** {@code x.mean()}, a 0-dimensional tensor; backward spreads {@code g / n}. */
    static Tensor mean(Tensor x) {
        var out = allocate(x.dtype(), Shape.scalar());
        out.set(0, ArrayMath.mean(x.data()));
        return fromOp("mean", out, g -> {
            var gx = x.gradBuffer();
            ArrayMath.binary(BinaryOp.ADD, gx, g.get(0) / x.size(), gx);
        }, x);
    }

    /** {@code x.sum(dim, keepdim)}. Backward adds {@code g} to every element along {@code dim}. */
    static Tensor sum(Tensor x, int dim, boolean keepdim) {
        var out = allocate(x.dtype(), x.shape().reduce(dim, keepdim));
        ArrayMath.sum(x.data(), dim, out, false);
        return fromOp("sum", out, g -> {
            var gx = x.gradBuffer();
            AlongDim.apply(BinaryOp.ADD, gx, g, dim, gx);
        }, x);
    }

    /** {@code x.mean(dim, keepdim)}. Backward adds {@code g / n} along {@code dim}. */
    static Tensor mean(Tensor x, int dim, boolean keepdim) {
        int len = x.dim(dim);
        var out = allocate(x.dtype(), x.shape().reduce(dim, keepdim));
        ArrayMath.sum(x.data(), dim, out, false);
        ArrayMath.binary(BinaryOp.DIV, out, len, out);
        return fromOp("mean", out, g -> {
            var t = allocate(g.dtype(), g.shape());
            ArrayMath.binary(BinaryOp.DIV, g, len, t);
            var gx = x.gradBuffer();
            AlongDim.apply(BinaryOp.ADD, gx, t, dim, gx);
        }, x);
    }

    /** {@code x.var(unbiased)} over all elements. Backward {@code 2 (x - mean) / (n - ddof) * g}. */
    static Tensor var(Tensor x, boolean unbiased) {
        NdArray data = x.data();
        var out = allocate(x.dtype(), Shape.scalar());
        out.set(0, ArrayMath.variance(data, unbiased));
        int n = x.size();
        return fromOp("var", out, g -> {
            var centered = allocate(x.dtype(), x.shape());
            ArrayMath.binary(BinaryOp.SUB, data, ArrayMath.mean(data), centered);
            x.accumulateGrad(centered, 2.0 * g.get(0) / (unbiased ? n - 1 : n));
        }, x);
    }

    /** {@code x.var(dim, keepdim, unbiased)}. Backward {@code 2 (x - mean) / (n - ddof) * g} along {@code dim}. */
    static Tensor var(Tensor x, int dim, boolean keepdim, boolean unbiased) {
        NdArray data = x.data();
        int len = x.dim(dim);
        Shape reduced = x.shape().reduce(dim, keepdim);
        var out = allocate(x.dtype(), reduced);
        ArrayMath.variance(data, dim, unbiased, out);
        return fromOp("var", out, g -> {
            var mean = allocate(x.dtype(), reduced);
            ArrayMath.sum(data, dim, mean, false);
            ArrayMath.binary(BinaryOp.DIV, mean, len, mean);
            var t = allocate(x.dtype(), x.shape());
            AlongDim.apply(BinaryOp.SUB, data, mean, dim, t);
            AlongDim.apply(BinaryOp.MUL, t, g, dim, t);
            x.accumulateGrad(t, 2.0 / (unbiased ? len - 1 : len));
        }, x);
    }
}
