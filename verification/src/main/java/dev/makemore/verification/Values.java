package dev.makemore.verification;

import dev.makemore.core.NdArray;

import java.util.Random;

/**
 * Deterministic float64 test inputs for the gradient checks. Values are kept away from the points
 * where the checked functions are not smooth or not defined (zero for division, logarithm and
 * roots), since a central difference across such a point measures nothing.
 */
final class Values {
    private Values() {
    }

    /** Magnitudes in [0.3, 1.5) with random signs: operands, and denominators safely away from zero. */
    static NdArray signed(long seed, int... dims) {
        var rnd = new Random(seed);
        var a = NdArray.zeros(dev.makemore.core.DType.FLOAT64, dims);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, (0.3 + 1.2 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1));
        }
        return a;
    }

    /** Values in [0.4, 2.0): inputs of {@code log}, {@code sqrt}, fractional powers. */
    static NdArray positive(long seed, int... dims) {
        var rnd = new Random(seed);
        var a = NdArray.zeros(dev.makemore.core.DType.FLOAT64, dims);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, 0.4 + 1.6 * rnd.nextDouble());
        }
        return a;
    }

    /** {@link #signed} times {@code scale}: large logits, saturated tanh. */
    static NdArray scaled(long seed, double scale, int... dims) {
        var a = signed(seed, dims);
        for (int i = 0; i < a.size(); i++) {
            a.set(i, a.get(i) * scale);
        }
        return a;
    }

    /**
     * A {@code (rows, cols)} batch of pre-activations whose columns have different offsets and
     * spreads (column {@code c}: about {@code c - 1 + (1 + c / 2) * N(0, 1)}), as BatchNorm sees them:
     * a normalisation that ignored the mean or the spread of a column would show.
     */
    static NdArray batch(long seed, int rows, int cols) {
        var rnd = new Random(seed);
        var a = NdArray.zeros(dev.makemore.core.DType.FLOAT64, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                a.set(r * cols + c, c - 1 + (1 + c / 2.0) * rnd.nextGaussian());
            }
        }
        return a;
    }
}
