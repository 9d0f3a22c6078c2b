package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * Which tanh outputs of a batch are saturated: the lecture's
 * {@code plt.imshow(h.abs() > 0.99, cmap='gray', interpolation='nearest')}, a {@code batch x units}
 * black-and-white image, white where {@code |h| > 0.99}. There the gradient {@code 1 - t^2} is
 * almost zero, so the unit learns almost nothing from that example.
 *
 * <p>A column that is white from top to bottom is a <em>dead unit</em> for this batch: it is
 * saturated for every example, so no example sends it any gradient. The lecture checks that no
 * column is all white; {@link DeadUnits} does the same over a whole split.
 */
public record SaturationMap(int rows, int cols, double threshold, BitSet saturated) {
    /** The lecture's threshold for the saturation image: {@code h.abs() > 0.99}. */
    public static final double LECTURE_THRESHOLD = 0.99;

    /**
     * A map of {@code rows} examples by {@code cols} units, bit {@code row * cols + col} set where
     * that unit is saturated on that example (the bits are copied).
     *
     * @param rows      number of examples (image rows)
     * @param cols      number of units (image columns)
     * @param threshold the threshold on {@code |h|}
     * @param saturated the white pixels, row by row
     * @throws IllegalArgumentException for a negative size or a bit outside the image
     */
    public SaturationMap {
        Objects.requireNonNull(saturated, "saturated");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("saturation map: negative size " + rows + " x " + cols);
        }
        if (saturated.length() > rows * cols) {
            throw new IllegalArgumentException("saturation map: bit " + (saturated.length() - 1)
                    + " is outside the " + rows + " x " + cols + " image");
        }
        saturated = (BitSet) saturated.clone();
    }

    /** The map of {@code h} with the lecture's threshold, 0.99. */
    public static SaturationMap of(NdArray h) {
        return of(h, LECTURE_THRESHOLD);
    }

    /**
     * The map of {@code |h| > threshold} for a batch {@code h} of shape {@code (batch, units)} (a
     * higher-rank array is read as {@code (dim 0, everything else)}, as {@code h.view(N, -1)}). A
     * float32 array is compared with the threshold rounded to float32, as PyTorch does.
     *
     * @throws IllegalArgumentException for an array of rank below 2
     */
    public static SaturationMap of(NdArray h, double threshold) {
        Objects.requireNonNull(h, "h");
        if (h.rank() < 2) {
            throw new IllegalArgumentException("saturation map: expected a (batch, units) array, got shape " + h.shape());
        }
        int rows = h.dim(0);
        int cols = rows == 0 ? 0 : h.size() / rows;
        double limit = h.dtype() == DType.FLOAT32 ? (float) threshold : threshold;
        var bits = new BitSet(h.size());
        for (int i = 0, n = h.size(); i < n; i++) {
            // NaN is not > limit: a NaN unit is not counted as saturated (it is broken, not saturated).
            if (Math.abs(h.get(i)) > limit) {
                bits.set(i);
            }
        }
        return new SaturationMap(rows, cols, threshold, bits);
    }

    /** The white pixels, row by row: bit {@code row * cols + col} (a copy). */
    @Override
    public BitSet saturated() {
        return (BitSet) saturated.clone();
    }

    /** True when unit {@code col} is saturated on example {@code row} (a white pixel). */
    public boolean isSaturated(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return saturated.get(row * cols + col);
    }

    /** How many (example, unit) pairs are saturated. */
    public int saturatedCount() {
        return saturated.cardinality();
    }

    /** The fraction of white pixels (0 for an empty map). */
    public double fraction() {
        int n = rows * cols;
        return n == 0 ? 0.0 : (double) saturatedCount() / n;
    }

    /** Whether unit {@code col} is saturated on every example of this batch (an all-white column). */
    public boolean isDead(int col) {
        Objects.checkIndex(col, cols);
        if (rows == 0) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            if (!saturated.get(r * cols + col)) {
                return false;
            }
        }
        return true;
    }

    /** The units saturated on every example of this batch, in increasing order. */
    public int[] deadUnits() {
        int count = 0;
        int[] dead = new int[cols];
        for (int c = 0; c < cols; c++) {
            if (isDead(c)) {
                dead[count++] = c;
            }
        }
        return Arrays.copyOf(dead, count);
    }
}
