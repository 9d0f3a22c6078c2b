package dev.makemore.core.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/**
 * Inputs and comparisons shared by the kernel tests: seeded random arrays, ulp distances, and
 * element-by-element checks whose failure message names the first element that is off.
 */
final class KernelAssertions {
    /** Lengths around the vector widths (8 doubles, 16 floats with AVX-512; 4 and 8 with AVX2). */
    static final int[] SIZES = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 1000, 1003};

    /** Unit roundoff of float32 and float64. */
    static final double FLOAT_EPS = 0x1p-24;
    static final double DOUBLE_EPS = 0x1p-53;

    private KernelAssertions() {
    }

    static float[] gaussianFloats(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (gaussian(r) * scale);
        }
        return a;
    }

    static double[] gaussianDoubles(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = gaussian(r) * scale;
        }
        return a;
    }

    static float[] uniformFloats(SplittableRandom r, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(lo, hi);
        }
        return a;
    }

    static double[] uniformDoubles(SplittableRandom r, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble(lo, hi);
        }
        return a;
    }

    static float[] toFloats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    /** Box-Muller from a seeded SplittableRandom (which has no nextGaussian on JDK 17). */
    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Distance in units in the last place; 0 for two NaNs, huge for NaN against a number. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (a == b) {
            return 0;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (a == b) {
            return 0;
        }
        long x = ordered(a);
        long y = ordered(b);
        // (saturate: the two ends of the double range are more than Long.MAX_VALUE apart)
        return (x ^ y) < 0 ? Long.MAX_VALUE : Math.abs(x - y);
    }

    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static long ordered(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    /** Bit-for-bit equality (NaNs equal to NaNs): for operations IEEE 754 rounds exactly. */
    static void assertSameBits(float[] expected, float[] actual, int n, String what) {
        for (int i = 0; i < n; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " of " + n + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
    }

    static void assertSameBits(double[] expected, double[] actual, int n, String what) {
        for (int i = 0; i < n; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + ": element " + i + " of " + n + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
    }

    static void assertUlps(float[] expected, float[] actual, int n, long maxUlps, String what) {
        for (int i = 0; i < n; i++) {
            long u = ulps(expected[i], actual[i]);
            if (u > maxUlps) {
                fail(what + ": element " + i + " of " + n + " is " + actual[i] + ", expected " + expected[i]
                        + " within " + maxUlps + " ulp, off by " + u);
            }
        }
    }

    static void assertUlps(double[] expected, double[] actual, int n, long maxUlps, String what) {
        for (int i = 0; i < n; i++) {
            long u = ulps(expected[i], actual[i]);
            if (u > maxUlps) {
                fail(what + ": element " + i + " of " + n + " is " + actual[i] + ", expected " + expected[i]
                        + " within " + maxUlps + " ulp, off by " + u);
            }
        }
    }

    /** {@code |actual - expected| <= rel * |expected| + abs} element by element (NaN must match NaN). */
    static void assertClose(float[] expected, float[] actual, int n, double rel, double abs, String what) {
        for (int i = 0; i < n; i++) {
            checkClose(expected[i], actual[i], rel, abs, i, n, what);
        }
    }

    static void assertClose(double[] expected, double[] actual, int n, double rel, double abs, String what) {
        for (int i = 0; i < n; i++) {
            checkClose(expected[i], actual[i], rel, abs, i, n, what);
        }
    }

    static void checkClose(double expected, double actual, double rel, double abs, int i, int n, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            if (Double.isNaN(expected) != Double.isNaN(actual)) {
                fail(what + ": element " + i + " of " + n + " is " + actual + ", expected " + expected);
            }
            return;
        }
        if (expected == actual) {
            return; // also equal infinities
        }
        double tol = rel * Math.abs(expected) + abs;
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": element " + i + " of " + n + " is " + actual + ", expected " + expected + " +- " + tol);
        }
    }
}
