package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.Hardware;
import dev.makemore.core.random.Generator;

/**
 * Weight initialisation, as {@code torch.nn.init}: the gains of {@link #calculateGain} and
 * {@link #kaimingNormal}, which is how the lecture turns its hand-tuned scales ({@code W1 * 0.2}) into
 * a rule: {@code std = gain / sqrt(fan_in)}, with gain 5/3 for tanh.
 *
 * <p><b>Layout.</b> PyTorch's {@code nn.Linear} stores its weight as {@code (out_features, in_features)}
 * and computes {@code x @ W.T}; this project stores weights as the lecture does,
 * {@code (fan_in, fan_out)}, and computes {@code x @ W}. The fans keep their meaning, not their axis:
 * here {@code fan_in = dim(0)} and {@code fan_out = dim(1)}, where PyTorch reads {@code size(1)} and
 * {@code size(0)}. So {@code kaimingNormal(W, TANH, FAN_IN, g)} on our {@code (30, 200)} weight has
 * the same standard deviation, {@code (5/3) / sqrt(30)}, as {@code kaiming_normal_} on PyTorch's
 * {@code (200, 30)} weight of the same layer.
 *
 * <p><b>The lecture's hand scales.</b> The kaiming stage writes
 * {@code torch.randn((30, 200), generator=g) * (5/3) / (30**0.5)}, which is
 * {@code calculateGain(TANH) / sqrt(fanIn)} times a standard normal: the same distribution as
 * {@code kaimingNormal(W, TANH, FAN_IN, g)}, drawn from the same generator state. The values agree to
 * float32 rounding, not bit for bit, because Python evaluates {@code randn * (5/3)} and then
 * {@code / 30**0.5} (two roundings) where {@code normal_(0, std)} multiplies once by {@code std}. Code
 * that must reproduce the lecture's numbers digit by digit applies the lecture's two operations;
 * {@link Linear}'s constructor does so for the {@code randn / sqrt(fan_in)} of the lecture's class.
 *
 * <p><b>Random numbers.</b> Every function draws from the given {@link Generator} exactly as
 * PyTorch's CPU kernels consume theirs (one {@code randn} of the whole tensor, or one 32-bit draw per
 * element for {@code uniform_}), so the generator is left in the state PyTorch would leave it in.
 * Only float32 tensors are filled: the generator reproduces PyTorch's float32 paths; a float64
 * tensor for a gradient check is drawn in float32 and converted ({@link NdArray#to}).
 */
public final class Init {
    /** PyTorch's default {@code negative_slope} of {@code leaky_relu} in {@code calculate_gain}. */
    public static final double DEFAULT_LEAKY_RELU_SLOPE = 0.01;

    private Init() {
    }

    /**
     * {@code torch.randn(dims, generator=g)}: a float32 array of standard normals, drawn as PyTorch
     * draws them. The lecture's hand initialisation is this times a scale ({@link #mul}), e.g.
     * {@code W2 = torch.randn((n_hidden, vocab_size), generator=g) * 0.01}.
     */
    public static NdArray randn(Generator g, int... dims) {
        var a = NdArray.zeros(DType.FLOAT32, dims);
        g.randn(a.floats());
        return a;
    }

    /**
     * {@code a *= scale} in place, as PyTorch multiplies a float32 tensor by a Python float: the
     * scale is rounded to float32 first. Returns {@code a}.
     */
    public static NdArray mul(NdArray a, double scale) {
        ArrayMath.binary(BinaryOp.MUL, a, scale, a);
        return a;
    }

    /**
     * {@code a /= divisor} in place in float32 (the divisor rounded to float32 first): the lecture's
     * {@code Linear} weight {@code randn((fan_in, fan_out)) / fan_in**0.5}. Returns {@code a}.
     */
    public static NdArray div(NdArray a, double divisor) {
        ArrayMath.binary(BinaryOp.DIV, a, (float) divisor, a);
        return a;
    }

