package dev.makemore.core.kernels;

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
 * <p>Accuracy: within 2 ulp of the exact function (checked in the tests against {@code Math} in
 * double). PyTorch's own vectorised tanh (Sleef, 1 ulp) differs from both by about as much; the
 * lecture's numbers are reproduced either way.
 *
 * <p>The algorithms are Cephes' {@code expf} and {@code tanhf} (Stephen L. Moshier), in vector form:
 * exp by range reduction {@code x = n ln2 + r}, a degree-6 polynomial on {@code r}, and scaling by
 * {@code 2^n}; tanh by an odd polynomial below |x| = 0.625 and {@code 1 - 2 / (exp(2|x|) + 1)} above.
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
    private static final float TANH_SATURATION = 9.1f;
    private static final float TANH_SMALL = 0.625f;

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
     * {@code out[o + i] = tanh(a[f + i])} for whole vectors, {@code count} a multiple of the vector
     * length. Below |x| = 0.625 an odd polynomial, {@code x + x^3 P(x^2)}; above,
     * {@code 1 - 2 / (e^(2|x|) + 1)} with the sign of x. The exp steps are written out here rather
     * than called (see {@link #exp(float[], int, float[], int, int)} on why no vector crosses a call).
     */
    static void tanh(float[] a, int f, float[] out, int o, int count) {
        for (int i = 0; i < count; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, f + i);
            FloatVector ax = x.abs();
            FloatVector z = x.mul(x);
            FloatVector p = x.broadcast(-5.70498872745E-3f);
            p = p.fma(z, z.broadcast(2.06390887954E-2f));
            p = p.fma(z, z.broadcast(-5.37397155531E-2f));
            p = p.fma(z, z.broadcast(1.33314422036E-1f));
            p = p.fma(z, z.broadcast(-3.33332819422E-1f));
            FloatVector small = p.mul(z).fma(x, x);
            // x + x^3 P rounds -0 to +0; tanh keeps the sign of zero.
            small = small.blend(x, ax.eq(0f));
            // e = e^(2|x|), |x| clamped where tanh is +-1 in float anyway: the steps of expVector
            // without its range checks (2|x| lies in [0, 18.2]).
            FloatVector t = ax.min(TANH_SATURATION).mul(2f);
            FloatVector shifted = t.mul(LOG2E).add(ROUND);
            FloatVector n = shifted.sub(ROUND);
            FloatVector r = n.fma(n.broadcast(-LN2_HI), t);
            r = n.fma(n.broadcast(-LN2_LO), r);
            FloatVector rr = r.mul(r);
            FloatVector q = r.broadcast(1.9875691500E-4f);
            q = q.fma(r, r.broadcast(1.3981999507E-3f));
            q = q.fma(r, r.broadcast(8.3334519073E-3f));
            q = q.fma(r, r.broadcast(4.1665795894E-2f));
            q = q.fma(r, r.broadcast(1.6666665459E-1f));
            q = q.fma(r, r.broadcast(5.0000001201E-1f));
            FloatVector e = q.fma(rr, r).add(1f);
            e = e.mul(shifted.reinterpretAsInts().sub(ROUND_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            FloatVector large = e.broadcast(1f).sub(e.broadcast(2f).div(e.add(1f)));
            large = large.blend(large.neg(), x.lt(0f));
            FloatVector y = large.blend(small, ax.lt(TANH_SMALL));
            y.blend(x, x.compare(VectorOperators.NE, x)).intoArray(out, o + i);
        }
    }
}
