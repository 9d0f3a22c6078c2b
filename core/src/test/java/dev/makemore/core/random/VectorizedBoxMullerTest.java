package dev.makemore.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The float32 approximations of {@link VectorizedBoxMuller} against {@link StrictMath}: they are not
 * correctly rounded (that is the point, PyTorch's are not either), but must stay within a few float
 * ulps over the ranges Box-Muller feeds them. Bit-exactness with PyTorch is checked by
 * {@link GeneratorReferenceTest}.
 */
class VectorizedBoxMullerTest {

    private static float cos(long sinCos) {
        return Float.intBitsToFloat((int) sinCos);
    }

    private static float sin(long sinCos) {
        return Float.intBitsToFloat((int) (sinCos >>> 32));
    }

    @Test
    void logIsAccurateOnTheUnitInterval() {
        assertThat(VectorizedBoxMuller.log(1f)).isZero();
        assertThat(VectorizedBoxMuller.log(0.5f)).isEqualTo((float) -Math.log(2));
        // Every input Box-Muller can produce: 1 - k * 2^-24 for k in [0, 2^24).
        double worst = 0;
        for (int k = 0; k < (1 << 24); k += 97) {
            float x = 1f - k * 0x1.0p-24f;
            double exact = StrictMath.log(x);
            double err = Math.abs(VectorizedBoxMuller.log(x) - exact) / Math.ulp((float) exact == 0 ? Float.MIN_NORMAL : (float) exact);
            worst = Math.max(worst, err);
        }
        assertThat(worst).as("worst error in float ulps").isLessThan(3.0);
        assertThat(VectorizedBoxMuller.log(0x1.0p-24f)).isCloseTo((float) StrictMath.log(0x1.0p-24), within(2e-6f));
    }

    @Test
    void sinCosIsAccurateOverOneTurn() {
        assertThat(sin(VectorizedBoxMuller.sinCos(0f))).isZero();
        assertThat(cos(VectorizedBoxMuller.sinCos(0f))).isEqualTo(1f);
        double worst = 0;
        for (int k = 0; k < (1 << 24); k += 61) {
            float theta = VectorizedBoxMuller.TWO_PI * (k * 0x1.0p-24f);
            long sc = VectorizedBoxMuller.sinCos(theta);
            worst = Math.max(worst, Math.abs(sin(sc) - StrictMath.sin(theta)));
            worst = Math.max(worst, Math.abs(cos(sc) - StrictMath.cos(theta)));
        }
        assertThat(worst).as("worst absolute error").isLessThan(2e-7);
        long negative = VectorizedBoxMuller.sinCos(-1f);
        assertThat(sin(negative)).isCloseTo((float) StrictMath.sin(-1.0), within(1e-7f));
        assertThat(cos(negative)).isCloseTo((float) StrictMath.cos(-1.0), within(1e-7f));
    }

    @Test
    void fill16PairsSlotJWithSlotJPlus8() {
        float[] data = new float[18];
        data[0] = 99f; // outside the block at offset 1
        for (int j = 0; j < 16; j++) {
            data[1 + j] = (j + 0.5f) / 16f;
        }
        data[17] = 0.25f;
        float[] u = data.clone();
        VectorizedBoxMuller.fill16(data, 1);
        assertThat(data[0]).isEqualTo(99f);
        for (int j = 0; j < 8; j++) {
            double r = Math.sqrt(-2 * Math.log(1 - (double) u[1 + j]));
            double theta = 2 * Math.PI * u[9 + j];
            assertThat((double) data[1 + j]).isCloseTo(r * Math.cos(theta), within(2e-6));
            assertThat((double) data[9 + j]).isCloseTo(r * Math.sin(theta), within(2e-6));
        }
    }

    @Test
    void fill16OfZeroUniformsGivesPositiveZeroSineLegs() {
        // u1 = 1 - 0 = 1 gives radius 0; PyTorch's final fused multiply-add by std = 1 and mean = 0
        // turns a negative zero into +0.0.
        float[] data = new float[16];
        for (int j = 8; j < 16; j++) {
            data[j] = 0.75f; // angle 3 pi / 2: cos is -0.0 or tiny, sin is -1
        }
        VectorizedBoxMuller.fill16(data, 0);
        for (float v : data) {
            assertThat(Float.floatToRawIntBits(v)).isEqualTo(Float.floatToRawIntBits(0f));
        }
    }
}
