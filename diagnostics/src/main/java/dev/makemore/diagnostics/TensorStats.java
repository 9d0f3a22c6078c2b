package dev.makemore.diagnostics;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;

import java.util.Objects;

/**
 * The numbers the lecture prints about one tensor (a layer's output, its gradient, a parameter's
 * gradient): {@code t.mean()}, {@code t.std()} and {@code (t.abs() > 0.97).float().mean() * 100}.
 *
 * <p>The standard deviation is unbiased (divisor {@code n - 1}), as {@code torch.std}; a one-element
 * tensor therefore has a NaN std, as in PyTorch. Sums are accumulated in double; for a float32
 * tensor the mean, std and saturation percentage are then rounded to float32, because PyTorch's
 * results are float32 tensors and the lecture prints those (so the last printed digit matches more
 * often). NaN values are allowed here (they give NaN statistics, printed {@code nan} as Python does);
 * {@link Histogram} rejects them.
 *
 * @param shape             the tensor's shape
 * @param dtype             the tensor's element type
 * @param mean              mean of every element
 * @param std               unbiased standard deviation of every element
 * @param min               smallest element (NaN if any is NaN)
 * @param max               largest element (NaN if any is NaN)
 * @param threshold         the saturation threshold (the lecture's 0.97 for tanh outputs)
 * @param saturated         how many elements have {@code |t| > threshold}
 * @param saturatedPercent  {@code 100 * saturated / size}, the lecture's "saturated: 2.78%"
 */
public record TensorStats(Shape shape, DType dtype, double mean, double std, double min, double max,
                          double threshold, long saturated, double saturatedPercent) {

    /** The lecture's saturation threshold for the text report: {@code t.abs() > 0.97}. */
    public static final double LECTURE_THRESHOLD = 0.97;

    /** Validates the shape and type. */
    public TensorStats {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
    }

    /** Statistics of {@code t} with the lecture's threshold of 0.97. */
    public static TensorStats of(NdArray t) {
        return of(t, LECTURE_THRESHOLD);
    }

    /**
     * Statistics of every element of {@code t}, counting {@code |t| > threshold} as saturated. As in
     * PyTorch, a float32 tensor is compared with the threshold rounded to float32.
     *
     * @throws IllegalArgumentException for an empty tensor (its mean is undefined)
     */
    public static TensorStats of(NdArray t, double threshold) {
        Objects.requireNonNull(t, "t");
        int n = t.size();
        if (n == 0) {
            throw new IllegalArgumentException("statistics of an empty tensor of shape " + t.shape());
        }
        boolean f32 = t.dtype() == DType.FLOAT32;
        double limit = f32 ? (float) threshold : threshold;
        long saturated = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (int i = 0; i < n; i++) {
            double v = t.get(i);
            if (Math.abs(v) > limit) {
                saturated++;
            }
            if (Double.isNaN(v)) {
                nan = true;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (nan) {
            min = Double.NaN;
            max = Double.NaN;
        }
        double mean = ArrayMath.mean(t);
        double std = n > 1 ? Math.sqrt(ArrayMath.variance(t, true)) : Double.NaN;
        double percent;
        if (f32) {
            // (t.abs() > 0.97).float().mean() * 100, all in float32 as PyTorch computes it.
            percent = ((float) saturated / (float) n) * 100f;
            mean = (float) mean;
            std = (float) std;
        } else {
            percent = ((double) saturated / n) * 100.0;
        }
        return new TensorStats(t.shape(), t.dtype(), mean, std, min, max, threshold, saturated, percent);
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The fraction of saturated elements, {@code saturated / size}. */
    public double saturatedFraction() {
        return (double) saturated / size();
    }

    /**
     * Unbiased standard deviation of {@code t}, rounded to float32 for a float32 tensor, as
     * {@code t.std().item()}: what {@link UpdateRatios} and the grad:data ratio divide.
     */
    static double std(NdArray t) {
        double std = t.size() > 1 ? Math.sqrt(ArrayMath.variance(t, true)) : Double.NaN;
        return t.dtype() == DType.FLOAT32 ? (float) std : std;
    }
}
