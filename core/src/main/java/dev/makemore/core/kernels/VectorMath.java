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
 * Java fallback (per lane, {@code Math.tanh}) while a method is interpreted or compiled by C1, and an
 * SVML routine once C2 has compiled it. The two differ in the last bit for some inputs, so the same
 * training run printed different losses (in the 8th digit) depending on when the JIT got to the
 * kernels. A reference implementation must print the same numbers every time; these functions do,
 * at every compilation tier, on every JDK.
 *
 * <p>Accuracy: exp within 2 ulp; tanh, computed in double, correctly rounded but for inputs within
 * about 1e-16 of a rounding boundary (checked in the tests against {@code Math} in double).
 *
 * <p>The algorithms are Cephes' {@code expf} and {@code tanhf} (Stephen L. Moshier), in vector form:
 * exp by range reduction {@code x = n ln2 + r}, a degree-6 polynomial on {@code r}, and scaling by
 * {@code 2^n}; tanh in double, from Cephes' double exp (see {@link #tanh}).
 */
final class VectorMath {
    private VectorMath() {
    }

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

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

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final double D_LOG2E = 1.4426950408889634;
    /** ln 2 in two parts (Cephes' C1, C2) so that {@code n * D_LN2_HI} is exact. */
    private static final double D_LN2_HI = 6.93145751953125E-1;
    private static final double D_LN2_LO = 1.42860682030941723212E-6;
    /** 1.5 * 2^52: adding then subtracting it rounds a double below 2^51 to the nearest integer. */
    private static final double D_ROUND = 6755399441055744.0;
    private static final long D_ROUND_BITS = Double.doubleToRawLongBits(D_ROUND);

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
     * sum (the vectors added lane by lane, then the lanes in order, so the same at every JIT tier); a
     * last partial vector goes through {@code lanes}, padded with -inf (whose exp adds nothing).
     * {@code out} may be {@code null} when only the sum is wanted (log-softmax), or {@code a} itself.
     */
    static float expShifted(float[] a, int from, int len, float shift, float[] out, float[] lanes, float[] acc) {
        int width = F.length();
        FloatVector m = FloatVector.broadcast(F, shift);
        FloatVector sum = FloatVector.zero(F);
        for (int i = 0; i < len; i += width) {
            boolean whole = i + width <= len;
            if (!whole) {
                System.arraycopy(a, from + i, lanes, 0, len - i);
                java.util.Arrays.fill(lanes, len - i, width, Float.NEGATIVE_INFINITY);
            }
            FloatVector e = expVector(FloatVector.fromArray(F, whole ? a : lanes, whole ? from + i : 0).sub(m));
            if (out != null) {
                if (whole) {
                    e.intoArray(out, from + i);
                } else {
                    e.intoArray(lanes, 0);
                    System.arraycopy(lanes, 0, out, from + i, len - i);
                }
            }
            sum = sum.add(e);
        }
        sum.intoArray(acc, 0);
        float s = acc[0];
        for (int q = 1; q < width; q++) {
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
        FloatVector y = p.fma(z, r).add(1f);
        IntVector ni = shifted.reinterpretAsInts().sub(ROUND_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        y = y.mul(pow2(half)).mul(pow2(ni.sub(half)));
        y = y.blend(0f, x.lt(EXP_LO));
        y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
        return y.blend(x, x.compare(VectorOperators.NE, x));
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
     * sign of x, e^y by Cephes' Pade approximant: {@code y = n ln2 + r}, {@code e^r = 1 + 2 r P(r^2) /
     * (Q(r^2) - r P(r^2))}, times 2^n. The floats are widened a half vector at a time and rounded back
     * lane by lane (JDK 17 does not compile the narrowing vector conversion to SIMD), and the steps are written
     * out in the loop, not called (see {@link #exp(float[], int, float[], int, int)}).
     */
    static void tanh(float[] a, int f, float[] out, int o, int count) {
        double[] w = Scratch.get().tanhDoubles;
        int fl = F.length();
        int dl = D.length();
        for (int i = 0; i < count; i += fl) {
            FloatVector v = FloatVector.fromArray(F, a, f + i);
            for (int j = 0, part = 0; j < fl; j += dl, part++) {
                DoubleVector x = (DoubleVector) v.convertShape(VectorOperators.F2D, D, part);
                DoubleVector ax = x.abs();
                // Small |x|: the odd Taylor series (x times it keeps the sign of zero).
                DoubleVector z = x.mul(x);
                DoubleVector p = z.broadcast(62.0 / 2835);
                p = p.fma(z, z.broadcast(-17.0 / 315));
                p = p.fma(z, z.broadcast(2.0 / 15));
                p = p.fma(z, z.broadcast(-1.0 / 3));
                p = p.fma(z, z.broadcast(1.0));
                DoubleVector small = x.mul(p);
                // Otherwise e = e^(2|x|), |x| clamped where tanh is +-1 in float anyway (2|x| <= 18.2).
                DoubleVector y = ax.min(TANH_SATURATION).mul(2.0);
                DoubleVector shifted = y.mul(D_LOG2E).add(D_ROUND);
                DoubleVector n = shifted.sub(D_ROUND);
                DoubleVector r = n.fma(n.broadcast(-D_LN2_HI), y);
                r = n.fma(n.broadcast(-D_LN2_LO), r);
                DoubleVector rr = r.mul(r);
                DoubleVector px = rr.broadcast(1.26177193074810590878E-4);
                px = px.fma(rr, rr.broadcast(3.02994407707441961300E-2));
                px = px.fma(rr, rr.broadcast(9.99999999999999999910E-1)).mul(r);
                DoubleVector qx = rr.broadcast(3.00198505138664455042E-6);
                qx = qx.fma(rr, rr.broadcast(2.52448340349684104192E-3));
                qx = qx.fma(rr, rr.broadcast(2.27265548208155028766E-1));
                qx = qx.fma(rr, rr.broadcast(2.00000000000000000009E0));
                DoubleVector e = px.div(qx.sub(px)).mul(2.0).add(1.0);
                // 2^n from n's bits in the rounding trick (n <= 27 here).
                e = e.mul(shifted.reinterpretAsLongs().sub(D_ROUND_BITS).add(1023L)
                        .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
                DoubleVector large = e.broadcast(1.0).sub(e.broadcast(2.0).div(e.add(1.0)));
                large = large.blend(large.neg(), x.lt(0.0));
                DoubleVector t = large.blend(small, ax.lt(TANH_TAYLOR));
                t.blend(x, x.compare(VectorOperators.NE, x)).intoArray(w, j);
            }
            for (int j = 0; j < fl; j++) {
                out[o + i + j] = (float) w[j];
            }
        }
    }
}
