package dev.makemore.core.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every {@link Kernels} contract on {@code jdk.incubator.vector}, in the preferred vector width of the
 * machine (512 bits, 16 floats, with AVX-512). Matrix multiplication lives in {@link Matmul}; this
 * class holds the elementwise operations, reductions, softmax, embedding rows and histogram.
 *
 * <p>Rules the code follows, each for a reason:
 * <ul>
 *   <li>One loop per operator. The Vector API turns {@code lanewise(op)} into SIMD instructions only
 *       when {@code op} is a constant where the JIT compiles it; a variable operator falls back to a
 *       per-lane Java loop some fifty times slower. So each {@code switch} sits outside its loops.</li>
 *   <li>Exact operations (+, -, *, /, sqrt, neg, abs) give bit-for-bit the result of
 *       {@link ScalarKernels}: there are no FMAs where the scalar code rounds twice, and the last
 *       {@code n mod L} elements run as scalar code. Transcendental functions (tanh, exp, log, pow) use
 *       the JDK's SIMD math library (Intel SVML on x86, accurate to 1 ulp in float, checked by the
 *       tests); their last partial vector is copied into a padded per-thread lane buffer and run
 *       through the same loop, so an input gives the same output whatever its position in the array.
 *       (Not masked loads and stores: JDK 17 boxes every one of them.)</li>
 *   <li>Sums of floats that return or store a total ({@link #sum(float[], int)}, axis sums, variance)
 *       widen each half of a float vector to doubles and accumulate in several double vectors: as
 *       accurate as the scalar oracle's double accumulator (only the order differs) and still SIMD.
 *       Softmax sums positive terms in float vectors, as PyTorch does.</li>
 *   <li>{@code max}/{@code argmax} keep the oracle's NaN rules: {@code lanewise(MAX)} propagates NaN
 *       like {@link Math#max}, and indices are the first NaN, else the first maximum.</li>
 *   <li>Nothing allocates once compiled, on JDK 17 as on 25: vectors are locals that never cross a
 *       call C2 might not inline, the few work arrays are per thread ({@link Scratch}, so two threads
 *       may run kernels at once), and the operations JDK 17 still boxes (masked loads and stores,
 *       vector conversions to int or narrower types) are avoided.</li>
 * </ul>
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    /** Column argmax carries lane indices as floats, exact up to 2^24. */
    private static final int FLOAT_EXACT_INTS = 1 << 24;

    /** The vector kernels at the JVM's preferred vector width; they hold no state, so any instance serves any thread. */
    public VectorKernels() {
    }

    /**
     * Copies {@code a[i .. i + count)} into the lane buffer and fills its other lanes with {@code pad}:
     * the last, partial vector of a loop then runs as one full vector over the buffer. This is a masked
     * load without a mask (JDK 17 boxes every masked {@code fromArray} and {@code intoArray}), and unlike
     * a scalar tail it evaluates tanh or exp with the same function as the other lanes.
     */
    private static void pad(float[] a, int i, int count, float pad, float[] lanes) {
        System.arraycopy(a, i, lanes, 0, count);
        Arrays.fill(lanes, count, lanes.length, pad);
    }

    private static void pad(double[] a, int i, int count, double pad, double[] lanes) {
        System.arraycopy(a, i, lanes, 0, count);
        Arrays.fill(lanes, count, lanes.length, pad);
    }

    /**
     * The lanes of an accumulator, stored into {@code lanes}, added in lane order. Not
     * {@code reduceLanes(ADD)}: on JDK 25 C2 adds the lanes of a float vector in a tree while the
     * interpreter and C1 add them in order (626 of 1000 random 16-lane sums came out different), so a
     * sum would change in its last bit when the JIT got to it, and between JDK 17 (in order) and 25.
     * Lane order is the same at every tier and on every JDK.
     */
    private static float addLanes(float[] lanes) {
        float s = lanes[0];
        for (int q = 1; q < lanes.length; q++) {
            s += lanes[q];
        }
        return s;
    }

    private static double addLanes(double[] lanes) {
        double s = lanes[0];
        for (int q = 1; q < lanes.length; q++) {
            s += lanes[q];
        }
        return s;
    }

    @Override
    public String name() {
        return "vector";
    }

    // =====================================================================================
    // matrix multiplication
    // =====================================================================================

    @Override
    public void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Matmul.ab(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Matmul.atb(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Matmul.abt(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        Matmul.ab(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        Matmul.atb(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        Matmul.abt(a, b, c, m, k, n, accumulate);
    }

    // =====================================================================================
    // float32: elementwise
    // =====================================================================================

    private static FloatVector fv(float[] a, int i) {
        return FloatVector.fromArray(FS, a, i);
    }

    /*
     * Float tanh and exp, the two functions of a training step, come from VectorMath: built from IEEE
     * operations only, so a kernel gives the same bits before and after the JIT compiles it (the JDK's
     * lanewise(TANH) is SVML under C2 but Math per lane before, and the two differ in the last bit:
     * runs of the same command printed different losses).
     */

    /**
     * {@code op} lane by lane with {@link Math} (through {@link UnaryOp#apply(float)}): for the functions
     * off the training path (log, pow, and everything in float64, which only gradient checks use). HotSpot
     * evaluates {@code Math}'s intrinsics with the same code in the interpreter and in compiled code, so,
     * unlike the Vector API's lanewise functions, these give the same bits at every tier.
     */
    private static FloatVector math(FloatVector v, UnaryOp op) {
        float[] t = Scratch.get().floatMath;
        v.intoArray(t, 0);
        for (int q = 0; q < t.length; q++) {
            t[q] = op.apply(t[q]);
        }
        return FloatVector.fromArray(FS, t, 0);
    }

    private static DoubleVector math(DoubleVector v, UnaryOp op) {
        double[] t = Scratch.get().doubleMath;
        v.intoArray(t, 0);
        for (int q = 0; q < t.length; q++) {
            t[q] = op.apply(t[q]);
        }
        return DoubleVector.fromArray(DS, t, 0);
    }

    /**
     * The lower and upper halves of a float vector widened to double vectors. (Always from a full
     * preferred vector: on JDK 17, the interpreted fallback of a half-width conversion stores vectors of
     * a second shape through the same methods, and the polluted type profile then keeps C2 from
     * compiling other vector stores to instructions.)
     */
    private static DoubleVector lower(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, DS, 0);
    }

    private static DoubleVector upper(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, DS, 1);
    }

    /**
     * Stores the double sums in the lane buffer rounded to float at {@code out[at .. at + DL)}, added
     * to what is there if asked (in double, then rounded once, as the scalar code). The caller stores
     * its vector into the buffer: a vector D2F conversion would box on JDK 17.
     */
    private static void narrow(double[] lanes, float[] out, int at, boolean accumulate) {
        for (int q = 0; q < DL; q++) {
            out[at + q] = (float) (accumulate ? out[at + q] + lanes[q] : lanes[q]);
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        binary(op, a, b, 0, out, 0, n);
    }

    @Override
    public void binaryRow(BinaryOp op, float[] a, float[] row, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            binary(op, a, row, 0, out, r * cols, cols);
        }
    }

    @Override
    public void binaryColumn(BinaryOp op, float[] a, float[] col, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            binaryScalar(op, a, col[r], out, r * cols, cols);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, float s, float[] out, int n) {
        binaryScalar(op, a, s, out, 0, n);
    }

    /** {@code out[o+i] = a[o+i] op b[bo+i]} for {@code i < n}. */
    private static void binary(BinaryOp op, float[] a, float[] b, int bo, float[] out, int o, int n) {
        int i = 0;
        int bound = FS.loopBound(n);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).add(fv(b, bo + i)).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).sub(fv(b, bo + i)).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).mul(fv(b, bo + i)).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).div(fv(b, bo + i)).intoArray(out, o + i);
                }
            }
        }
        for (; i < n; i++) {
            out[o + i] = op.apply(a[o + i], b[bo + i]);
        }
    }

    /** {@code out[o+i] = a[o+i] op s} for {@code i < n}. */
    private static void binaryScalar(BinaryOp op, float[] a, float s, float[] out, int o, int n) {
        int i = 0;
        int bound = FS.loopBound(n);
        FloatVector sv = FloatVector.broadcast(FS, s);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).add(sv).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).sub(sv).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).mul(sv).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += FL) {
                    fv(a, o + i).div(sv).intoArray(out, o + i);
                }
            }
        }
        for (; i < n; i++) {
            out[o + i] = op.apply(a[o + i], s);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        int i = 0;
        int bound = FS.loopBound(n);
        FloatVector av = FloatVector.broadcast(FS, alpha);
        // Multiply, then add: not an FMA, so the result is PyTorch's `p.data += -lr * p.grad` to the bit.
        for (; i < bound; i += FL) {
            fv(x, i).mul(av).add(fv(y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, float[] out, int n) {
        int bound = FS.loopBound(n);
        unaryVectors(op, a, out, bound);
        if (bound < n) {
            float[] lanes = Scratch.get().floatLanes;
            pad(a, bound, n - bound, 1f, lanes);
            unaryVectors(op, lanes, lanes, FL);
            System.arraycopy(lanes, 0, out, bound, n - bound);
        }
    }

    /** {@code out[i] = f(a[i])} for {@code i < bound}, a multiple of the vector length. */
    private static void unaryVectors(UnaryOp op, float[] a, float[] out, int bound) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < bound; i += FL) {
                    fv(a, i).neg().intoArray(out, i);
                }
            }
            case ABS -> {
                for (int i = 0; i < bound; i += FL) {
                    fv(a, i).abs().intoArray(out, i);
                }
            }
            case TANH -> VectorMath.tanh(a, 0, out, 0, bound);
            case EXP -> VectorMath.exp(a, 0, out, 0, bound);
            case LOG -> {
                for (int i = 0; i < bound; i += FL) {
                    math(fv(a, i), UnaryOp.LOG).intoArray(out, i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += FL) {
                    fv(a, i).sqrt().intoArray(out, i);
                }
            }
        }
    }

    @Override
    public void pow(float[] a, float p, float[] out, int n) {
        if (p == 1) {
            System.arraycopy(a, 0, out, 0, n);
            return;
        }
        int bound = FS.loopBound(n);
        if (p == 2) {
            // x*x is exactly pow(x, 2) rounded (the square of a float is exact in double), and it is
            // what PyTorch computes for x**2; SVML's pow could be an ulp away.
            for (int i = 0; i < bound; i += FL) {
                FloatVector v = fv(a, i);
                v.mul(v).intoArray(out, i);
            }
            for (int i = bound; i < n; i++) {
                out[i] = a[i] * a[i];
            }
            return;
        }
        powVectors(a, p, out, bound);
        if (bound < n) {
            float[] lanes = Scratch.get().floatLanes;
            pad(a, bound, n - bound, 1f, lanes);
            powVectors(lanes, p, lanes, FL);
            System.arraycopy(lanes, 0, out, bound, n - bound);
        }
    }

    /** Math.pow per element (a rare path): the same bits at every JIT tier, as the scalar oracle. */
    private static void powVectors(float[] a, float p, float[] out, int bound) {
        for (int i = 0; i < bound; i++) {
            out[i] = (float) Math.pow(a[i], p);
        }
    }

    @Override
    public void tanhBackward(float[] t, float[] g, float[] out, int n, boolean accumulate) {
        int i = 0;
        int bound = FS.loopBound(n);
        FloatVector one = FloatVector.broadcast(FS, 1f);
        // (1 - t*t) * g with each operation rounded, as the scalar code and PyTorch's autograd do.
        if (accumulate) {
            for (; i < bound; i += FL) {
                FloatVector tv = fv(t, i);
                one.sub(tv.mul(tv)).mul(fv(g, i)).add(fv(out, i)).intoArray(out, i);
            }
        } else {
            for (; i < bound; i += FL) {
                FloatVector tv = fv(t, i);
                one.sub(tv.mul(tv)).mul(fv(g, i)).intoArray(out, i);
            }
        }
        for (; i < n; i++) {
            float d = (1 - t[i] * t[i]) * g[i];
            out[i] = accumulate ? out[i] + d : d;
        }
    }

    // =====================================================================================
    // float32: reductions
    // =====================================================================================

    @Override
    public double sum(float[] a, int n) {
        return sumOf(a, 0, n, Scratch.get().doubleSum);
    }

    /** Sum of {@code a[from .. from + n)} in double: four accumulators hide the add latency. */
    private static double sumOf(float[] a, int from, int n, double[] acc) {
        DoubleVector s0 = DoubleVector.zero(DS);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int i = 0;
        for (; i + 2 * FL <= n; i += 2 * FL) {
            FloatVector v = fv(a, from + i);
            FloatVector w = fv(a, from + i + FL);
            s0 = s0.add(lower(v));
            s1 = s1.add(upper(v));
            s2 = s2.add(lower(w));
            s3 = s3.add(upper(w));
        }
        for (; i + FL <= n; i += FL) {
            FloatVector v = fv(a, from + i);
            s0 = s0.add(lower(v));
            s1 = s1.add(upper(v));
        }
        s0.add(s1).add(s2.add(s3)).intoArray(acc, 0);
        double s = addLanes(acc);
        for (; i < n; i++) {
            s += a[from + i];
        }
        return s;
    }

    /** Sum of squared deviations from {@code mean} of {@code a[from .. from + n)}, in double. */
    private static double squaresOf(float[] a, int from, int n, double mean, double[] acc) {
        DoubleVector mv = DoubleVector.broadcast(DS, mean);
        DoubleVector s0 = DoubleVector.zero(DS);
        DoubleVector s1 = s0;
        int i = 0;
        for (; i + FL <= n; i += FL) {
            FloatVector v = fv(a, from + i);
            DoubleVector d0 = lower(v).sub(mv);
            DoubleVector d1 = upper(v).sub(mv);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
        }
        s0.add(s1).intoArray(acc, 0);
        double s = addLanes(acc);
        for (; i < n; i++) {
            double d = a[from + i] - mean;
            s += d * d;
        }
        return s;
    }

    @Override
    public void sum(float[] a, int outer, int len, int inner, float[] out, boolean accumulate) {
        Scratch scratch = Scratch.get();
        double[] lanes = scratch.doubleLanes;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double s = sumOf(a, o * len, len, scratch.doubleSum);
                out[o] = (float) (accumulate ? out[o] + s : s);
            } else {
                sumColumns(a, o * len * inner, len, inner, out, o * inner, accumulate, lanes);
            }
        }
    }

    /**
     * Column sums of the {@code (len, inner)} block at {@code a[from]} into {@code out[to .. to + inner)}:
     * the lanes are columns, two float vectors of columns (four double accumulators) at a time so that
     * four add chains overlap.
     */
    private static void sumColumns(float[] a, int from, int len, int inner, float[] out, int to, boolean accumulate,
            double[] lanes) {
        int j = 0;
        for (; j + 2 * FL <= inner; j += 2 * FL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                FloatVector v = fv(a, r);
                FloatVector w = fv(a, r + FL);
                s0 = s0.add(lower(v));
                s1 = s1.add(upper(v));
                s2 = s2.add(lower(w));
                s3 = s3.add(upper(w));
            }
            s0.intoArray(lanes, 0);
            narrow(lanes, out, to + j, accumulate);
            s1.intoArray(lanes, 0);
            narrow(lanes, out, to + j + DL, accumulate);
            s2.intoArray(lanes, 0);
            narrow(lanes, out, to + j + FL, accumulate);
            s3.intoArray(lanes, 0);
            narrow(lanes, out, to + j + FL + DL, accumulate);
        }
        for (; j + FL <= inner; j += FL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            DoubleVector s1 = s0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                FloatVector v = fv(a, r);
                s0 = s0.add(lower(v));
                s1 = s1.add(upper(v));
            }
            s0.intoArray(lanes, 0);
            narrow(lanes, out, to + j, accumulate);
            s1.intoArray(lanes, 0);
            narrow(lanes, out, to + j + DL, accumulate);
        }
        for (; j < inner; j++) {
            double s = 0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s += a[r];
            }
            out[to + j] = (float) (accumulate ? out[to + j] + s : s);
        }
    }

    @Override
    public double variance(float[] a, int n, boolean unbiased) {
        double[] acc = Scratch.get().doubleSum;
        double mean = sumOf(a, 0, n, acc) / n;
        return squaresOf(a, 0, n, mean, acc) / (unbiased ? n - 1 : n);
    }

    @Override
    public void variance(float[] a, int outer, int len, int inner, boolean unbiased, float[] out) {
        Scratch scratch = Scratch.get();
        double[] lanes = scratch.doubleLanes;
        int divisor = unbiased ? len - 1 : len;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double mean = sumOf(a, o * len, len, scratch.doubleSum) / len;
                out[o] = (float) (squaresOf(a, o * len, len, mean, scratch.doubleSum) / divisor);
            } else {
                varianceColumns(a, o * len * inner, len, inner, divisor, out, o * inner, lanes);
            }
        }
    }

    /** Column variances (two passes: mean, then squared deviations), a float vector of columns at a time. */
    private static void varianceColumns(float[] a, int from, int len, int inner, int divisor, float[] out, int to,
            double[] lanes) {
        int j = 0;
        for (; j + FL <= inner; j += FL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            DoubleVector s1 = s0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                FloatVector v = fv(a, r);
                s0 = s0.add(lower(v));
                s1 = s1.add(upper(v));
            }
            DoubleVector m0 = s0.div(len);
            DoubleVector m1 = s1.div(len);
            DoubleVector q0 = DoubleVector.zero(DS);
            DoubleVector q1 = q0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                FloatVector v = fv(a, r);
                DoubleVector d0 = lower(v).sub(m0);
                DoubleVector d1 = upper(v).sub(m1);
                q0 = d0.fma(d0, q0);
                q1 = d1.fma(d1, q1);
            }
            q0.div(divisor).intoArray(lanes, 0);
            narrow(lanes, out, to + j, false);
            q1.div(divisor).intoArray(lanes, 0);
            narrow(lanes, out, to + j + DL, false);
        }
        for (; j < inner; j++) {
            double s = 0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s += a[r];
            }
            double mean = s / len;
            double q = 0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                double d = a[r] - mean;
                q += d * d;
            }
            out[to + j] = (float) (q / divisor);
        }
    }

    @Override
    public float max(float[] a, int n) {
        return maxOf(a, 0, n);
    }

    /** Largest of {@code a[from .. from + n)}, NaN if any is NaN, -inf if {@code n == 0}. */
    private static float maxOf(float[] a, int from, int n) {
        float m = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (n >= FL) {
            FloatVector m0 = fv(a, from);
            FloatVector m1 = m0;
            for (i = FL; i + 2 * FL <= n; i += 2 * FL) {
                m0 = m0.max(fv(a, from + i));
                m1 = m1.max(fv(a, from + i + FL));
            }
            for (; i + FL <= n; i += FL) {
                m0 = m0.max(fv(a, from + i));
            }
            m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, a[from + i]);
        }
        return m;
    }

    @Override
    public int argmax(float[] a, int n) {
        return argmaxOf(a, 0, n);
    }

    /**
     * Offset of the first NaN in {@code a[from .. from + n)}, else of the first largest element; -1 if
     * {@code n == 0}. Two passes, the maximum then its first occurrence, each a full-width compare.
     */
    private static int argmaxOf(float[] a, int from, int n) {
        float m = maxOf(a, from, n);
        int i = 0;
        if (Float.isNaN(m)) {
            for (; i + FL <= n; i += FL) {
                FloatVector v = fv(a, from + i);
                VectorMask<Float> hit = v.compare(VectorOperators.NE, v);
                if (hit.anyTrue()) {
                    return i + hit.firstTrue();
                }
            }
            for (; i < n; i++) {
                if (Float.isNaN(a[from + i])) {
                    return i;
                }
            }
        } else {
            for (; i + FL <= n; i += FL) {
                VectorMask<Float> hit = fv(a, from + i).compare(VectorOperators.EQ, m);
                if (hit.anyTrue()) {
                    return i + hit.firstTrue();
                }
            }
            for (; i < n; i++) {
                if (a[from + i] == m) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void max(float[] a, int outer, int len, int inner, float[] values, int[] indices) {
        float[] lanes = Scratch.get().floatLanes;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                int best = argmaxOf(a, o * len, len);
                values[o] = a[o * len + best];
                indices[o] = best;
            } else {
                maxColumns(a, o * len * inner, len, inner, values, indices, o * inner, lanes);
            }
        }
    }

    /** Column maxima with their first index; the lane index rides along as a float, blended with the value. */
    private static void maxColumns(float[] a, int from, int len, int inner, float[] values, int[] indices, int to,
            float[] lanes) {
        int j = 0;
        if (len <= FLOAT_EXACT_INTS) {
            for (; j + FL <= inner; j += FL) {
                FloatVector m = fv(a, from + j);
                FloatVector at = FloatVector.zero(FS);
                for (int l = 1, r = from + inner + j; l < len; l++, r += inner) {
                    FloatVector v = fv(a, r);
                    // The scalar rule `v > m || isNaN(v)`, frozen once m is NaN (m == m fails only for NaN).
                    VectorMask<Float> up = v.compare(VectorOperators.GT, m)
                            .or(v.compare(VectorOperators.NE, v).and(m.compare(VectorOperators.EQ, m)));
                    m = m.blend(v, up);
                    at = at.blend((float) l, up);
                }
                m.intoArray(values, to + j);
                at.intoArray(lanes, 0); // (not a vector F2I conversion: that boxes on JDK 17)
                for (int q = 0; q < FL; q++) {
                    indices[to + j + q] = (int) lanes[q];
                }
            }
        }
        for (; j < inner; j++) {
            int best = 0;
            float m = a[from + j];
            for (int l = 1; l < len && !Float.isNaN(m); l++) {
                float v = a[from + l * inner + j];
                if (v > m || Float.isNaN(v)) {
                    m = v;
                    best = l;
                }
            }
            values[to + j] = m;
            indices[to + j] = best;
        }
    }

    // =====================================================================================
    // float32: softmax
    // =====================================================================================

    @Override
    public void softmax(float[] a, int outer, int len, int inner, float[] out) {
        Scratch scratch = Scratch.get();
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                softmaxRow(a, o * len, len, out, scratch.floatLanes, scratch.floatSum);
            } else {
                softmaxColumns(a, o * len * inner, len, inner, out, false);
            }
        }
    }

    @Override
    public void logSoftmax(float[] a, int outer, int len, int inner, float[] out) {
        Scratch scratch = Scratch.get();
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                logSoftmaxRow(a, o * len, len, out, scratch.floatLanes, scratch.floatSum);
            } else {
                softmaxColumns(a, o * len * inner, len, inner, out, true);
            }
        }
    }

    /**
     * Softmax of one contiguous row in PyTorch's order of operations: {@code x - max} rounded in float,
     * then exp, a float sum, a division; so results differ from PyTorch's only by the exp
     * implementation. The last, partial vector is read from the lane buffer padded with -inf (whose exp
     * adds nothing to the sum), inside the same loop: one loop, so that C2 keeps the running sum in a
     * register (JDK 17 boxes it in a second, one-trip copy of the loop).
     */
    private static void softmaxRow(float[] a, int from, int len, float[] out, float[] lanes, float[] acc) {
        float m = maxOf(a, from, len);
        float sum = VectorMath.expShifted(a, from, len, m, out, lanes, acc);
        binaryScalar(BinaryOp.DIV, out, sum, out, from, len);
    }

    /**
     * {@code (x - max) - log(sum(exp(x - max)))}, as PyTorch's log_softmax. The sum is needed before
     * anything is written and {@code out} may be {@code a} itself, so the exps are only summed.
     */
    private static void logSoftmaxRow(float[] a, int from, int len, float[] out, float[] lanes, float[] acc) {
        float m = maxOf(a, from, len);
        FloatVector mv = FloatVector.broadcast(FS, m);
        float lse = (float) Math.log(VectorMath.expShifted(a, from, len, m, null, lanes, acc));
        FloatVector lv = FloatVector.broadcast(FS, lse);
        int bound = FS.loopBound(len);
        int i = 0;
        for (; i < bound; i += FL) {
            fv(a, from + i).sub(mv).sub(lv).intoArray(out, from + i);
        }
        for (; i < len; i++) {
            out[from + i] = (a[from + i] - m) - lse;
        }
    }

    /**
     * Softmax or log-softmax down the columns of the {@code (len, inner)} block at {@code a[from]}, a
     * vector of columns at a time; a last partial vector of columns is packed, zero-padded, into a
     * scratch block and run through the same code (this form is rare: the lecture's softmax is over
     * the last dimension).
     */
    private static void softmaxColumns(float[] a, int from, int len, int inner, float[] out, boolean log) {
        int j = 0;
        for (; j + FL <= inner; j += FL) {
            softmaxColumnVector(a, from + j, len, inner, out, log);
        }
        if (j < inner) {
            int count = inner - j;
            float[] packed = Scratch.get().floats(len * FL);
            for (int l = 0; l < len; l++) {
                System.arraycopy(a, from + l * inner + j, packed, l * FL, count);
                Arrays.fill(packed, l * FL + count, (l + 1) * FL, 0f);
            }
            softmaxColumnVector(packed, 0, len, FL, packed, log);
            for (int l = 0; l < len; l++) {
                System.arraycopy(packed, l * FL, out, from + l * inner + j, count);
            }
        }
    }

    /** One vector of columns starting at {@code a[at]}, rows {@code stride} apart. */
    private static void softmaxColumnVector(float[] a, int at, int len, int stride, float[] out, boolean log) {
        FloatVector m = fv(a, at);
        for (int l = 1, r = at + stride; l < len; l++, r += stride) {
            m = m.max(fv(a, r));
        }
        FloatVector s = FloatVector.zero(FS);
        for (int l = 0, r = at; l < len; l++, r += stride) {
            FloatVector e = VectorMath.expVector(fv(a, r).sub(m));
            if (!log) {
                e.intoArray(out, r);
            }
            s = s.add(e);
        }
        if (log) {
            FloatVector lse = math(s, UnaryOp.LOG);
            for (int l = 0, r = at; l < len; l++, r += stride) {
                fv(a, r).sub(m).sub(lse).intoArray(out, r);
            }
        } else {
            for (int l = 0, r = at; l < len; l++, r += stride) {
                fv(out, r).div(s).intoArray(out, r);
            }
        }
    }

    // =====================================================================================
    // float32: embedding rows, histogram
    // =====================================================================================

    @Override
    public void gatherRows(float[] table, int cols, int[] index, float[] out, int count) {
        // A row copy: System.arraycopy is already a vectorised intrinsic.
        for (int i = 0; i < count; i++) {
            System.arraycopy(table, index[i] * cols, out, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(float[] src, int cols, int[] index, float[] table, int count) {
        // In index order, so repeated indices accumulate exactly as the scalar loop does.
        for (int i = 0; i < count; i++) {
            binary(BinaryOp.ADD, table, src, i * cols, table, index[i] * cols, cols);
        }
    }

    @Override
    public void histogram(float[] a, int n, double min, double max, long[] counts) {
        int bins = counts.length;
        double width = (max - min) / bins;
        int i = 0;
        if (width > 0 && width < Double.POSITIVE_INFINITY && min > Double.NEGATIVE_INFINITY) {
            // Bins computed a vector at a time in the scalar rule's own double operations,
            // (v - min) / width clamped to the last bin, so that values on a bin edge land in the same
            // bin; -1 marks values outside [min, max] or NaN. The counting itself stays scalar.
            double[] bin = Scratch.get().doubleLanes;
            DoubleVector lo = DoubleVector.broadcast(DS, min);
            DoubleVector hi = DoubleVector.broadcast(DS, max);
            for (; i + FL <= n; i += FL) {
                FloatVector f = fv(a, i);
                DoubleVector v = lower(f);
                VectorMask<Double> inside = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi));
                v.sub(lo).div(width).min(bins - 1).blend(-1, inside.not()).intoArray(bin, 0);
                count(bin, counts);
                v = upper(f);
                inside = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi));
                v.sub(lo).div(width).min(bins - 1).blend(-1, inside.not()).intoArray(bin, 0);
                count(bin, counts);
            }
        }
        for (; i < n; i++) {
            double v = a[i];
            if (v < min || v > max || Double.isNaN(v)) {
                continue;
            }
            int b = width > 0 ? (int) ((v - min) / width) : 0;
            counts[Math.min(b, bins - 1)]++;
        }
    }

    /** Counts a vector's worth of bins; (int) truncates as the scalar rule's cast does. */
    private static void count(double[] bin, long[] counts) {
        for (int q = 0; q < DL; q++) {
            double b = bin[q];
            if (b >= 0) {
                counts[(int) b]++;
            }
        }
    }

    // =====================================================================================
    // float64: the same kernels on double vectors
    // =====================================================================================

    private static DoubleVector dv(double[] a, int i) {
        return DoubleVector.fromArray(DS, a, i);
    }

    @Override
    public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
        binary(op, a, b, 0, out, 0, n);
    }

    @Override
    public void binaryRow(BinaryOp op, double[] a, double[] row, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            binary(op, a, row, 0, out, r * cols, cols);
        }
    }

    @Override
    public void binaryColumn(BinaryOp op, double[] a, double[] col, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            binaryScalar(op, a, col[r], out, r * cols, cols);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, double s, double[] out, int n) {
        binaryScalar(op, a, s, out, 0, n);
    }

    private static void binary(BinaryOp op, double[] a, double[] b, int bo, double[] out, int o, int n) {
        int i = 0;
        int bound = DS.loopBound(n);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).add(dv(b, bo + i)).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).sub(dv(b, bo + i)).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).mul(dv(b, bo + i)).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).div(dv(b, bo + i)).intoArray(out, o + i);
                }
            }
        }
        for (; i < n; i++) {
            out[o + i] = op.apply(a[o + i], b[bo + i]);
        }
    }

    private static void binaryScalar(BinaryOp op, double[] a, double s, double[] out, int o, int n) {
        int i = 0;
        int bound = DS.loopBound(n);
        DoubleVector sv = DoubleVector.broadcast(DS, s);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).add(sv).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).sub(sv).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).mul(sv).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += DL) {
                    dv(a, o + i).div(sv).intoArray(out, o + i);
                }
            }
        }
        for (; i < n; i++) {
            out[o + i] = op.apply(a[o + i], s);
        }
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        int i = 0;
        int bound = DS.loopBound(n);
        DoubleVector av = DoubleVector.broadcast(DS, alpha);
        for (; i < bound; i += DL) {
            dv(x, i).mul(av).add(dv(y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void unary(UnaryOp op, double[] a, double[] out, int n) {
        int bound = DS.loopBound(n);
        unaryVectors(op, a, out, bound);
        if (bound < n) {
            double[] lanes = Scratch.get().doubleLanes;
            pad(a, bound, n - bound, 1d, lanes);
            unaryVectors(op, lanes, lanes, DL);
            System.arraycopy(lanes, 0, out, bound, n - bound);
        }
    }

    private static void unaryVectors(UnaryOp op, double[] a, double[] out, int bound) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < bound; i += DL) {
                    dv(a, i).neg().intoArray(out, i);
                }
            }
            case ABS -> {
                for (int i = 0; i < bound; i += DL) {
                    dv(a, i).abs().intoArray(out, i);
                }
            }
            case TANH -> {
                for (int i = 0; i < bound; i += DL) {
                    math(dv(a, i), UnaryOp.TANH).intoArray(out, i);
                }
            }
            case EXP -> {
                for (int i = 0; i < bound; i += DL) {
                    math(dv(a, i), UnaryOp.EXP).intoArray(out, i);
                }
            }
            case LOG -> {
                for (int i = 0; i < bound; i += DL) {
                    math(dv(a, i), UnaryOp.LOG).intoArray(out, i);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += DL) {
                    dv(a, i).sqrt().intoArray(out, i);
                }
            }
        }
    }

    @Override
    public void pow(double[] a, double p, double[] out, int n) {
        if (p == 1) {
            System.arraycopy(a, 0, out, 0, n);
            return;
        }
        int bound = DS.loopBound(n);
        if (p == 2) {
            for (int i = 0; i < bound; i += DL) {
                DoubleVector v = dv(a, i);
                v.mul(v).intoArray(out, i);
            }
            for (int i = bound; i < n; i++) {
                out[i] = a[i] * a[i];
            }
            return;
        }
        powVectors(a, p, out, bound);
        if (bound < n) {
            double[] lanes = Scratch.get().doubleLanes;
            pad(a, bound, n - bound, 1d, lanes);
            powVectors(lanes, p, lanes, DL);
            System.arraycopy(lanes, 0, out, bound, n - bound);
        }
    }

    /** Math.pow per element: the same bits at every JIT tier, as the scalar oracle. */
    private static void powVectors(double[] a, double p, double[] out, int bound) {
        for (int i = 0; i < bound; i++) {
            out[i] = Math.pow(a[i], p);
        }
    }

    @Override
    public void tanhBackward(double[] t, double[] g, double[] out, int n, boolean accumulate) {
        int i = 0;
        int bound = DS.loopBound(n);
        DoubleVector one = DoubleVector.broadcast(DS, 1d);
        if (accumulate) {
            for (; i < bound; i += DL) {
                DoubleVector tv = dv(t, i);
                one.sub(tv.mul(tv)).mul(dv(g, i)).add(dv(out, i)).intoArray(out, i);
            }
        } else {
            for (; i < bound; i += DL) {
                DoubleVector tv = dv(t, i);
                one.sub(tv.mul(tv)).mul(dv(g, i)).intoArray(out, i);
            }
        }
        for (; i < n; i++) {
            double d = (1 - t[i] * t[i]) * g[i];
            out[i] = accumulate ? out[i] + d : d;
        }
    }

    @Override
    public double sum(double[] a, int n) {
        return sumOf(a, 0, n, Scratch.get().doubleSum);
    }

    private static double sumOf(double[] a, int from, int n, double[] acc) {
        DoubleVector s0 = DoubleVector.zero(DS);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int i = 0;
        for (; i + 4 * DL <= n; i += 4 * DL) {
            s0 = s0.add(dv(a, from + i));
            s1 = s1.add(dv(a, from + i + DL));
            s2 = s2.add(dv(a, from + i + 2 * DL));
            s3 = s3.add(dv(a, from + i + 3 * DL));
        }
        for (; i + DL <= n; i += DL) {
            s0 = s0.add(dv(a, from + i));
        }
        s0.add(s1).add(s2.add(s3)).intoArray(acc, 0);
        double s = addLanes(acc);
        for (; i < n; i++) {
            s += a[from + i];
        }
        return s;
    }

    private static double squaresOf(double[] a, int from, int n, double mean, double[] acc) {
        DoubleVector mv = DoubleVector.broadcast(DS, mean);
        DoubleVector s0 = DoubleVector.zero(DS);
        DoubleVector s1 = s0;
        int i = 0;
        for (; i + 2 * DL <= n; i += 2 * DL) {
            DoubleVector d0 = dv(a, from + i).sub(mv);
            DoubleVector d1 = dv(a, from + i + DL).sub(mv);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
        }
        for (; i + DL <= n; i += DL) {
            DoubleVector d0 = dv(a, from + i).sub(mv);
            s0 = d0.fma(d0, s0);
        }
        s0.add(s1).intoArray(acc, 0);
        double s = addLanes(acc);
        for (; i < n; i++) {
            double d = a[from + i] - mean;
            s += d * d;
        }
        return s;
    }

    @Override
    public void sum(double[] a, int outer, int len, int inner, double[] out, boolean accumulate) {
        double[] acc = Scratch.get().doubleSum;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double s = sumOf(a, o * len, len, acc);
                out[o] = accumulate ? out[o] + s : s;
            } else {
                sumColumns(a, o * len * inner, len, inner, out, o * inner, accumulate);
            }
        }
    }

    private static void sumColumns(double[] a, int from, int len, int inner, double[] out, int to, boolean accumulate) {
        int j = 0;
        for (; j + 4 * DL <= inner; j += 4 * DL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s0 = s0.add(dv(a, r));
                s1 = s1.add(dv(a, r + DL));
                s2 = s2.add(dv(a, r + 2 * DL));
                s3 = s3.add(dv(a, r + 3 * DL));
            }
            store(s0, out, to + j, accumulate);
            store(s1, out, to + j + DL, accumulate);
            store(s2, out, to + j + 2 * DL, accumulate);
            store(s3, out, to + j + 3 * DL, accumulate);
        }
        for (; j + DL <= inner; j += DL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s0 = s0.add(dv(a, r));
            }
            store(s0, out, to + j, accumulate);
        }
        for (; j < inner; j++) {
            double s = 0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s += a[r];
            }
            out[to + j] = accumulate ? out[to + j] + s : s;
        }
    }

    private static void store(DoubleVector v, double[] out, int at, boolean accumulate) {
        if (accumulate) {
            v.add(dv(out, at)).intoArray(out, at);
        } else {
            v.intoArray(out, at);
        }
    }

    @Override
    public double variance(double[] a, int n, boolean unbiased) {
        double[] acc = Scratch.get().doubleSum;
        double mean = sumOf(a, 0, n, acc) / n;
        return squaresOf(a, 0, n, mean, acc) / (unbiased ? n - 1 : n);
    }

    @Override
    public void variance(double[] a, int outer, int len, int inner, boolean unbiased, double[] out) {
        double[] acc = Scratch.get().doubleSum;
        int divisor = unbiased ? len - 1 : len;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double mean = sumOf(a, o * len, len, acc) / len;
                out[o] = squaresOf(a, o * len, len, mean, acc) / divisor;
            } else {
                varianceColumns(a, o * len * inner, len, inner, divisor, out, o * inner);
            }
        }
    }

    private static void varianceColumns(double[] a, int from, int len, int inner, int divisor, double[] out, int to) {
        int j = 0;
        for (; j + 2 * DL <= inner; j += 2 * DL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            DoubleVector s1 = s0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s0 = s0.add(dv(a, r));
                s1 = s1.add(dv(a, r + DL));
            }
            DoubleVector m0 = s0.div(len);
            DoubleVector m1 = s1.div(len);
            DoubleVector q0 = DoubleVector.zero(DS);
            DoubleVector q1 = q0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                DoubleVector d0 = dv(a, r).sub(m0);
                DoubleVector d1 = dv(a, r + DL).sub(m1);
                q0 = d0.fma(d0, q0);
                q1 = d1.fma(d1, q1);
            }
            q0.div(divisor).intoArray(out, to + j);
            q1.div(divisor).intoArray(out, to + j + DL);
        }
        for (; j + DL <= inner; j += DL) {
            DoubleVector s0 = DoubleVector.zero(DS);
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s0 = s0.add(dv(a, r));
            }
            DoubleVector m0 = s0.div(len);
            DoubleVector q0 = DoubleVector.zero(DS);
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                DoubleVector d0 = dv(a, r).sub(m0);
                q0 = d0.fma(d0, q0);
            }
            q0.div(divisor).intoArray(out, to + j);
        }
        for (; j < inner; j++) {
            double s = 0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                s += a[r];
            }
            double mean = s / len;
            double q = 0;
            for (int l = 0, r = from + j; l < len; l++, r += inner) {
                double d = a[r] - mean;
                q += d * d;
            }
            out[to + j] = q / divisor;
        }
    }

    @Override
    public double max(double[] a, int n) {
        return maxOf(a, 0, n);
    }

    private static double maxOf(double[] a, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        int i = 0;
        if (n >= DL) {
            DoubleVector m0 = dv(a, from);
            DoubleVector m1 = m0;
            for (i = DL; i + 2 * DL <= n; i += 2 * DL) {
                m0 = m0.max(dv(a, from + i));
                m1 = m1.max(dv(a, from + i + DL));
            }
            for (; i + DL <= n; i += DL) {
                m0 = m0.max(dv(a, from + i));
            }
            m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, a[from + i]);
        }
        return m;
    }

    @Override
    public int argmax(double[] a, int n) {
        return argmaxOf(a, 0, n);
    }

    private static int argmaxOf(double[] a, int from, int n) {
        double m = maxOf(a, from, n);
        int i = 0;
        if (Double.isNaN(m)) {
            for (; i + DL <= n; i += DL) {
                DoubleVector v = dv(a, from + i);
                VectorMask<Double> hit = v.compare(VectorOperators.NE, v);
                if (hit.anyTrue()) {
                    return i + hit.firstTrue();
                }
            }
            for (; i < n; i++) {
                if (Double.isNaN(a[from + i])) {
                    return i;
                }
            }
        } else {
            for (; i + DL <= n; i += DL) {
                VectorMask<Double> hit = dv(a, from + i).compare(VectorOperators.EQ, m);
                if (hit.anyTrue()) {
                    return i + hit.firstTrue();
                }
            }
            for (; i < n; i++) {
                if (a[from + i] == m) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void max(double[] a, int outer, int len, int inner, double[] values, int[] indices) {
        double[] lanes = Scratch.get().doubleLanes;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                int best = argmaxOf(a, o * len, len);
                values[o] = a[o * len + best];
                indices[o] = best;
            } else {
                maxColumns(a, o * len * inner, len, inner, values, indices, o * inner, lanes);
            }
        }
    }

    private static void maxColumns(double[] a, int from, int len, int inner, double[] values, int[] indices, int to,
            double[] lanes) {
        int j = 0;
        for (; j + DL <= inner; j += DL) {
            DoubleVector m = dv(a, from + j);
            DoubleVector at = DoubleVector.zero(DS);
            for (int l = 1, r = from + inner + j; l < len; l++, r += inner) {
                DoubleVector v = dv(a, r);
                VectorMask<Double> up = v.compare(VectorOperators.GT, m)
                        .or(v.compare(VectorOperators.NE, v).and(m.compare(VectorOperators.EQ, m)));
                m = m.blend(v, up);
                at = at.blend((double) l, up);
            }
            m.intoArray(values, to + j);
            at.intoArray(lanes, 0);
            for (int q = 0; q < DL; q++) {
                indices[to + j + q] = (int) lanes[q];
            }
        }
        for (; j < inner; j++) {
            int best = 0;
            double m = a[from + j];
            for (int l = 1; l < len && !Double.isNaN(m); l++) {
                double v = a[from + l * inner + j];
                if (v > m || Double.isNaN(v)) {
                    m = v;
                    best = l;
                }
            }
            values[to + j] = m;
            indices[to + j] = best;
        }
    }

    @Override
    public void softmax(double[] a, int outer, int len, int inner, double[] out) {
        Scratch scratch = Scratch.get();
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                softmaxRow(a, o * len, len, out, scratch.doubleLanes, scratch.doubleSum);
            } else {
                softmaxColumns(a, o * len * inner, len, inner, out, false);
            }
        }
    }

    @Override
    public void logSoftmax(double[] a, int outer, int len, int inner, double[] out) {
        Scratch scratch = Scratch.get();
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                logSoftmaxRow(a, o * len, len, out, scratch.doubleLanes, scratch.doubleSum);
            } else {
                softmaxColumns(a, o * len * inner, len, inner, out, true);
            }
        }
    }

    private static void softmaxRow(double[] a, int from, int len, double[] out, double[] lanes, double[] acc) {
        double m = maxOf(a, from, len);
        DoubleVector mv = DoubleVector.broadcast(DS, m);
        DoubleVector s0 = DoubleVector.zero(DS);
        for (int i = 0; i < len; i += DL) {
            boolean whole = i + DL <= len;
            if (!whole) {
                pad(a, from + i, len - i, Double.NEGATIVE_INFINITY, lanes);
            }
            DoubleVector e = math(dv(whole ? a : lanes, whole ? from + i : 0).sub(mv), UnaryOp.EXP);
            if (whole) {
                e.intoArray(out, from + i);
            } else {
                e.intoArray(lanes, 0);
                System.arraycopy(lanes, 0, out, from + i, len - i);
            }
            s0 = s0.add(e);
        }
        s0.intoArray(acc, 0);
        binaryScalar(BinaryOp.DIV, out, addLanes(acc), out, from, len);
    }

    private static void logSoftmaxRow(double[] a, int from, int len, double[] out, double[] lanes, double[] acc) {
        double m = maxOf(a, from, len);
        DoubleVector mv = DoubleVector.broadcast(DS, m);
        DoubleVector s0 = DoubleVector.zero(DS);
        for (int i = 0; i < len; i += DL) {
            boolean whole = i + DL <= len;
            if (!whole) {
                pad(a, from + i, len - i, Double.NEGATIVE_INFINITY, lanes);
            }
            s0 = s0.add(math(dv(whole ? a : lanes, whole ? from + i : 0).sub(mv), UnaryOp.EXP));
        }
        s0.intoArray(acc, 0);
        double lse = Math.log(addLanes(acc));
        DoubleVector lv = DoubleVector.broadcast(DS, lse);
        int bound = DS.loopBound(len);
        int i = 0;
        for (; i < bound; i += DL) {
            dv(a, from + i).sub(mv).sub(lv).intoArray(out, from + i);
        }
        for (; i < len; i++) {
            out[from + i] = (a[from + i] - m) - lse;
        }
    }

    private static void softmaxColumns(double[] a, int from, int len, int inner, double[] out, boolean log) {
        int j = 0;
        for (; j + DL <= inner; j += DL) {
            softmaxColumnVector(a, from + j, len, inner, out, log);
        }
        if (j < inner) {
            int count = inner - j;
            double[] packed = Scratch.get().doubles(len * DL);
            for (int l = 0; l < len; l++) {
                System.arraycopy(a, from + l * inner + j, packed, l * DL, count);
                Arrays.fill(packed, l * DL + count, (l + 1) * DL, 0d);
            }
            softmaxColumnVector(packed, 0, len, DL, packed, log);
            for (int l = 0; l < len; l++) {
                System.arraycopy(packed, l * DL, out, from + l * inner + j, count);
            }
        }
    }

    private static void softmaxColumnVector(double[] a, int at, int len, int stride, double[] out, boolean log) {
        DoubleVector m = dv(a, at);
        for (int l = 1, r = at + stride; l < len; l++, r += stride) {
            m = m.max(dv(a, r));
        }
        DoubleVector s = DoubleVector.zero(DS);
        for (int l = 0, r = at; l < len; l++, r += stride) {
            DoubleVector e = math(dv(a, r).sub(m), UnaryOp.EXP);
            if (!log) {
                e.intoArray(out, r);
            }
            s = s.add(e);
        }
        if (log) {
            DoubleVector lse = math(s, UnaryOp.LOG);
            for (int l = 0, r = at; l < len; l++, r += stride) {
                dv(a, r).sub(m).sub(lse).intoArray(out, r);
            }
        } else {
            for (int l = 0, r = at; l < len; l++, r += stride) {
                dv(out, r).div(s).intoArray(out, r);
            }
        }
    }

    @Override
    public void gatherRows(double[] table, int cols, int[] index, double[] out, int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(table, index[i] * cols, out, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(double[] src, int cols, int[] index, double[] table, int count) {
        for (int i = 0; i < count; i++) {
            binary(BinaryOp.ADD, table, src, i * cols, table, index[i] * cols, cols);
        }
    }

    @Override
    public void histogram(double[] a, int n, double min, double max, long[] counts) {
        int bins = counts.length;
        double width = (max - min) / bins;
        int i = 0;
        if (width > 0 && width < Double.POSITIVE_INFINITY && min > Double.NEGATIVE_INFINITY) {
            double[] bin = Scratch.get().doubleLanes;
            DoubleVector lo = DoubleVector.broadcast(DS, min);
            DoubleVector hi = DoubleVector.broadcast(DS, max);
            for (; i + DL <= n; i += DL) {
                DoubleVector v = dv(a, i);
                VectorMask<Double> inside = v.compare(VectorOperators.GE, lo).and(v.compare(VectorOperators.LE, hi));
                v.sub(lo).div(width).min(bins - 1).blend(-1, inside.not()).intoArray(bin, 0);
                count(bin, counts);
            }
        }
        for (; i < n; i++) {
            double v = a[i];
            if (v < min || v > max || Double.isNaN(v)) {
                continue;
            }
            int b = width > 0 ? (int) ((v - min) / width) : 0;
            counts[Math.min(b, bins - 1)]++;
        }
    }
}
