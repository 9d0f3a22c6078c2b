package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.UnaryOp;

import static dev.makemore.autograd.Tensor.allocate;
import static dev.makemore.autograd.Tensor.allocateEmpty;
import static dev.makemore.autograd.Tensor.fromOp;

/**
 * {@link Tensor}'s elementwise functions and its arithmetic with a number, forward and backward side
 * by side, as micrograd's {@code Value} ops: {@code tanh}, {@code exp}, {@code log}, {@code sqrt},
 * {@code x ** p}, {@code x + 0.01}, {@code 1 - t**2}. Each closure names its receiver {@code x}.
 */
final class Pointwise {
    private Pointwise() {
    }

    // docs:begin tanh-backward
    /**
     * {@code tanh(x)}, the lecture's non-linearity. Backward {@code (1 - t^2) * g} from the output
     * {@code t}: the factor that vanishes when tanh saturates, the lecture's first subject.
     */
    static Tensor tanh(Tensor x) {
        var out = allocateEmpty(x.dtype(), x.shape());
        ArrayMath.unary(UnaryOp.TANH, x.data(), out);
        return fromOp("tanh", out, g -> x.addToGrad(ArrayMath::tanhBackward, out, g), x);
    }
    // docs:end tanh-backward

    /** {@code exp}, {@code log}, {@code sqrt} or {@code neg} of {@code x}, each with its derivative. */
    static Tensor unary(UnaryOp op, String name, Tensor x) {
        NdArray data = x.data();
        var out = allocateEmpty(x.dtype(), x.shape());
        ArrayMath.unary(op, data, out);
        Backward backward = switch (op) {
            case EXP -> g -> x.accumulateProduct(BinaryOp.MUL, g, out, 1.0);    // exp' = exp, the output
            case LOG -> g -> x.accumulateProduct(BinaryOp.DIV, g, data, 1.0);   // log' = 1 / x
            case SQRT -> g -> x.accumulateProduct(BinaryOp.DIV, g, out, 0.5);   // sqrt' = 1 / (2 sqrt(x))
            case NEG -> g -> x.accumulateGrad(g, -1.0);
            case TANH, ABS -> throw new IllegalArgumentException(name + ": not a differentiable unary op here");
        };
        return fromOp(name, out, backward, x);
    }

    /** {@code x op s} for {@code op} one of {@code + - * /}; backward {@code slope * g} ({@code d(x op s)/dx}). */
    static Tensor withScalar(BinaryOp op, String name, Tensor x, double s, double slope) {
        var out = allocateEmpty(x.dtype(), x.shape());
        ArrayMath.binary(op, x.data(), s, out);
        return fromOp(name, out, g -> x.accumulateGrad(g, slope), x);
    }

    /** {@code s - x}; backward {@code -g}. */
    static Tensor rsub(Tensor x, double s) {
        var out = allocate(x.dtype(), x.shape());
        out.fill(s);
        ArrayMath.binary(BinaryOp.SUB, out, x.data(), out);
        return fromOp("rsub", out, g -> x.accumulateGrad(g, -1.0), x);
    }

    /** {@code s / x}; backward {@code -(s/x) / x * g}. */
    static Tensor rdiv(Tensor x, double s) {
        NdArray data = x.data();
        var out = allocate(x.dtype(), x.shape());
        out.fill(s);
        ArrayMath.binary(BinaryOp.DIV, out, data, out);
        return fromOp("rdiv", out, g -> {
            var t = allocate(x.dtype(), x.shape());
            ArrayMath.binary(BinaryOp.MUL, g, out, t);
            ArrayMath.binary(BinaryOp.DIV, t, data, t);
            x.accumulateGrad(t, -1.0);
        }, x);
    }

    /** {@code x ** p}; backward {@code p * x^(p-1) * g}. */
    static Tensor pow(Tensor x, double p) {
        NdArray data = x.data();
        var out = allocate(x.dtype(), x.shape());
        ArrayMath.pow(data, p, out);
        return fromOp("pow", out, g -> {
            if (p == 0.0) {
                x.gradBuffer();   // d(x^0)/dx = 0 everywhere, even at x = 0 where x^-1 would be infinite
                return;
            }
            var t = allocate(x.dtype(), x.shape());
            ArrayMath.pow(data, p - 1.0, t);
            ArrayMath.binary(BinaryOp.MUL, t, g, t);
            x.accumulateGrad(t, p);
        }, x);
    }
}
