package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;

/**
 * A fully connected layer {@code x @ W + b}: the lecture's {@code Linear} class
 * <pre>{@code
 * class Linear:
 *   def __init__(self, fan_in, fan_out, bias=True):
 *     self.weight = torch.randn((fan_in, fan_out), generator=g) / fan_in**0.5
 *     self.bias = torch.zeros(fan_out) if bias else None
 *   def __call__(self, x):
 *     self.out = x @ self.weight
 *     if self.bias is not None:
 *       self.out += self.bias
 *     return self.out
 * }</pre>
 * and, wrapping given tensors, the one-hidden-layer stages' {@code embcat @ W1 + b1}.
 *
 * <p>The weight is stored {@code (fan_in, fan_out)} as in the lecture (PyTorch's {@code nn.Linear}
 * stores the transpose). Parameter names are PyTorch's: {@code weight}, {@code bias}.
 *
 * <p>The lecture's point about a Linear before BatchNorm: its bias is useless there, because
 * BatchNorm subtracts the batch mean, which removes any per-unit constant; its gradient is zero.
 * Build such layers without bias.
 */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    /**
     * The lecture's initialisation: {@code weight = randn((fanIn, fanOut), generator=g) / fanIn**0.5},
     * one {@code randn} of {@code fanIn * fanOut} float32 values, each divided in float32 by
     * {@code (float) sqrt(fanIn)}; {@code bias} zeros (drawing nothing), or no bias.
     */
    public Linear(int fanIn, int fanOut, boolean bias, Generator g) {
        this(lectureWeight(fanIn, fanOut, g), bias ? Tensor.zeros(DType.FLOAT32, fanOut) : null);
    }

    /** {@link #Linear(int, int, boolean, Generator)} with a bias, the lecture's default. */
    public Linear(int fanIn, int fanOut, Generator g) {
        this(fanIn, fanOut, true, g);
    }

    /**
     * A layer over given tensors, registered as its parameters (and marked as requiring grad, as
     * {@code nn.Parameter} does): how the one-hidden-layer stages wrap the {@code W1}, {@code b1} they
     * draw and scale by hand.
     *
     * @param weight      {@code (fanIn, fanOut)}, a leaf
     * @param biasOrNull  {@code (fanOut)} or {@code (1, fanOut)} of the same dtype, or {@code null} for none
     */
    public Linear(Tensor weight, Tensor biasOrNull) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("Linear: weight must be 2-D (fan_in, fan_out), got shape " + weight.shape());
        }
        if (biasOrNull != null) {
            int fanOut = weight.dim(1);
            if (!biasOrNull.shape().isRowOf(fanOut)) {
                throw new IllegalArgumentException("Linear: bias of shape " + biasOrNull.shape() + " does not match weight "
                        + weight.shape() + " (expected (" + fanOut + ") or (1, " + fanOut + "))");
            }
            if (biasOrNull.dtype() != weight.dtype()) {
                throw new IllegalArgumentException("Linear: bias is " + biasOrNull.dtype().torchName() + " but weight is "
                        + weight.dtype().torchName());
            }
        }
        this.weight = registerParameter("weight", weight);
        this.bias = biasOrNull == null ? null : registerParameter("bias", biasOrNull);
    }

    /**
     * PyTorch's default initialisation of {@code nn.Linear(fanIn, fanOut, bias)}, drawing from {@code g}
     * as PyTorch does: {@code kaiming_uniform_(weight, a=sqrt(5))}, i.e. uniform in
     * {@code +-1/sqrt(fanIn)} over PyTorch's {@code (fanOut, fanIn)} weight in its row-major order, then
     * the bias uniform in {@code +-1/sqrt(fanIn)}. The weight is stored transposed, so this layer's
     * {@code weight} equals PyTorch's {@code layer.weight.T}.
     */
    public static Linear torchDefault(int fanIn, int fanOut, boolean bias, Generator g) {
        checkSizes(fanIn, fanOut);
        // kaiming_uniform_(a=sqrt(5)): gain sqrt(2 / (1 + 5)), std gain / sqrt(fan_in), bound sqrt(3) * std.
        double gain = Init.calculateGain(Nonlinearity.LEAKY_RELU, Math.sqrt(5));
        double bound = Math.sqrt(3.0) * (gain / Math.sqrt(fanIn));
        var torchLayout = NdArray.zeros(DType.FLOAT32, fanOut, fanIn);
        Init.uniform(torchLayout, -bound, bound, g);
        var w = NdArray.zeros(DType.FLOAT32, fanIn, fanOut);
        for (int o = 0; o < fanOut; o++) {
            for (int i = 0; i < fanIn; i++) {
                w.set(i * fanOut + o, torchLayout.get(o * fanIn + i));
            }
        }
        Tensor b = null;
        if (bias) {
            double biasBound = 1 / Math.sqrt(fanIn);
            b = Tensor.of(Init.uniform(NdArray.zeros(DType.FLOAT32, fanOut), -biasBound, biasBound, g));
        }
        return new Linear(Tensor.of(w), b);
    }

    // docs:begin linear-weight
    private static Tensor lectureWeight(int fanIn, int fanOut, Generator g) {
        checkSizes(fanIn, fanOut);
        // torch divides a float32 tensor by a Python float in float32: the divisor is rounded first.
        return Tensor.of(Init.div(Init.randn(g, fanIn, fanOut), Math.sqrt(fanIn)));
    }
    // docs:end linear-weight

    private static void checkSizes(int fanIn, int fanOut) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("Linear: fan_in and fan_out must be positive, got " + fanIn + ", " + fanOut);
        }
    }

    // docs:begin linear-forward
    /** {@code x @ weight (+ bias)} for {@code x} of shape {@code (N, fanIn)}. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != fanIn()) {
            throw new IllegalArgumentException("Linear(" + fanIn() + ", " + fanOut() + "): expected input of shape (N, "
                    + fanIn() + "), got " + x.shape());
        }
        Tensor y = x.matmul(weight);
        return bias == null ? y : y.add(bias);
    }
    // docs:end linear-forward

    /** The weight, {@code (fanIn, fanOut)}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or {@code null} for a layer without one. */
    public Tensor bias() {
        return bias;
    }

    /** True when this layer adds a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** Number of inputs, {@code weight.dim(0)}. */
    public int fanIn() {
        return weight.dim(0);
    }

    /** Number of outputs, {@code weight.dim(1)}. */
    public int fanOut() {
        return weight.dim(1);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + fanIn() + ", out_features=" + fanOut() + ", bias=" + hasBias();
    }

    /** {@link Kind#LINEAR}. */
    @Override
    public Kind kind() {
        return Kind.LINEAR;
    }
}
