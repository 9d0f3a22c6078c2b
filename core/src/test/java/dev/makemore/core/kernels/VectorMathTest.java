package dev.makemore.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The deterministic vector exp and tanh: within 2 ulp of the exact functions over their whole
 * range, right at the edges (overflow, underflow, saturation, NaN), and the same bits whether the
 * JIT has compiled them or not.
 */
class VectorMathTest {
    private static final int LANES = VectorMath.F.length();

    /** One of VectorMath's array functions over whole vectors. */
    private interface ArrayFunction {
        void apply(float[] a, int f, float[] out, int o, int count);
    }

    /** exp over a whole array (the form the kernels call), in the tests' shape of function. */
    private static final ArrayFunction EXP = (a, f, out, o, count) -> {
        assertThat(f).isZero();
        assertThat(o).isZero();
        VectorMath.exp(a, out, count);
    };

    private static float[] apply(ArrayFunction f, float[] in) {
        float[] out = new float[in.length];
        f.apply(in, 0, out, 0, in.length);
        return out;
    }

    /** Inputs: a dense sweep of [lo, hi] plus random points, padded to whole vectors. */
    private static float[] inputs(float lo, float hi, int n) {
        var rnd = new SplittableRandom(42);
        float[] x = new float[(n / LANES + 1) * LANES];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? lo + (hi - lo) * i / x.length : (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return x;
    }

    /** Largest error in ulps of the float result against the function evaluated in double. */
    private static double maxUlps(float[] x, float[] y, DoubleUnaryOperator exact) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double e = exact.applyAsDouble(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - e) / Math.ulp((float) e));
        }
        return worst;
    }

    @Test
    void expIsWithinTwoUlpsOverItsNormalRange() {
        float[] x = inputs(-87.3f, 88.7f, 200_000);
        assertThat(maxUlps(x, apply(EXP, x), Math::exp)).isLessThanOrEqualTo(2.0);
        float[] small = inputs(-1f, 1f, 50_000);
        assertThat(maxUlps(small, apply(EXP, small), Math::exp)).isLessThanOrEqualTo(2.0);
    }

    @Test
    void tanhIsCorrectlyRounded() {
        // Math.tanh in double, rounded to float, is the correctly rounded result but in the rarest
        // cases; VectorMath.tanh must equal it on every input of dense sweeps over each regime.
        for (float[] range : new float[][] {{-10f, 10f}, {-0.7f, 0.7f}, {-0.07f, 0.07f}, {-1e-3f, 1e-3f},
                {-1e-30f, 1e-30f}, {8.9f, 9.2f}}) {
            float[] x = inputs(range[0], range[1], 200_000);
            float[] y = apply(VectorMath::tanh, x);
            for (int i = 0; i < x.length; i++) {
                if (y[i] != (float) Math.tanh(x[i])) {
                    throw new AssertionError("tanh(" + x[i] + ") = " + y[i] + ", correctly rounded "
                            + (float) Math.tanh(x[i]));
                }
            }
        }
    }

    private static long ulps(float a, float b) {
        return Math.abs((long) Float.floatToRawIntBits(a) - Float.floatToRawIntBits(b));
    }

    @Test
    void subnormalResultsAreRoundedNotFlushed() {
        float[] x = inputs(-103.9f, -87.4f, 20_000);
        float[] y = apply(EXP, x);
        long worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, ulps(y[i], (float) Math.exp(x[i])));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void edgesOverflowUnderflowSaturationAndNaN() {
        float[] x = new float[LANES];
        float[] cases = {89f, 1e4f, -88f, -1e4f, Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 20f, -20f, 88.7f};
        System.arraycopy(cases, 0, x, 0, Math.min(cases.length, LANES));
        float[] e = apply(EXP, x);
        float[] t = apply(VectorMath::tanh, x);
        assertThat(e[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(e[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(ulps(e[2], (float) Math.exp(-88))).as("exp(-88) is subnormal").isLessThanOrEqualTo(1);
        assertThat(e[3]).isZero();
        assertThat(e[4]).isNaN();
        assertThat(e[5]).isEqualTo(1f);
        assertThat(t[0]).isEqualTo(1f);
        assertThat(t[3]).isEqualTo(-1f);
        assertThat(t[4]).isNaN();
        assertThat(t[5]).isEqualTo(0f);
        assertThat(Float.floatToRawIntBits(t[6])).as("tanh(-0) is -0").isEqualTo(Float.floatToRawIntBits(-0f));
        if (LANES >= 12) {
            assertThat(t[7]).isEqualTo(1f);
            assertThat(t[8]).isEqualTo(-1f);
            assertThat(t[9]).isEqualTo(1f);
            assertThat(t[10]).isEqualTo(-1f);
            assertThat(e[11]).isCloseTo((float) Math.exp(88.7f), org.assertj.core.data.Percentage.withPercentage(1e-5));
        }
    }

    @Test
    void belowTheUnderflowExpIsPlusZeroAndNaNStaysNaN() {
        float[] cases = {-103.99f, -104f, -104.01f, -105f, -150f, -1e4f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
                Float.NaN, Float.intBitsToFloat(0xffc00001), 1e4f, Float.POSITIVE_INFINITY};
        float[] x = new float[LANES * ((cases.length + LANES - 1) / LANES)];
        System.arraycopy(cases, 0, x, 0, cases.length);
        float[] e = apply(EXP, x);
        for (int i = 0; i < 8; i++) {
            assertThat(Float.floatToRawIntBits(e[i])).as("exp(%s)", cases[i])
                    .isEqualTo(Float.floatToRawIntBits((float) Math.exp(cases[i])));
        }
        assertThat(e[8]).isNaN();
        assertThat(e[9]).isNaN();
        assertThat(e[10]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(e[11]).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void theSameBitsBeforeAndAfterTheJitCompilesThem() {
        float[] x = inputs(-12f, 12f, 4096);
        float[] coldExp = apply(EXP, x);
        float[] coldTanh = apply(VectorMath::tanh, x);
        // Enough calls for C2 to compile both functions (and the loop calling them).
        for (int i = 0; i < 3_000; i++) {
            apply(EXP, x);
            apply(VectorMath::tanh, x);
        }
        assertThat(apply(EXP, x)).isEqualTo(coldExp);
        assertThat(apply(VectorMath::tanh, x)).isEqualTo(coldTanh);
    }
}
