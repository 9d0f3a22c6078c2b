package dev.makemore.core.random;

import dev.makemore.core.kernels.Hardware;

/**
 * The float32 Box-Muller transform that PyTorch's CPU generator applies, 16 values at a time, when it
 * fills a float tensor of 16 or more elements with normal samples, reproduced bit for bit.
 *
 * <p>On an x86-64 CPU with AVX2 PyTorch does not call the C library's {@code logf}, {@code sinf} and
 * {@code cosf} here: it evaluates Cephes-style single-precision approximations in AVX2 registers, and
 * the compiler fuses many of their multiply-then-add steps into fused multiply-adds (a single
 * rounding). The last bit of a sample depends on both choices, so this class evaluates the same
 * approximations in scalar float arithmetic and uses {@link Hardware#fma(float, float, float)} (the
 * bits of {@link Math#fma(float, float, float)}, without its slow software path on CPUs without FMA)
 * at exactly the steps that were fused. Against the reference vectors of PyTorch 1.13 this is exact
 * on all 13,048 samples; the same formulas in double precision with {@link Math#log} and friends
 * differ from PyTorch in the last bit on about two thirds of the samples (at most 1.2e-6).
 *
 * <p>The approximations, in outline:
 * <ul>
 *   <li><b>log</b>: split {@code x} into a power of two {@code 2^e} and a mantissa {@code m} in
 *       {@code [sqrt(1/2), sqrt(2))}; evaluate a degree-9 polynomial in {@code f = m - 1} (Horner with
 *       fused steps) for {@code log(1 + f) - f + f^2/2}; add back {@code f - f^2/2} and {@code e * ln 2},
 *       the latter split into a short and a tiny constant so the product is exact.</li>
 *   <li><b>sin and cos</b> together: reduce {@code |theta|} by the nearest even multiple {@code j} of
 *       pi/4 (subtracting {@code j * pi/4} in three parts, each with a fused multiply-add), evaluate one
 *       polynomial for sine and one for cosine on the remainder, then swap and negate them according to
 *       the octant {@code j}.</li>
 * </ul>
 *
 * <p>Package-private: {@link Generator#randn(float[], int, int)} is the public entry point.
 */
final class VectorizedBoxMuller {
    /** {@code 2 pi} rounded to float, as the vector code broadcasts it. */
    static final float TWO_PI = (float) (2.0 * Math.PI);

    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    private static final float[] LOG_POLY = {
        7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f, 1.4249322787E-1f,
        -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f,
    };

    private static final float FOUR_OVER_PI = 1.27323954473516f;
    private static final float PI_QUARTER_1 = 0.78515625f;
    private static final float PI_QUARTER_2 = 2.4187564849853515625e-4f;
    private static final float PI_QUARTER_3 = 3.77489497744594108e-8f;
    private static final float SIN_C0 = -1.9515295891E-4f;
    private static final float SIN_C1 = 8.3321608736E-3f;
    private static final float SIN_C2 = -1.6666654611E-1f;
    private static final float COS_C0 = 2.443315711809948E-005f;
    private static final float COS_C1 = -1.388731625493765E-003f;
    private static final float COS_C2 = 4.166664568298827E-002f;

    private VectorizedBoxMuller() {
    }

    /**
     * Turns the 16 uniforms {@code data[offset .. offset+15]}, each in {@code [0, 1)}, into 16 standard
     * normal samples in place: uniform {@code j} and uniform {@code j + 8} (for {@code j < 8}) form one
     * Box-Muller pair, with radius {@code sqrt(-2 log(1 - u_j))} and angle {@code 2 pi u_(j+8)}; the
     * cosine leg goes to slot {@code j}, the sine leg to slot {@code j + 8}.
     */
    static void fill16(float[] data, int offset) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - data[offset + j];
            float u2 = data[offset + j + 8];
            float radius = (float) Math.sqrt(-2f * log(u1));
            long sinCos = sinCos(TWO_PI * u2);
            float cos = Float.intBitsToFloat((int) sinCos);
            float sin = Float.intBitsToFloat((int) (sinCos >>> 32));
            // PyTorch finishes with fma(n, std = 1, mean = 0), which only turns -0.0 into +0.0.
            data[offset + j] = radius * cos + 0f;
            data[offset + j + 8] = radius * sin + 0f;
        }
    }

    /**
     * Natural logarithm of a positive normal float by the vector approximation (not correctly
     * rounded). Inputs below the smallest normal float are clamped to it; the Box-Muller caller only
     * passes values in {@code (0, 1]}.
     */
    static float log(float value) {
        int bits = Float.floatToRawIntBits(Math.max(value, Float.MIN_NORMAL));
        // Exponent for a mantissa in [0.5, 1), then shift the mantissa to [sqrt(1/2), sqrt(2)).
        float e = (float) ((bits >>> 23) - 127) + 1f;
        float m = Float.intBitsToFloat((bits & 0x807fffff) | 0x3f000000);
        float f;
        if (m < SQRT_HALF) {
            e = e - 1f;
            f = (m - 1f) + m;
        } else {
            f = m - 1f;
        }
        float f2 = f * f;
        float p = LOG_POLY[0];
        for (int i = 1; i < LOG_POLY.length; i++) {
            p = Hardware.fma(p, f, LOG_POLY[i]);
        }
        p = p * f;
        p = Hardware.fma(p, f2, e * LN2_LOW);
        p = p - f2 * 0.5f;
        // e * LN2_HIGH is exact (a small integer times a 9-bit constant), so fusing it cannot matter.
        return (f + p) + e * LN2_HIGH;
    }

    /**
     * Sine and cosine of {@code theta} by the vector approximation, packed into one long to avoid an
     * allocation per sample: the sine's float bits in the high 32 bits, the cosine's in the low 32.
     * Accurate for {@code |theta|} up to a few thousand; the caller passes {@code [0, 2 pi)}.
     */
    static long sinCos(float theta) {
        float x = Math.abs(theta);
        // Nearest even octant j (the vector code truncates |x| * 4/pi, then rounds up to even).
        int j = ((int) (x * FOUR_OVER_PI) + 1) & ~1;
        float y = (float) j;
        int sinSign = (Float.floatToRawIntBits(theta) & 0x80000000) ^ ((j & 4) << 29);
        int cosSign = (~(j - 2) & 4) << 29;
        boolean sinUsesSinPoly = (j & 2) == 0;

        x = Hardware.fma(y, -PI_QUARTER_1, x);
        x = Hardware.fma(y, -PI_QUARTER_2, x);
        x = Hardware.fma(y, -PI_QUARTER_3, x);
        float z = x * x;

        float c = Hardware.fma(COS_C0, z, COS_C1);
        c = Hardware.fma(c, z, COS_C2);
        c = c * z;
        c = Hardware.fma(c, z, -(z * 0.5f));
        c = c + 1f;

        float s = Hardware.fma(SIN_C0, z, SIN_C1);
        s = Hardware.fma(s, z, SIN_C2);
        s = s * z;
        s = Hardware.fma(s, x, x);

        float sin = sinUsesSinPoly ? s : c;
        float cos = sinUsesSinPoly ? c : s;
        int sinBits = Float.floatToRawIntBits(sin) ^ sinSign;
        int cosBits = Float.floatToRawIntBits(cos) ^ cosSign;
        return ((long) sinBits << 32) | Integer.toUnsignedLong(cosBits);
    }
}
