package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.BitSet;
import java.util.Objects;

/**
 * Dead tanh units over many batches, e.g. a whole split: a unit is dead when {@code |h| > threshold}
 * for every example seen. The lecture's remark that a white column of the saturation image is a
 * neuron that never learns, checked over all of the data rather than one batch of 32.
 *
 * <p>Feed it the tanh outputs of the split chunk by chunk (under {@code Grad.disabled()}), then ask
 * {@link #dead()}:
 * <pre>{@code
 * var dead = new DeadUnits();
 * for (NdArray h : tanhOutputsOfEveryChunk) dead.accept(h);
 * int[] units = dead.dead();
 * }</pre>
 */
public final class DeadUnits {
    private final double threshold;
    private BitSet alive;
    private int units = -1;
    private long examples;

    /** A counter with the lecture's threshold of 0.99. */
    public DeadUnits() {
        this(SaturationMap.LECTURE_THRESHOLD);
    }

    /** A counter that calls a unit saturated on an example when {@code |h| > threshold}. */
    public DeadUnits(double threshold) {
        this.threshold = threshold;
    }

    /**
     * Adds a batch {@code h} of shape {@code (batch, units)}; every batch must have the same number of
     * units.
     *
     * @throws IllegalArgumentException for a rank below 2 or a different number of units
     */
    public void accept(NdArray h) {
        Objects.requireNonNull(h, "h");
        if (h.rank() < 2) {
            throw new IllegalArgumentException("dead units: expected a (batch, units) array, got shape " + h.shape());
        }
        int rows = h.dim(0);
        int cols = rows == 0 ? h.dim(1) : h.size() / rows;
        if (units < 0) {
            units = cols;
            alive = new BitSet(cols);
        } else if (cols != units) {
            throw new IllegalArgumentException("dead units: a batch of " + cols + " units (shape " + h.shape()
                    + ") after batches of " + units);
        }
        double limit = h.dtype() == DType.FLOAT32 ? (float) threshold : threshold;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Not saturated (this includes NaN) on one example is enough to be alive.
                if (!(Math.abs(h.get(r * cols + c)) > limit)) {
                    alive.set(c);
                }
            }
        }
        examples += rows;
    }

    /** Number of examples seen. */
    public long examples() {
        return examples;
    }

    /** The units saturated on every example seen so far, in increasing order (none before any example). */
    public int[] dead() {
        if (units < 0 || examples == 0) {
            return new int[0];
        }
        int[] out = new int[units - alive.cardinality()];
        int k = 0;
        for (int c = 0; c < units; c++) {
            if (!alive.get(c)) {
                out[k++] = c;
            }
        }
        return out;
    }
}
