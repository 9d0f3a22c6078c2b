package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

/**
 * A fast unbiased standard deviation for {@link UpdateRatios}, which needs two of them per parameter
 * at every training step ({@code std(grad)} and {@code std(data)}): one pass instead of two, with four
 * independent accumulators so that the additions overlap. Values are shifted by the first element
 * before squaring, which keeps the one-pass formula accurate when the mean is large compared with the
 * spread (a BatchNorm gain near 1, say); sums are in double.
 */
final class Moments {
    private Moments() {
    }

    /** Unbiased std of every element of {@code a} in double (NaN for fewer than two elements). */
    static double std(NdArray a) {
        int n = a.size();
        if (n < 2) {
            return Double.NaN;
        }
        return a.dtype() == DType.FLOAT32 ? std(a.floats(), n) : std(a.doubles(), n);
    }

    private static double std(float[] x, int n) {
        double k = x[0];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = x[i] - k, d1 = x[i + 1] - k, d2 = x[i + 2] - k, d3 = x[i + 3] - k;
            s0 += d0;
            s1 += d1;
            s2 += d2;
            s3 += d3;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = x[i] - k;
            s0 += d;
            q0 += d * d;
        }
        return finish(s0 + s1 + s2 + s3, q0 + q1 + q2 + q3, n);
    }

    private static double std(double[] x, int n) {
        double k = x[0];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = x[i] - k, d1 = x[i + 1] - k, d2 = x[i + 2] - k, d3 = x[i + 3] - k;
            s0 += d0;
            s1 += d1;
            s2 += d2;
            s3 += d3;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = x[i] - k;
            s0 += d;
            q0 += d * d;
        }
        return finish(s0 + s1 + s2 + s3, q0 + q1 + q2 + q3, n);
    }

    private static double finish(double sum, double sumSquares, int n) {
        double variance = (sumSquares - sum * sum / n) / (n - 1);
        return Math.sqrt(Math.max(variance, 0.0));
    }
}