    /**
     * The recommended gain for a non-linearity, as {@code torch.nn.init.calculate_gain(nonlinearity)}:
     * 1 for linear, the convolutions and sigmoid; 5/3 for tanh; sqrt(2) for relu;
     * sqrt(2 / (1 + 0.01^2)) for leaky_relu; 3/4 for selu.
     */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, DEFAULT_LEAKY_RELU_SLOPE);
    }

    // docs:begin calculate-gain
    /**
     * {@code calculate_gain(nonlinearity, param)}: {@code param} is the negative slope of
     * {@code leaky_relu} (gain {@code sqrt(2 / (1 + param^2))}) and is ignored by the others, as in
     * PyTorch.
     */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
            case SELU -> 3.0 / 4;
        };
    }
    // docs:end calculate-gain

    /**
     * The fans of a weight stored {@code (fan_in, fan_out)} as in the lecture.
     *
     * @param fanIn  inputs per output unit, {@code dim(0)}
     * @param fanOut outputs per input unit, {@code dim(1)}
     */
    public record Fans(int fanIn, int fanOut) {
        /**
         * The fans of a 2-D weight in our {@code (fan_in, fan_out)} layout.
         *
         * @throws IllegalArgumentException for other ranks (PyTorch's message for fewer than 2)
         */
        public static Fans of(Shape shape) {
            if (shape.rank() < 2) {
                throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2"
                        + " dimensions (shape " + shape + ")");
            }
            if (shape.rank() > 2) {
                throw new IllegalArgumentException("fans are defined here for 2-D (fan_in, fan_out) weights only, got shape "
                        + shape);
            }
            return new Fans(shape.dim(0), shape.dim(1));
        }

        /** The fan that {@code mode} selects. */
        public int select(FanMode mode) {
            return mode == FanMode.FAN_IN ? fanIn : fanOut;
        }
    }

    /** {@code gain / sqrt(fan)}: the standard deviation {@code kaiming_normal_} draws with. */
    public static double kaimingStd(Shape shape, double gain, FanMode mode) {
        int fan = Fans.of(shape).select(mode);
        if (fan == 0) {
            throw new IllegalArgumentException("kaiming init of a tensor with zero elements (shape " + shape + ")");
        }
        return gain / Math.sqrt(fan);
    }

    /**
     * {@code torch.nn.init.kaiming_normal_(w, mode=mode, nonlinearity=nonlinearity, generator=g)} on
     * our {@code (fan_in, fan_out)} layout (see the class comment): fills {@code w} with normals of
     * standard deviation {@code calculateGain(nonlinearity) / sqrt(fan)}.
     *
     * @return {@code w}
     */
    public static NdArray kaimingNormal(NdArray w, Nonlinearity nonlinearity, FanMode mode, Generator g) {
        return kaimingNormal(w, calculateGain(nonlinearity), mode, g);
    }

    /** {@link #kaimingNormal(NdArray, Nonlinearity, FanMode, Generator)} with an explicit gain. */
    public static NdArray kaimingNormal(NdArray w, double gain, FanMode mode, Generator g) {
        return normal(w, 0.0, kaimingStd(w.shape(), gain, mode), g);
    }

    /** {@link #kaimingNormal(NdArray, Nonlinearity, FanMode, Generator)} on a tensor's data (no graph). */
    public static Tensor kaimingNormal(Tensor w, Nonlinearity nonlinearity, FanMode mode, Generator g) {
        kaimingNormal(w.data(), nonlinearity, mode, g);
        return w;
    }

    /** {@link #kaimingNormal(NdArray, double, FanMode, Generator)} on a tensor's data (no graph). */
    public static Tensor kaimingNormal(Tensor w, double gain, FanMode mode, Generator g) {
        kaimingNormal(w.data(), gain, mode, g);
        return w;
    }

    /**
     * {@code a.normal_(mean, std, generator=g)} for a float32 array, as PyTorch's CPU kernel does it:
     * for 16 or more elements one {@code randn} of the whole array, each value then
     * {@code fma(n, (float) std, (float) mean)} (the AVX2 kernel's fused multiply-add); for fewer, one
     * double normal per element, {@code (float) (n * std + mean)}.
     *
     * @return {@code a}
     */
    public static NdArray normal(NdArray a, double mean, double std, Generator g) {
        float[] v = float32(a, "normal_");
        if (v.length >= 16) {
            g.randn(v);
            float m = (float) mean, s = (float) std;
            for (int i = 0; i < v.length; i++) {
                v[i] = Hardware.fma(v[i], s, m);
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (g.nextNormal() * std + mean);
            }
        }
        return a;
    }

    /**
     * {@code a.uniform_(from, to, generator=g)} for a float32 array: per element, in order, one 32-bit
     * draw whose low 24 bits give {@code u} in {@code [0, 1)}, then {@code u * (to - from) + from} in
     * float32 (fused, as PyTorch's AVX2 build contracts it; bit-exactness against PyTorch for bounds
     * other than [0, 1) has not been checked against recorded vectors).
     *
     * @return {@code a}
     */
    public static NdArray uniform(NdArray a, double from, double to, Generator g) {
        float[] v = float32(a, "uniform_");
        float lo = (float) from, width = (float) to - lo;
        for (int i = 0; i < v.length; i++) {
            v[i] = Hardware.fma(g.nextFloatUniform(), width, lo);
        }
        return a;
    }

    private static float[] float32(NdArray a, String op) {
        if (a.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": draws float32 values exactly as PyTorch does; got a "
                    + a.dtype().torchName() + " array of shape " + a.shape()
                    + " (draw in float32, then convert with NdArray.to(FLOAT64))");
        }
        return a.floats();
    }
}
