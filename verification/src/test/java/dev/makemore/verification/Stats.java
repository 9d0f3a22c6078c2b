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
        double t = a.dtype() == dev.makemore.core.DType.FLOAT32 ? (float) threshold : threshold;
        long n = 0;
        for (int i = 0; i < a.size(); i++) {
            if (Math.abs(a.get(i)) > t) {
                n++;
            }
        }
        return 100.0 * n / a.size();
    }
}
