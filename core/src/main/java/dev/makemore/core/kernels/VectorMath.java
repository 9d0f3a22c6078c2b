package dev.makemore.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} and {@code tanh} on float vectors, built only from IEEE operations that round the same
 * way everywhere: add, multiply, fused multiply-add, divide, min/max, compare and integer bit moves.
 *
 * <p>Why not {@code lanewise(VectorOperators.TANH)}? Because the Vector API computes it two ways: the
 * Java fallback (per lane, {@code Math.tanh}) while a method is interpreted or compiled by C1, and a
 * native SIMD routine (Intel's SVML on x86) once C2 has compiled it. The two differ in the last bit for some inputs, so the same
 * training run printed different losses (in the 8th digit) depending on when the JIT got to the
 * kernels. A reference implementation must print the same numbers every time; these functions do,
 * at every compilation tier, on every JDK.
 *
 * <p>Accuracy: exp within 2 ulp; tanh, computed in double, correctly rounded but for inputs within
 * about 1e-16 of a rounding boundary (checked in the tests against {@code Math} in double).
 *
 * <p>The algorithms are Cephes' {@code expf} and {@code tanhf} (Stephen L. Moshier), in vector form:
 * exp by range reduction {@code x = n ln2 + r}, a degree-6 polynomial on {@code r}, and scaling by
 * {@code 2^n}; tanh in double (see {@link #tanh}).
 */
final class VectorMath {
    private VectorMath() {
    }

    static final VectorSpecies<Float> F = Hardware.FLOATS;
    private static final boolean FMA = Hardware.FMA;
    /** Partial sums of a float reduction: a fixed number, whatever the vector length (see {@link VectorKernels}). */
    static final int PARTIALS = VectorKernels.PARTIALS;
    /** Floats widened to double per round of {@link #tanh}. */
    static final int TANH_CHUNK = 64;

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two so that {@code n * LN2_HI} is exact for |n| < 2^10 (Cody and Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding then subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    /** The largest argument with a finite result. */
    private static final float EXP_HI = 88.72283f;
    /**
     * Below this, e^x is under half the smallest subnormal and rounds to 0. Between it and -87.3 the
     * result is subnormal: the two-step scaling by 2^n computes it with one rounding at the end.
     */
    private static final float EXP_LO = -104f;

    /** Beyond this, tanh rounds to +-1 in float. */
    private static final double TANH_SATURATION = 9.1;
    /** Below this the Taylor series of tanh is used. */
    private static final double TANH_TAYLOR = 0.0625;

    /** The double species of the same width as {@link #F}: tanh's arithmetic, never converted into from floats. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /*
     * Every multiply-add below is written out as FMA ? a.fma(b, c) : a.mul(b).add(c): fused where the
     * CPU has FMA, else two roundings (Math.fma's software fallback would be thousands of times
     * slower). Written out, not in a helper: C2 inlines a helper only while its budget lasts, and a
     * vector passed to a call it did not inline is boxed.
     */
    /** 1/k! for k = 0..15: e^t by its Taylor series. */
    private static final double[] EXP_TAYLOR = new double[16];

    static {
        double f = 1;
        for (int k = 0; k < EXP_TAYLOR.length; k++) {
            f = k == 0 ? 1 : f * k;
            EXP_TAYLOR[k] = 1 / f;
        }
    }

    /**
     * {@code out[o + i] = e^(a[f + i])} for whole vectors, {@code count} a multiple of the vector length:
     * +inf above 88.72, subnormal down to -103.9, then 0; NaN for NaN.
     *
     * <p>The functions here take arrays, not vectors: a vector passed to or returned from a method that
     * C2 does not inline is boxed on the heap (on JDK 17), and C2 refuses to inline a method already
     * compiled into a large body, which vector code always is. So every loop is whole in its method.
     */
    static void exp(float[] a, int f, float[] out, int o, int count) {
        for (int i = 0; i < count; i += F.length()) {
            expVector(FloatVector.fromArray(F, a, f + i)).intoArray(out, o + i);
        }
    }

    /**
     * {@code out[from + i] = e^(a[from + i] - shift)} for the {@code len} elements of a row, and their
     * sum in float, in {@link #PARTIALS} partial sums (element {@code i} into partial {@code i mod 16},
     * then the partials in order), so the same bits whatever the vector length and at every JIT tier.
     * A block is {@code PARTIALS / L} vectors; the last, partial block goes through {@code lanes} (a
     * block long), padded with -inf, whose exp adds nothing. {@code out} may be {@code null} when only
     * the sum is wanted (log-softmax), or {@code a} itself. The partial sums live in {@code acc}, not in
     * vector locals: one loop of any vector length, and nothing for C2 to box.
     */
    static float expShifted(float[] a, int from, int len, float shift, float[] out, float[] lanes, float[] acc) {
        int width = F.length();
        FloatVector m = FloatVector.broadcast(F, shift);
        java.util.Arrays.fill(acc, 0, PARTIALS, 0f);
        for (int i = 0; i < len; i += PARTIALS) {
            boolean whole = i + PARTIALS <= len;
            if (!whole) {
                System.arraycopy(a, from + i, lanes, 0, len - i);
                java.util.Arrays.fill(lanes, len - i, PARTIALS, Float.NEGATIVE_INFINITY);
            }
            float[] src = whole ? a : lanes;
            int at = whole ? from + i : 0;
            for (int q = 0; q < PARTIALS; q += width) {
                FloatVector e = expVector(FloatVector.fromArray(F, src, at + q).sub(m));
                if (out != null) {
                    e.intoArray(whole ? out : lanes, at + q);
                }
                FloatVector.fromArray(F, acc, q).add(e).intoArray(acc, q);
            }
            if (out != null && !whole) {
                System.arraycopy(lanes, 0, out, from + i, len - i);
            }
        }
        float s = acc[0];
        for (int q = 1; q < PARTIALS; q++) {
            s += acc[q];
        }
        return s;
    }

    /**
     * e^x of one vector, for the loops above (where C2 inlines it: the call sits in a hot loop) and the
     * rare column softmax. Range reduction {@code x = n ln2 + r}, a degree-6 polynomial in r, then
     * scaling by 2^n in two halves so that n = 128 does not overflow early and subnormals round once.
     */
    static FloatVector expVector(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        // t + 1.5 * 2^23 rounds t to the nearest integer n, and its bits are then 0x4B400000 + n: the
        // integer comes out without a float-to-int conversion (which JDK 17 does not compile to SIMD).
        FloatVector shifted = xc.mul(LOG2E).add(ROUND);
        // Two small methods, not one with both paths: C2 inlines a hot method only up to 325 bytes
        // of bytecode, and a vector passed to a method it did not inline is boxed.
        FloatVector y = FMA ? expReducedFused(xc, shifted) : expReducedUnfused(xc, shifted);
        IntVector ni = shifted.reinterpretAsInts().sub(ROUND_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        y = y.mul(pow2(half)).mul(pow2(ni.sub(half)));
        y = y.blend(0f, x.lt(EXP_LO));
        y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
        return y.blend(x, x.compare(VectorOperators.NE, x));
    }

    /** e^r for {@code r = x - n ln2}, {@code n} from {@code shifted}: the range reduction and polynomial, with FMA. */
    private static FloatVector expReducedFused(FloatVector xc, FloatVector shifted) {
        FloatVector n = shifted.sub(ROUND);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), xc);
        r = n.fma(n.broadcast(-LN2_LO), r);
        FloatVector z = r.mul(r);
        FloatVector p = r.broadcast(1.9875691500E-4f);
        p = p.fma(r, r.broadcast(1.3981999507E-3f));
        p = p.fma(r, r.broadcast(8.3334519073E-3f));
        p = p.fma(r, r.broadcast(4.1665795894E-2f));
        p = p.fma(r, r.broadcast(1.6666665459E-1f));
        p = p.fma(r, r.broadcast(5.0000001201E-1f));
        return p.fma(z, r).add(1f);
    }

    /** {@link #expReducedFused} with each multiply-add rounded twice, for CPUs without FMA. */
    private static FloatVector expReducedUnfused(FloatVector xc, FloatVector shifted) {
        FloatVector n = shifted.sub(ROUND);
        FloatVector r = n.mul(FloatVector.broadcast(F, -LN2_HI)).add(xc);
        r = n.mul(FloatVector.broadcast(F, -LN2_LO)).add(r);
        FloatVector z = r.mul(r);
        FloatVector p = FloatVector.broadcast(F, 1.9875691500E-4f);
        p = p.mul(r).add(FloatVector.broadcast(F, 1.3981999507E-3f));
        p = p.mul(r).add(FloatVector.broadcast(F, 8.3334519073E-3f));
        p = p.mul(r).add(FloatVector.broadcast(F, 4.1665795894E-2f));
        p = p.mul(r).add(FloatVector.broadcast(F, 1.6666665459E-1f));
        p = p.mul(r).add(FloatVector.broadcast(F, 5.0000001201E-1f));
        return p.mul(z).add(r).add(FloatVector.broadcast(F, 1f));
    }

    /** {@code 2^n} for {@code -126 <= n <= 127}, from the exponent bits (the halves of n stay in that range). */
    private static FloatVector pow2(IntVector n) {
        return n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * {@code out[o + i] = tanh(a[f + i])} for whole vectors, {@code count} a multiple of the float
     * vector length, computed in double and rounded to float once: correctly rounded but for inputs
     * within about 1e-16 of a rounding boundary, so it agrees with PyTorch's Sleef tanh (1 ulp, nearly
     * always correctly rounded) on nearly every input. That matters in the lecture's first stage,
     * whose saturated units make training chaotic: a tanh 2 ulp off ended 0.006 away from the
     * lecture's val loss after 200,000 steps, a correctly rounded one 0.003.
     *
     * <p>In double: below |x| = 1/16 the Taylor series {@code x (1 - x^2/3 + 2x^4/15 - 17x^6/315 +
     * 62x^8/2835)} (next term under 1e-14 relative); above, {@code 1 - 2 / (e^(2|x|) + 1)} with the
     * sign of x, e^y as the 32nd power of a Taylor series (see the loop). The floats are widened and
     * rounded back by scalar code, {@link #TANH_CHUNK} at a time, and the steps are written out in the
     * loop, not called (see {@link #exp(float[], int, float[], int, int)}). Each lane is computed alone,
     * so the result does not depend on the vector length.
     */
    static void tanh(float[] a, int f, float[] out, int o, int count) {
        Scratch scratch = Scratch.get();
        double[] w = scratch.tanhDoubles, small = scratch.tanhSmall;
        int dl = D.length();
        for (int i = 0; i < count; i += TANH_CHUNK) {
            int len = Math.min(TANH_CHUNK, count - i);
            // Widened by scalar code, not by a vector conversion: a float vector converts to doubles
            // only half at a time, which needs a double vector twice its width, and where there is none
            // (128-bit vectors) the Vector API falls back to its boxed Java path (1.6 MB per step).
            for (int j = 0; j < len; j++) {
                w[j] = a[f + i + j];
            }
            for (int j = 0; j < len; j += dl) {
                DoubleVector x = DoubleVector.fromArray(D, w, j);
                // Small |x|: the odd Taylor series (x times it keeps the sign of zero).
                DoubleVector z = x.mul(x);
                DoubleVector p = z.broadcast(62.0 / 2835);
                p = FMA ? p.fma(z, z.broadcast(-17.0 / 315)) : p.mul(z).add(z.broadcast(-17.0 / 315));
                p = FMA ? p.fma(z, z.broadcast(2.0 / 15)) : p.mul(z).add(z.broadcast(2.0 / 15));
                p = FMA ? p.fma(z, z.broadcast(-1.0 / 3)) : p.mul(z).add(z.broadcast(-1.0 / 3));
                p = FMA ? p.fma(z, z.broadcast(1.0)) : p.mul(z).add(z.broadcast(1.0));
                x.mul(p).intoArray(small, j);
                // Otherwise tanh |x| = 1 - 2 / (e + 1), e = e^(2|x|), |x| clamped where tanh is +-1 in float
                // anyway, so y = 2|x| <= 18.2: e^y = (e^(y/32))^32, e^(y/32) by its Taylor series to degree
                // 15 (y/32 <= 0.57: the next term is under 2e-18), then five squarings (each doubles the
                // relative error: about 1e-15 in all). Only multiplications and additions: no integer bit
                // tricks, no compares or blends (a mask of two doubles, at 128 bits, is not compiled to
                // SIMD by JDK 17: the whole loop would fall back to boxed code).
                DoubleVector y = x.abs().min(TANH_SATURATION).mul(2.0 / 32);
                DoubleVector e = y.broadcast(EXP_TAYLOR[EXP_TAYLOR.length - 1]);
                for (int k = EXP_TAYLOR.length - 2; k >= 0; k--) {
                    e = FMA ? e.fma(y, y.broadcast(EXP_TAYLOR[k])) : e.mul(y).add(y.broadcast(EXP_TAYLOR[k]));
                }
                e = e.mul(e);
                e = e.mul(e);
                e = e.mul(e);
                e = e.mul(e);
                e = e.mul(e);
                e.broadcast(1.0).sub(e.broadcast(2.0).div(e.add(1.0))).intoArray(w, j);
            }
            // The choice of series and the sign, per element (NaN flows through the second branch).
            for (int j = 0; j < len; j++) {
                float x = a[f + i + j];
                out[o + i + j] = Math.abs(x) < TANH_TAYLOR ? (float) small[j] : Math.copySign((float) w[j], x);
            }
        }
    }
}
