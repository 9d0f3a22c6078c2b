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

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two so that {@code n * LN2_HI} is exact for |n| < 2^10 (Cody and Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding then subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    /**
     * The upper clamp: e^89 overflows to +inf in the scaling by 2^n, as e^x does from 88.7228 on (where
     * it passes the largest float), so no blend is needed for overflow.
     */
    private static final float EXP_HI = 89f;
    /**
     * Below this, e^x is under half the smallest subnormal and rounds to 0. Between it and -87.3 the
     * result is subnormal: the two-step scaling by 2^n computes it with one rounding at the end.
     */
    private static final float EXP_LO = -104f;

    /** The shift of a plain exp: x - 0 is x for every float, -0 and NaN included. */
    static final float[] ZERO_SHIFT = {0f};

    /*
     * exp's constants as vectors, made once. Each broadcast in a kernel is some hundred IR nodes to C2
     * before it becomes one instruction, and a kernel past C2's node budget for inlining
     * (NodeCountInliningCutoff) has its last vector calls inlined late or not at all: a vector that
     * crosses such a call is boxed, kilobytes a step, in some JVM runs and not others. The constants
     * keep exp and the loops around it inside the budget.
     */
    private static final FloatVector V_EXP_LO = FloatVector.broadcast(F, EXP_LO);
    private static final FloatVector V_EXP_HI = FloatVector.broadcast(F, EXP_HI);
    private static final FloatVector V_LOG2E = FloatVector.broadcast(F, LOG2E);
    private static final FloatVector V_ROUND = FloatVector.broadcast(F, ROUND);
    private static final FloatVector V_MINUS_LN2_HI = FloatVector.broadcast(F, -LN2_HI);
    private static final FloatVector V_MINUS_LN2_LO = FloatVector.broadcast(F, -LN2_LO);
    private static final FloatVector V_ONE = FloatVector.broadcast(F, 1f);
    /** Cephes' polynomial for e^r - 1 - r: p(r) r^2, p's coefficients from the highest degree. */
    private static final FloatVector V_P0 = FloatVector.broadcast(F, 1.9875691500E-4f);
    private static final FloatVector V_P1 = FloatVector.broadcast(F, 1.3981999507E-3f);
    private static final FloatVector V_P2 = FloatVector.broadcast(F, 8.3334519073E-3f);
    private static final FloatVector V_P3 = FloatVector.broadcast(F, 4.1665795894E-2f);
    private static final FloatVector V_P4 = FloatVector.broadcast(F, 1.6666665459E-1f);
    private static final FloatVector V_P5 = FloatVector.broadcast(F, 5.0000001201E-1f);
    private static final IntVector V_ROUND_BITS = IntVector.broadcast(F.withLanes(int.class), ROUND_BITS);
    private static final IntVector V_BIAS = IntVector.broadcast(F.withLanes(int.class), 127);

    /** Floats widened to double per round of {@link #tanh}. */
    static final int TANH_CHUNK = 256;

    /** Beyond this, tanh rounds to +-1 in float. */
    private static final double TANH_SATURATION = 9.1;

    /** The double species of the same width as {@link #F}: tanh's arithmetic. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /*
     * Every multiply-add below is written out as FMA ? a.fma(b, c) : a.mul(b).add(c): fused where the
     * CPU has FMA, else two roundings (Math.fma's software fallback would be thousands of times
     * slower). Written out, not in a helper: C2 inlines a helper only while its budget lasts, and a
     * vector passed to a call it did not inline is boxed.
     */
    /** The degree of the Taylor series of {@code e^t - 1} in {@link #tanh}. */
    private static final int TANH_TERMS = 12;
    /** How many times {@link #tanh} squares {@code e^t}: {@code t = 2x / 2^TANH_SQUARINGS}. */
    private static final int TANH_SQUARINGS = 6;

    /** 1/k!, the coefficients of the Taylor series of e^t. */
    private static final double[] EXP_TAYLOR = new double[TANH_TERMS + 1];

    static {
        double f = 1;
        for (int k = 0; k < EXP_TAYLOR.length; k++) {
            f = k == 0 ? 1 : f * k;
            EXP_TAYLOR[k] = 1 / f;
        }
    }

    /**
     * {@code out[i] = e^(a[i])} for {@code i < count}: +inf from 88.7228 on, subnormal down to -103.9,
     * then 0; NaN for NaN. The {@link Form#EXP} form of
     * {@link #exp(Form, float[], int, int, float[], float[], float[], float[])}, on this thread's scratch.
     *
     * <p>The functions here take arrays, not vectors: a vector passed to or returned from a method that
     * C2 does not inline is boxed on the heap (on JDK 17). So every loop is whole in its method.
     */
    static void exp(float[] a, float[] out, int count) {
        Scratch scratch = Scratch.get();
        padTails(a, 1, count, scratch.floatLanes);
        exp(Form.EXP, a, 1, count, ZERO_SHIFT, out, scratch.floatLanes, scratch.floatSum);
    }

    /**
     * Each row's last, partial block of {@link #PARTIALS}, padded with -inf, into {@code lanes} at
     * {@code row * PARTIALS}: what {@link #exp(Form, float[], int, int, float[], float[], float[], float[])}
     * reads for it. Copied for every row before the sweep, and by the caller: copied just before use,
     * the vector load would wait for the copy's smaller stores (a failed store-to-load forwarding,
     * measured: 1.5 us of a 32 x 27 log-softmax at 512 bits), and inside that method the copies' IR
     * would count against its node budget.
     */
    static void padTails(float[] a, int rows, int len, float[] lanes) {
        int tail = len % PARTIALS;
        for (int row = 0; tail != 0 && row < rows; row++) {
            System.arraycopy(a, row * len + len - tail, lanes, row * PARTIALS, tail);
            java.util.Arrays.fill(lanes, row * PARTIALS + tail, (row + 1) * PARTIALS, Float.NEGATIVE_INFINITY);
        }
    }

    /** What {@link #exp(Form, float[], int, int, float[], float[], float[], float[])} makes of a row. */
    enum Form {
        /** {@code e^(x - shift)}. */
        EXP,
        /** {@code e^(x - max) / sum(e^(x - max))}, the shift being the row's maximum. */
        SOFTMAX,
        /** {@code (x - max) - log(sum(e^(x - max)))}. */
        LOG_SOFTMAX
    }

    /**
     * Every exp of the kernels, over {@code rows} contiguous rows of {@code len}, row {@code r} shifted
     * by {@code shift[r]}: {@code e = exp(x - shift)} itself ({@link Form#EXP}), or the softmax or
     * log-softmax of rows whose maxima are {@code shift}, in PyTorch's order of operations: {@code e},
     * their sum in float, then {@code out = e / sum}, or {@code out = (x - shift) - log(sum)}.
     * {@code out} may be {@code a}; {@code acc} holds {@code rows * PARTIALS} floats, and {@code lanes}
     * as many: each row's last, partial block, padded with -inf, as {@link #padTails} writes it.
     *
     * <p>The sum is kept in {@link #PARTIALS} partial sums (element {@code i} into partial
     * {@code i mod 16}, then the partials in order), so the same bits whatever the vector length and at
     * every JIT tier. A block is {@code PARTIALS / L} vectors; the last, partial block goes through
     * {@code lanes} (a block long), padded with -inf, whose exp adds nothing. The partial sums live in
     * {@code acc}, not in vector locals: one loop of any vector length, and nothing for C2 to box.
     *
     * <p>One method for the three, larger than C2 inlines (325 bytes of bytecode), on purpose: exp is
     * some forty vector operations, and C2 inlining it into a caller that has vector loops of its own
     * ran past its node budget (NodeCountInliningCutoff), inlined the last vector calls late, and in
     * some JVM runs boxed a vector there, kilobytes every step. Compiled alone, exp and the loops
     * around it stay within the budget at every width.
     */
    static void exp(Form form, float[] a, int rows, int len, float[] shift, float[] out, float[] lanes, float[] acc) {
        boolean log = form == Form.LOG_SOFTMAX;
        int width = F.length();
        // Row after row in each sweep: one row's work is a chain (its sum waits for its exps, its
        // output for its sum), and separate sweeps let the CPU run the rows' chains side by side.
        java.util.Arrays.fill(acc, 0, rows * PARTIALS, 0f);
        for (int row = 0, from = 0; row < rows; row++, from += len) {
            FloatVector m = FloatVector.broadcast(F, shift[row]);
            int p = row * PARTIALS;
            for (int i = 0; i < len; i += PARTIALS) {
                boolean whole = i + PARTIALS <= len;
                float[] src = whole ? a : lanes;
                int at = whole ? from + i : p;
                for (int q = 0; q < PARTIALS; q += width) {
                    FloatVector e = expVector(FloatVector.fromArray(F, src, at + q).sub(m));
                    if (!log) {
                        e.intoArray(whole ? out : lanes, at + q);
                    }
                    if (form != Form.EXP) {
                        FloatVector.fromArray(F, acc, p + q).add(e).intoArray(acc, p + q);
                    }
                }
                if (!log && !whole) {
                    System.arraycopy(lanes, p, out, from + i, len - i);
                }
            }
        }
        if (form == Form.EXP) {
            return;
        }
        // Each row's sum (the partials in order) and what the last sweep scales by, into its first partial.
        for (int row = 0; row < rows; row++) {
            int p = row * PARTIALS;
            float sum = acc[p];
            for (int q = 1; q < PARTIALS; q++) {
                sum += acc[p + q];
            }
            acc[p] = log ? (float) Math.log(sum) : sum;
        }
        // Without FMA, exp is eight vector operations longer, and the last sweep runs in scalar code to
        // keep this method within C2's node budget (the same float operations, so the same bits).
        for (int row = 0, from = 0; row < rows; row++, from += len) {
            float t = acc[row * PARTIALS];
            int i = 0;
            if (log) {
                float sh = shift[row];
                if (FMA && len >= width) {
                    // Whole vectors, the last at len - L (recomputing lanes before it) unless out is a.
                    FloatVector m = FloatVector.broadcast(F, sh);
                    FloatVector tv = FloatVector.broadcast(F, t);
                    int last = out != a ? len : F.loopBound(len);
                    for (; i < last; i += width) {
                        int c = Math.min(i, len - width);
                        FloatVector.fromArray(F, a, from + c).sub(m).sub(tv).intoArray(out, from + c);
                    }
                }
                for (; i < len; i++) {
                    out[from + i] = (a[from + i] - sh) - t;
                }
            } else {
                if (FMA) {
                    FloatVector tv = FloatVector.broadcast(F, t);
                    for (int bound = F.loopBound(len); i < bound; i += width) {
                        FloatVector.fromArray(F, out, from + i).div(tv).intoArray(out, from + i);
                    }
                }
                for (; i < len; i++) {
                    out[from + i] = out[from + i] / t;
                }
            }
        }
    }

    /**
     * e^x of one vector, for the loops above (where C2 inlines it: the call sits in a hot loop) and the
     * rare column softmax. Range reduction {@code x = n ln2 + r}, a degree-6 polynomial in r, then
     * scaling by 2^n in two halves so that n = 128 does not overflow early and subnormals round once.
     */
    static FloatVector expVector(FloatVector x) {
        FloatVector xc = x.max(V_EXP_LO).min(V_EXP_HI);
        // t + 1.5 * 2^23 rounds t to the nearest integer n, and its bits are then 0x4B400000 + n: the
        // integer comes out without a float-to-int conversion (which JDK 17 does not compile to SIMD).
        FloatVector shifted = xc.mul(V_LOG2E).add(V_ROUND);
        // Two small methods, not one with both paths: C2 inlines a hot method only up to 325 bytes
        // of bytecode, and a vector passed to a method it did not inline is boxed.
        FloatVector y = FMA ? expReducedFused(xc, shifted) : expReducedUnfused(xc, shifted);
        IntVector ni = shifted.reinterpretAsInts().sub(V_ROUND_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        y = y.mul(pow2(half)).mul(pow2(ni.sub(half)));
        // No blends: below EXP_LO the clamped x gives e^-104, which rounds to +0; above 88.7228 the
        // scaling overflows to +inf; NaN has flowed through max, min and every product.
        return y;
    }

    /** e^r for {@code r = x - n ln2}, {@code n} from {@code shifted}: the range reduction and polynomial, with FMA. */
    private static FloatVector expReducedFused(FloatVector xc, FloatVector shifted) {
        FloatVector n = shifted.sub(V_ROUND);
        FloatVector r = n.fma(V_MINUS_LN2_HI, xc);
        r = n.fma(V_MINUS_LN2_LO, r);
        FloatVector z = r.mul(r);
        FloatVector p = V_P0.fma(r, V_P1);
        p = p.fma(r, V_P2);
        p = p.fma(r, V_P3);
        p = p.fma(r, V_P4);
        p = p.fma(r, V_P5);
        return p.fma(z, r).add(V_ONE);
    }

    /** {@link #expReducedFused} with each multiply-add rounded twice, for CPUs without FMA. */
    private static FloatVector expReducedUnfused(FloatVector xc, FloatVector shifted) {
        FloatVector n = shifted.sub(V_ROUND);
        FloatVector r = n.mul(V_MINUS_LN2_HI).add(xc);
        r = n.mul(V_MINUS_LN2_LO).add(r);
        FloatVector z = r.mul(r);
        FloatVector p = V_P0.mul(r).add(V_P1);
        p = p.mul(r).add(V_P2);
        p = p.mul(r).add(V_P3);
        p = p.mul(r).add(V_P4);
        p = p.mul(r).add(V_P5);
        return p.mul(z).add(r).add(V_ONE);
    }

    /** {@code 2^n} for {@code -126 <= n <= 127}, from the exponent bits (the halves of n stay in that range). */
    private static FloatVector pow2(IntVector n) {
        return n.add(V_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * {@code out[o + i] = tanh(a[f + i])} for whole vectors, {@code count} a multiple of the float
     * vector length, computed in double and rounded to float once: correctly rounded but for inputs
     * within about 1e-15 of a rounding boundary, so it agrees with PyTorch's Sleef tanh (1 ulp, nearly
     * always correctly rounded) on nearly every input. That matters in the lecture's first stage,
     * whose saturated units make training chaotic: a tanh 2 ulp off ended 0.006 away from the
     * lecture's val loss after 200,000 steps, a correctly rounded one 0.003.
     *
     * <p>The formula: {@code tanh x = E / (E + 2)} with {@code E = e^(2x) - 1}, x clamped to +-9.1 (where
     * tanh is +-1 in float anyway). E is {@code (e^t)^64 - 1} for {@code t = 2x / 64}: first
     * {@code e^t - 1} by its Taylor series to degree 12 (|t| <= 0.285: the next term is under 5e-17
     * relative), then six times {@code E -> E (E + 2)}, which is {@code (1 + E)^2 - 1} without the
     * cancellation. One formula for every x, tiny and negative ones included (the sign of zero too),
     * with only multiplications, additions and one division: no branch, compare, blend or mask (a mask
     * of two doubles, at 128 bits, is not compiled to SIMD by JDK 17, and the loop would fall back to
     * boxed code). NaN flows through.
     *
     * <p>{@link #TANH_CHUNK} floats at a time are widened into doubles, each float vector into the two
     * double vectors of its halves (a conversion within one vector size, SIMD at every width), and
     * rounded back by scalar code (narrowing with vectors measured no faster: the arithmetic
     * dominates). Not through a float vector of half the width: a second float vector class turns the
     * JIT's type profiles of every float kernel bimorphic (measured: the matmul micro-kernels then box
     * their accumulators, 7 MB a step). Each lane is computed alone, so the result does not depend on
     * the vector length.
     */
    static void tanh(float[] a, int f, float[] out, int o, int count) {
        double[] w = Scratch.get().tanhDoubles;
        int dl = D.length();
        for (int i = 0; i < count; i += TANH_CHUNK) {
            int len = Math.min(TANH_CHUNK, count - i);
            for (int j = 0; j < len; j += F.length()) {
                FloatVector x = FloatVector.fromArray(F, a, f + i + j);
                ((DoubleVector) x.convertShape(VectorOperators.F2D, D, 0)).intoArray(w, j);
                ((DoubleVector) x.convertShape(VectorOperators.F2D, D, 1)).intoArray(w, j + dl);
            }
            for (int j = 0; j < len; j += dl) {
                DoubleVector t = DoubleVector.fromArray(D, w, j).max(-TANH_SATURATION).min(TANH_SATURATION)
                        .mul(2.0 / (1 << TANH_SQUARINGS));
                DoubleVector e = t.broadcast(EXP_TAYLOR[TANH_TERMS]);
                for (int k = TANH_TERMS - 1; k >= 1; k--) {
                    e = FMA ? e.fma(t, t.broadcast(EXP_TAYLOR[k])) : e.mul(t).add(t.broadcast(EXP_TAYLOR[k]));
                }
                e = e.mul(t);
                for (int k = 0; k < TANH_SQUARINGS; k++) {
                    e = e.mul(e.add(2.0)); // (1 + E)^2 - 1; as a product, E = -0 stays -0
                }
                e.div(e.add(2.0)).intoArray(w, j);
            }
            for (int j = 0; j < len; j++) {
                out[o + i + j] = (float) w[j];
            }
        }
    }
}
