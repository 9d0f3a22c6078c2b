package dev.makemore.verification;

import dev.makemore.core.NdArray;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * The statistics the lecture prints, computed by Apache Commons Math (the independent oracle) on the
 * values of a tensor widened to double: PyTorch's {@code t.mean()}, {@code t.std()} (unbiased) and
 * the saturation {@code (t.abs() > threshold).float().mean() * 100}.
 */
final class Stats {
    private Stats() {
    }

    static double mean(NdArray a) {
        return new Mean().evaluate(a.toDoubleArray());
    }

    /** Unbiased (n - 1), as {@code torch.std}. */
    static double std(NdArray a) {
        return new StandardDeviation(true).evaluate(a.toDoubleArray());
    }

    /**
     * Percent of elements with {@code |v| > threshold}, comparing as PyTorch compares a float32 tensor
     * with a Python float: in float32 (the threshold rounded to float first).
     */
    static double saturatedPercent(NdArray a, double threshold) {
        return 100.0 * saturatedCount(a, threshold) / a.size();
    }

    /** How many elements have {@code |v| > threshold}, compared as {@link #saturatedPercent} compares. */
    static long saturatedCount(NdArray a, double threshold) {
        double t = a.dtype() == dev.makemore.core.DType.FLOAT32 ? (float) threshold : threshold;
        long n = 0;
        for (int i = 0; i < a.size(); i++) {
            if (Math.abs(a.get(i)) > t) {
                n++;
            }
        }
        return n;
    }

    /**
     * The number of saturated units out of {@code total} that the lecture's percentage, printed with
     * two decimals, stands for: the count whose percentage rounds to it (a tie, such as 212 of 3,200 =
     * 6.625% printed 6.62 by Python's round-half-even, counts). With at most 10,000 units one unit moves
     * the percentage by more than 0.01 points, so at most one count fits; none or several is an error.
     */
    static long countPrintedAs(double percent, long total) {
        long found = -1;
        for (long k = 0; k <= total; k++) {
            if (Math.abs(100.0 * k / total - percent) <= 0.005 + 1e-9) {
                if (found >= 0) {
                    throw new IllegalArgumentException(percent + "% of " + total + " is " + found + " or " + k
                            + " units");
                }
                found = k;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("no count of " + total + " units prints as " + percent + "%");
        }
        return found;
    }
}
