package dev.makemore.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What {@link Hardware} reports, and its fused multiply-add for CPUs without FMA: the same bits as
 * {@link Math#fma(float, float, float)} (the exact, single rounding), including the cases where a
 * plain double sum rounded to float would round twice.
 */
class HardwareTest {

    @Test
    void widthAndSpeciesAreTheKernelsOwn() {
        assertThat(Hardware.vectorBits()).isEqualTo(Hardware.FLOATS.vectorBitSize()).isBetween(64, 2048);
        assertThat(Hardware.species()).contains("float").contains(Integer.toString(Hardware.FLOATS.length()));
    }

    @Test
    void fmaInDoubleIsMathFmaOnRandomOperands() {
        var rnd = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            float a = randomFloat(rnd), b = randomFloat(rnd), c = randomFloat(rnd);
            assertSame(a, b, c);
        }
    }

    /**
     * Operands whose exact result lies a hair off a float midpoint: the double sum lands exactly on the
     * midpoint, and rounding it to float would go the wrong way (double rounding).
     */
    @Test
    void fmaInDoubleCorrectsDoubleRounding() {
        var rnd = new SplittableRandom(11);
        int halfway = 0;
        for (int i = 0; i < 200_000; i++) {
            float a = 1 + rnd.nextInt(1 << 23) * 0x1p-23f;
            float b = 1 + rnd.nextInt(1 << 23) * 0x1p-23f;
            // c cancels the high part of a*b, leaving bits below a float's precision.
            float c = -(a * b) + (rnd.nextBoolean() ? 1 : -1) * (float) Math.ulp(a * b) * 0.5f;
            double s = (double) a * b + c;
            if ((Double.doubleToRawLongBits(s) & 0x1fffffffL) == 0x10000000L) {
                halfway++;
            }
            assertSame(a, b, c);
        }
        // Handcrafted: a*b = 2 - 2^-31 (k = 16) and c = 2^25 + 4: the exact sum 2^25 + 6 - 2^-31 is just
        // below the midpoint 2^25 + 6 of two floats, but the double sum rounds to the midpoint itself,
        // and float rounding then breaks the tie upwards (to even): 2^25 + 8 instead of 2^25 + 4.
        for (int k = 13; k <= 20; k++) {
            float a = 1 + (float) Math.scalb(1.0, -k), b = 2 - (float) Math.scalb(1.0, 1 - k);
            for (int m = 1; m < 64; m++) {
                float c = 0x1p25f + 4 * m;
                assertSame(a, b, c);
                assertSame(-a, b, -c);
                assertSame(a, -b, c);
            }
        }
        assertThat(Hardware.fmaInDouble(1 + 0x1p-16f, 2 - 0x1p-15f, 0x1p25f + 4)).isEqualTo(0x1p25f + 4);
        for (float x : new float[] {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN}) {
            assertSame(x, 2f, -x);
            assertSame(x, x, x);
            assertSame(1e-30f, 1e-20f, x);
        }
        assertThat(halfway).as("cases that exercise the correction").isGreaterThan(1000);
    }

    private static void assertSame(float a, float b, float c) {
        float expected = Math.fma(a, b, c);
        // floatToIntBits: every NaN is one NaN (their payloads are not specified).
        assertThat(Float.floatToIntBits(Hardware.fmaInDouble(a, b, c)))
                .as("fma(%s, %s, %s) = %s", a, b, c, expected)
                .isEqualTo(Float.floatToIntBits(expected));
    }

    private static float randomFloat(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> (float) rnd.nextGaussian();
            case 1 -> Float.intBitsToFloat(rnd.nextInt()); // any float, NaNs and infinities included
            case 2 -> (float) (rnd.nextDouble() * 1e-3);
            default -> (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(1 << 23) * 0x1p-23f);
        };
    }
}
