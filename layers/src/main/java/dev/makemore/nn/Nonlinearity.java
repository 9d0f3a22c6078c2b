package dev.makemore.nn;

import java.util.Locale;

/**
 * The functions {@link Init#calculateGain} knows, as the strings PyTorch's
 * {@code torch.nn.init.calculate_gain} accepts ({@link #torchName()}). The lecture needs
 * {@link #TANH}: its gain 5/3 is the factor in the kaiming stage's {@code (5/3) / sqrt(fan_in)}.
 */
public enum Nonlinearity {
    /** {@code linear}: gain 1. */
    LINEAR,
    /** {@code conv1d}: gain 1. */
    CONV1D,
    /** {@code conv2d}: gain 1. */
    CONV2D,
    /** {@code conv3d}: gain 1. */
    CONV3D,
    /** {@code conv_transpose1d}: gain 1. */
    CONV_TRANSPOSE1D,
    /** {@code conv_transpose2d}: gain 1. */
    CONV_TRANSPOSE2D,
    /** {@code conv_transpose3d}: gain 1. */
    CONV_TRANSPOSE3D,
    /** {@code sigmoid}: gain 1. */
    SIGMOID,
    /** {@code tanh}: gain 5/3, the lecture's non-linearity. */
    TANH,
    /** {@code relu}: gain sqrt(2). */
    RELU,
    /** {@code leaky_relu}: gain sqrt(2 / (1 + slope^2)), slope 0.01 unless given. */
    LEAKY_RELU,
    /** {@code selu}: gain 3/4. */
    SELU;

    /** The name PyTorch uses, e.g. {@code "leaky_relu"}: the constant's name in lower case. */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant for a PyTorch name ({@code "tanh"}, {@code "leaky_relu"}, ...).
     *
     * @throws IllegalArgumentException with PyTorch's message for an unknown name
     */
    public static Nonlinearity fromTorchName(String name) {
        for (Nonlinearity n : values()) {
            if (n.torchName().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("Unsupported nonlinearity " + name);
    }
}
