package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.Arrays;
import java.util.Objects;

/**
 * A histogram with the semantics of {@code torch.histogram(t, bins=100, density=True)}, the call
 * behind every distribution plot of the lecture ({@code hy, hx = torch.histogram(t, density=True)};
 * {@code plt.plot(hx[:-1], hy)}).
 *
 * <p>What that means, as in PyTorch's {@code Histogram.cpp}:
 * <ul>
 *   <li>the range is the data's {@code [min, max]}; when every value is equal it is widened to
 *       {@code [min - 0.5, max + 0.5]} (PyTorch follows NumPy here; {@code torch.histc} would widen by
 *       1 instead);</li>
 *   <li>the {@code bins + 1} edges are {@code torch.linspace(min, max, bins + 1)} in the data's type
 *       (for float32 data, float32 edges computed as linspace's scalar path does: from the start for
 *       the first half, from the end for the second, so both outer edges are exact);</li>
 *   <li>a value {@code v} falls in bin {@code i} when {@code edges[i] <= v < edges[i + 1]}, except
 *       that the last bin also holds values equal to the last edge (the maximum);</li>
 *   <li>the density of bin {@code i} is {@code counts[i] / (total * (edges[i + 1] - edges[i]))}, so the
 *       area under the curve is 1;</li>
 *   <li>NaN or infinite values are an error, as PyTorch's "range [nan, nan] is not finite"; here the
 *       message names what was histogrammed (e.g. {@code layer 2 (Tanh) output}) and how many values
 *       were bad. An empty tensor is an error too.</li>
 * </ul>
 * Instances are immutable; accessors return copies.
 */
public final class Histogram {
    /** The lecture's (and PyTorch's) default number of bins. */
    public static final int DEFAULT_BINS = 100;

    private final double[] edges;
    private final long[] counts;
    private final double[] density;
    private final long total;

    private Histogram(double[] edges, long[] counts) {
        this.edges = edges;
        this.counts = counts;
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        this.total = n;
        this.density = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            density[i] = counts[i] / ((double) n * (edges[i + 1] - edges[i]));
        }
    }

    /** {@code torch.histogram(values, bins=100, density=True)}; {@code what} names the data in errors. */
    public static Histogram of(NdArray values, String what) {
        return of(values, DEFAULT_BINS, what);
    }

    /**
     * {@code torch.histogram(values, bins=bins, density=True)} over every element of {@code values}.
     *
     * @param what names the data in error messages, e.g. {@code "layer 2 (Tanh) output"}
     * @throws IllegalArgumentException for a non-positive {@code bins}, an empty array, or NaN or
     *                                  infinite values
     */
    public static Histogram of(NdArray values, int bins, String what) {
        Objects.requireNonNull(values, "values");
        if (bins <= 0) {
            throw new IllegalArgumentException("histogram of " + what + ": bins must be positive, got " + bins);
        }
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("histogram of " + what + ": the tensor of shape " + values.shape()
                    + " is empty");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int nan = 0;
        int inf = 0;
        for (int i = 0; i < n; i++) {
            double v = values.get(i);
            if (Double.isNaN(v)) {
                nan++;
            } else if (Double.isInfinite(v)) {
                inf++;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (nan > 0 || inf > 0) {
            throw new IllegalArgumentException("histogram of " + what + ": " + (nan > 0 ? nan + " NaN" : "")
                    + (nan > 0 && inf > 0 ? " and " : "") + (inf > 0 ? inf + " infinite" : "") + " of " + n
                    + " values (shape " + values.shape() + "); the range is not finite"
                    + " (training has diverged, or the values were never computed)");
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = linspace(min, max, bins + 1, values.dtype());
        long[] counts = new long[bins];
        for (int i = 0; i < n; i++) {
            counts[bin(edges, values.get(i))]++;
        }
        return new Histogram(edges, counts);
    }

    /**
     * {@code torch.linspace(start, end, steps)} in {@code dtype}: step {@code (end - start) / (steps - 1)},
     * the first half counted up from {@code start}, the second half down from {@code end}.
     */
    static double[] linspace(double start, double end, int steps, DType dtype) {
        double[] out = new double[steps];
        int halfway = steps / 2;
        if (dtype == DType.FLOAT32) {
            float s = (float) start;
            float e = (float) end;
            float step = (e - s) / (steps - 1);
            for (int i = 0; i < steps; i++) {
                out[i] = i < halfway ? s + step * i : e - step * (steps - i - 1);
            }
        } else {
            double step = (end - start) / (steps - 1);
            for (int i = 0; i < steps; i++) {
                out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
            }
        }
        return out;
    }

    /** The bin of {@code v} (inside the edges): the last edge not above it, the maximum in the last bin. */
    private static int bin(double[] edges, double v) {
        // upper_bound: the first edge greater than v; the bin starts one edge before it.
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v < edges[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Math.min(Math.max(lo - 1, 0), edges.length - 2);
    }

    /** Number of bins. */
    public int bins() {
        return counts.length;
    }

    /** The {@code bins + 1} edges, PyTorch's {@code hx}. */
    public double[] edges() {
        return edges.clone();
    }

    /** The left edge of every bin, {@code hx[:-1]}: the x values the lecture plots. */
    public double[] leftEdges() {
        return Arrays.copyOf(edges, counts.length);
    }

    /** How many values fell in each bin. */
    public long[] counts() {
        return counts.clone();
    }

    /** Counts normalised to unit area, PyTorch's {@code hy} with {@code density=True}. */
    public double[] density() {
        return density.clone();
    }

    /** Number of values histogrammed (all of them: every finite value lies inside the range). */
    public long total() {
        return total;
    }

    /** The lowest edge (the data's minimum, or minimum - 0.5 when all values are equal). */
    public double min() {
        return edges[0];
    }

    /** The highest edge (the data's maximum, or maximum + 0.5 when all values are equal). */
    public double max() {
        return edges[edges.length - 1];
    }

    @Override
    public String toString() {
        return "Histogram(" + counts.length + " bins over [" + min() + ", " + max() + "], " + total + " values)";
    }
}
