package dev.makemore.core.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.F2D;

/**
 * Every float32 {@link Kernels} contract on {@code jdk.incubator.vector}, in the preferred vector width
 * of the machine: 512 bits (16 floats) with AVX-512, 256 with AVX2, 128 with SSE or NEON. Matrix
 * multiplication lives in {@link Matmul}, exp and tanh in {@link VectorMath}; this class holds the
 * elementwise operations, reductions, softmax, embedding rows, BatchNorm's loops and histogram.
 * Float64, which only the gradient checks use, runs on {@link ScalarKernels}: one SIMD path to keep fast
 * and right, not two.
 *
 * <p>Rules the code follows, each for a reason:
 * <ul>
 *   <li>The same bits at every vector width. A lane's result never depends on which lanes are
 *       computed beside it: elementwise operations are IEEE operations per lane, and every
 *       reduction that adds ({@link #sum(float[], int)}, softmax's sum) keeps {@link #PARTIALS} partial
 *       sums, element {@code i} into partial {@code i mod 16}, then adds the partials in order, whether
 *       a block of 16 is one vector, two or four. Column reductions add each column down its rows, in
 *       order. So a run prints the same losses and samples at 128, 256 and 512 bits, and on JDK 17 and
 *       25 (which adds a vector's lanes in another order under {@code reduceLanes}: it is not used).</li>
 *   <li>One loop per operator. The Vector API turns {@code lanewise(op)} into SIMD instructions only
 *       when {@code op} is a constant where the JIT compiles it; a variable operator falls back to a
 *       per-lane Java loop some fifty times slower. So each {@code switch} sits outside its loops.</li>
 *   <li>Exact operations (+, -, *, /, sqrt, neg, abs) give bit-for-bit the result of
 *       {@link ScalarKernels}: there are no FMAs where the scalar code rounds twice, and the last
 *       {@code n mod L} elements run as scalar code. Exp and tanh are {@link VectorMath}'s, built from
 *       IEEE operations only (the same bits at every JIT tier, unlike the Vector API's own
 *       {@code lanewise(TANH)}, which is a native library under C2 and {@code Math} per lane before);
 *       their last partial vector is copied into a padded per-thread lane buffer and run through the
 *       same loop, so an input gives the same output whatever its position in the array.</li>
 *   <li>No masked loads or stores, and no conversion into a wider vector or into a second float
 *       species. Where masks are not native (AVX2, 128 bits) or the wider vector does not exist (a
 *       128-bit float vector widened whole needs a 256-bit double one), the Vector API falls back to
 *       boxed Java code, megabytes of garbage per training step; a float vector of another size makes
 *       the JIT's type profiles bimorphic, and the matmul kernels then box. Tails use the lane buffer;
 *       sums in double widen each float vector into the two double vectors of its halves, one size.
 *       BatchNorm's loops over a row of {@code d >= L} columns (200 or 100: a tail of 8 or 4 at 512
 *       bits, of 4 at 256) end instead with a whole vector at {@code d - L}, overlapping the one before
 *       it: a loop that writes recomputes the overlapped lanes bit for bit, a loop that adds blends
 *       -0.0 into them ({@link #stale}; -0.0 is an exact identity for addition, and a blend is a
 *       plain vector instruction at every width).</li>
 *   <li>{@code max}/{@code argmax} keep the oracle's NaN rules: {@code lanewise(MAX)} propagates NaN
 *       like {@link Math#max}, and indices are the first NaN, else the first maximum. (A maximum is
 *       exact, so its order does not matter.)</li>
 *   <li>Nothing allocates once compiled: vectors are locals that never cross a call C2 might not
 *       inline, and the few work arrays are per thread ({@link Scratch}, so two threads may run kernels
 *       at once).</li>
 * </ul>
 */
public final class VectorKernels implements Kernels {
    /**
     * Partial sums of every adding reduction: a fixed number, the lanes of the widest vector (512 bits
     * of floats), so that no width changes the order of a sum.
     */
    static final int PARTIALS = 16;
    private static final VectorSpecies<Float> FS = Hardware.FLOATS;
    private static final int FL = FS.length();
    /** Doubles of the same vector size: half as many lanes, for sums in double (see {@link #columnSums}). */
    private static final VectorSpecies<Double> DS = VectorMath.D;
    private static final int DL = DS.length();
    /** Column argmax carries lane indices as floats, exact up to 2^24. */
    private static final int FLOAT_EXACT_INTS = 1 << 24;
    /** {@code L} times true then {@code L} times false: {@link #stale}'s masks, read at an offset. */
    private static final boolean[] STALE = new boolean[2 * FL];
    /** -0.0 in every lane, what an overlapped lane adds (see {@link #stale}); a constant, not a broadcast per call. */
    private static final FloatVector MINUS_ZERO = FloatVector.broadcast(FS, -0f);

    static {
        java.util.Arrays.fill(STALE, 0, FL, true);
    }

    /** The scalar kernels, for the two contracts whose scalar loop is already the fast one. */
    private static final Kernels SCALAR = new ScalarKernels();

    /** Whether the vector kernels can run here: vectors of 4 to 16 floats (128 to 512 bits). */
    static boolean supported() {
        return FL >= 4 && FL <= PARTIALS && PARTIALS % FL == 0;
    }

    /** The vector kernels at the JVM's preferred vector width; they hold no state, so any instance serves any thread. */
    public VectorKernels() {
    }

    /**
     * Copies {@code a[i .. i + count)} into the lane buffer and fills its other lanes with {@code pad}:
     * the last, partial vector of a loop then runs as one full vector over the buffer. This is a masked
     * load without a mask, and unlike a scalar tail it evaluates tanh or exp with the same function as
     * the other lanes.
     */
    private static void pad(float[] a, int i, int count, float pad, float[] lanes) {
        System.arraycopy(a, i, lanes, 0, count);
        Arrays.fill(lanes, count, lanes.length, pad);
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

    // =====================================================================================
    // float32: elementwise
    // =====================================================================================

    /*
     * Float tanh and exp, the two functions of a training step, come from VectorMath: built from IEEE
     * operations only, so a kernel gives the same bits before and after the JIT compiles it (the JDK's
     * lanewise(TANH) is a native SIMD library under C2 where there is one (Intel's SVML on x86) but
     * Math per lane before, and the two differ in the last bit:
     * runs of the same command printed different losses).
     */

    /**
     * {@code op} lane by lane with {@link Math} (through {@link UnaryOp#apply(float)}): for the functions
     * off the training path (log in a column log-softmax). HotSpot
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
                    FloatVector.fromArray(FS, a, o + i).add(FloatVector.fromArray(FS, b, bo + i)).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, o + i).sub(FloatVector.fromArray(FS, b, bo + i)).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, o + i).mul(FloatVector.fromArray(FS, b, bo + i)).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, o + i).div(FloatVector.fromArray(FS, b, bo + i)).intoArray(out, o + i);
                }
            }
        }
        // The tail with the operator chosen once, not per element: embedding rows (10 wide) and the
        // output layer's rows (27) are mostly tail at 512 bits. Float + - * / give op.apply's bits.
        switch (op) {
            case ADD -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] / b[bo + i];
                }
            }
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
                    FloatVector.fromArray(FS, a, o + i).add(sv).intoArray(out, o + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, o + i).sub(sv).intoArray(out, o + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, o + i).mul(sv).intoArray(out, o + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, o + i).div(sv).intoArray(out, o + i);
                }
            }
        }
        switch (op) {
            case ADD -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] + s;
                }
            }
            case SUB -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] - s;
                }
            }
            case MUL -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] * s;
                }
            }
            case DIV -> {
                for (; i < n; i++) {
                    out[o + i] = a[o + i] / s;
                }
            }
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        int i = 0;
        int bound = FS.loopBound(n);
        FloatVector av = FloatVector.broadcast(FS, alpha);
        // Multiply, then add: not an FMA, so the result is PyTorch's `p.data += -lr * p.grad` to the bit.
        for (; i < bound; i += FL) {
            FloatVector.fromArray(FS, x, i).mul(av).add(FloatVector.fromArray(FS, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, float[] out, int n) {
        if (op == UnaryOp.EXP) {
            // exp is compiled alone, tail included (see VectorMath.exp).
            VectorMath.exp(a, out, n);
            return;
        }
        float[] lanes = Scratch.get().floatLanes;
        int bound = FS.loopBound(n);
        if (bound < n) {
            pad(a, bound, n - bound, 1f, lanes);
        }
        // The whole vectors, then the padded last one: one call site, so that C2 inlines the loops
        // (exp's among them) once, within its node budget, not twice.
        for (int part = 0; part < (bound < n ? 2 : 1); part++) {
            unaryVectors(op, part == 0 ? a : lanes, part == 0 ? out : lanes, part == 0 ? bound : FL);
        }
        if (bound < n) {
            System.arraycopy(lanes, 0, out, bound, n - bound);
        }
    }

    /** {@code out[i] = f(a[i])} for {@code i < bound}, a multiple of the vector length. */
    private static void unaryVectors(UnaryOp op, float[] a, float[] out, int bound) {
        switch (op) {
            case NEG -> {
                for (int i = 0; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, i).neg().intoArray(out, i);
                }
            }
            case ABS -> {
                for (int i = 0; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, i).abs().intoArray(out, i);
                }
            }
            case TANH -> VectorMath.tanh(a, 0, out, 0, bound);
            case EXP -> throw new AssertionError("exp runs in VectorMath.exp");
            case LOG -> {
                // Math.log per element (off the training path): the scalar oracle's bits at every JIT tier.
                for (int i = 0; i < bound; i++) {
                    out[i] = UnaryOp.LOG.apply(a[i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < bound; i += FL) {
                    FloatVector.fromArray(FS, a, i).sqrt().intoArray(out, i);
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
            // what PyTorch computes for x**2.
            for (int i = 0; i < bound; i += FL) {
                FloatVector v = FloatVector.fromArray(FS, a, i);
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
                FloatVector tv = FloatVector.fromArray(FS, t, i);
                one.sub(tv.mul(tv)).mul(FloatVector.fromArray(FS, g, i)).add(FloatVector.fromArray(FS, out, i)).intoArray(out, i);
            }
        } else {
            for (; i < bound; i += FL) {
                FloatVector tv = FloatVector.fromArray(FS, t, i);
                one.sub(tv.mul(tv)).mul(FloatVector.fromArray(FS, g, i)).intoArray(out, i);
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

    /**
     * Sum of {@code a[from .. from + n)} in double, in {@link #PARTIALS} partial sums (element {@code i}
     * into partial {@code i mod 16}, then the partials in order): as accurate as the scalar oracle's one
     * double accumulator, independent of the vector width, and with sixteen independent add chains.
     * Scalar code (C2 may vectorise the inner loop; the order per partial stays the same).
     */
    private static double sumOf(float[] a, int from, int n, double[] p) {
        Arrays.fill(p, 0d);
        int i = 0;
        for (; i + PARTIALS <= n; i += PARTIALS) {
            for (int q = 0; q < PARTIALS; q++) {
                p[q] += a[from + i + q];
            }
        }
        for (int q = 0; i < n; i++, q++) {
            p[q] += a[from + i];
        }
        return addPartials(p);
    }

    /** Sum of squared deviations from {@code mean} of {@code a[from .. from + n)}, in double, as {@link #sumOf}. */
    private static double squaresOf(float[] a, int from, int n, double mean, double[] p) {
        Arrays.fill(p, 0d);
        int i = 0;
        for (; i + PARTIALS <= n; i += PARTIALS) {
            for (int q = 0; q < PARTIALS; q++) {
                double d = a[from + i + q] - mean;
                p[q] += d * d;
            }
        }
        for (int q = 0; i < n; i++, q++) {
            double d = a[from + i] - mean;
            p[q] += d * d;
        }
        return addPartials(p);
    }

    private static double addPartials(double[] p) {
        double s = p[0];
        for (int q = 1; q < PARTIALS; q++) {
            s += p[q];
        }
        return s;
    }

    @Override
    public void sum(float[] a, int outer, int len, int inner, float[] out, boolean accumulate) {
        Scratch scratch = Scratch.get();
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double s = sumOf(a, o * len, len, scratch.doubleSum);
                out[o] = (float) (accumulate ? out[o] + s : s);
            } else {
                double[] s = columnSums(a, o * len * inner, len, inner, scratch);
                for (int j = 0; j < inner; j++) {
                    int at = o * inner + j;
                    out[at] = (float) (accumulate ? out[at] + s[j] : s[j]);
                }
            }
        }
    }

    /**
     * Column sums in double of the {@code (len, inner)} block at {@code a[from]}, each column down its
     * rows in order (so independent of the vector width), in a scratch array of {@code inner} doubles.
     * Row by row, a lane per column: each float vector widens into two double vectors of the same
     * width (its two halves: a conversion that stays within one vector size, compiled to SIMD at
     * every width); the last {@code inner mod L} columns add the same way in scalar code.
     */
    private static double[] columnSums(float[] a, int from, int len, int inner, Scratch scratch) {
        double[] s = scratch.doubles(inner);
        Arrays.fill(s, 0, inner, 0d);
        int vectors = inner < FL ? 0 : inner;
        VectorMask<Float> stale = stale(inner);
        for (int l = 0, r = from; l < len; l++, r += inner) {
            for (int j = 0; j < vectors; j += FL) {
                int c = Math.min(j, inner - FL);
                FloatVector x = FloatVector.fromArray(FS, a, r + c);
                if (c != j) {
                    x = x.blend(MINUS_ZERO, stale); // widens to -0.0, which adds nothing
                }
                ((DoubleVector) x.convertShape(F2D, DS, 0)).add(DoubleVector.fromArray(DS, s, c)).intoArray(s, c);
                ((DoubleVector) x.convertShape(F2D, DS, 1)).add(DoubleVector.fromArray(DS, s, c + DL))
                        .intoArray(s, c + DL);
            }
            for (int j = vectors; j < inner; j++) {
                s[j] += a[r + j];
            }
        }
        return s;
    }

    @Override
    public double variance(float[] a, int n, boolean unbiased) {
        double[] acc = Scratch.get().doubleSum;
        double mean = sumOf(a, 0, n, acc) / n;
        return squaresOf(a, 0, n, mean, acc) / (unbiased ? n - 1 : n);
    }

    @Override
    public void variance(float[] a, int outer, int len, int inner, boolean unbiased, float[] out, float[] sums) {
        Scratch scratch = Scratch.get();
        int divisor = unbiased ? len - 1 : len;
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                double sum = sumOf(a, o * len, len, scratch.doubleSum);
                if (sums != null) {
                    sums[o] = (float) sum;
                }
                out[o] = (float) (squaresOf(a, o * len, len, sum / len, scratch.doubleSum) / divisor);
            } else {
                varianceColumns(a, o * len * inner, len, inner, divisor, out, sums, o * inner, scratch);
            }
        }
    }

    /**
     * Column variances, two passes (the means, then the squared deviations), each as {@link #columnSums};
     * the column sums into {@code sums} unless null.
     */
    private static void varianceColumns(float[] a, int from, int len, int inner, int divisor, float[] out,
            float[] sums, int to, Scratch scratch) {
        double[] mean = columnSums(a, from, len, inner, scratch);
        for (int j = 0; j < inner; j++) {
            if (sums != null) {
                sums[to + j] = (float) mean[j];
            }
            mean[j] /= len;
        }
        double[] q = scratch.moreDoubles(inner);
        Arrays.fill(q, 0, inner, 0d);
        int vectors = inner < FL ? 0 : inner;
        // The overlapped lanes of the last vector add d * d * 0 = +0 (q is never -0): a product, as a
        // mask of two doubles is not SIMD at 128 bits on JDK 17. d * d is finite (d is a float minus a
        // mean) or NaN, and NaN only in a column whose sum is NaN already.
        double[] keep = scratch.keep;
        for (int l = 0; l < FL; l++) {
            keep[l] = STALE[staleFrom(inner) + l] ? 0 : 1;
        }
        DoubleVector keep0 = DoubleVector.fromArray(DS, keep, 0);
        DoubleVector keep1 = DoubleVector.fromArray(DS, keep, DL);
        for (int l = 0, r = from; l < len; l++, r += inner) {
            for (int j = 0; j < vectors; j += FL) {
                int c = Math.min(j, inner - FL);
                FloatVector x = FloatVector.fromArray(FS, a, r + c);
                DoubleVector d0 = ((DoubleVector) x.convertShape(F2D, DS, 0)).sub(DoubleVector.fromArray(DS, mean, c));
                DoubleVector d1 = ((DoubleVector) x.convertShape(F2D, DS, 1)).sub(DoubleVector.fromArray(DS, mean, c + DL));
                DoubleVector q0 = d0.mul(d0);
                DoubleVector q1 = d1.mul(d1);
                if (c != j) {
                    q0 = q0.mul(keep0);
                    q1 = q1.mul(keep1);
                }
                q0.add(DoubleVector.fromArray(DS, q, c)).intoArray(q, c);
                q1.add(DoubleVector.fromArray(DS, q, c + DL)).intoArray(q, c + DL);
            }
            for (int j = vectors; j < inner; j++) {
                double d = a[r + j] - mean[j];
                q[j] += d * d;
            }
        }
        for (int j = 0; j < inner; j++) {
            out[to + j] = (float) (q[j] / divisor);
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
            FloatVector m0 = FloatVector.fromArray(FS, a, from);
            FloatVector m1 = m0;
            for (i = FL; i + 2 * FL <= n; i += 2 * FL) {
                m0 = m0.max(FloatVector.fromArray(FS, a, from + i));
                m1 = m1.max(FloatVector.fromArray(FS, a, from + i + FL));
            }
            for (; i + FL <= n; i += FL) {
                m0 = m0.max(FloatVector.fromArray(FS, a, from + i));
            }
            if (i < n) {
                // The last vector at n - L overlaps the ones before it: a maximum may see a value twice.
                m0 = m0.max(FloatVector.fromArray(FS, a, from + n - FL));
            }
            return m0.max(m1).reduceLanes(VectorOperators.MAX);
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
                FloatVector v = FloatVector.fromArray(FS, a, from + i);
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
                VectorMask<Float> hit = FloatVector.fromArray(FS, a, from + i).compare(VectorOperators.EQ, m);
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
                FloatVector m = FloatVector.fromArray(FS, a, from + j);
                FloatVector at = FloatVector.zero(FS);
                for (int l = 1, r = from + inner + j; l < len; l++, r += inner) {
                    FloatVector v = FloatVector.fromArray(FS, a, r);
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
        softmax(a, outer, len, inner, out, VectorMath.Form.SOFTMAX);
    }

    @Override
    public void logSoftmax(float[] a, int outer, int len, int inner, float[] out) {
        softmax(a, outer, len, inner, out, VectorMath.Form.LOG_SOFTMAX);
    }

    /**
     * Softmax or log-softmax over the middle dimension. Over contiguous rows ({@code inner == 1}, the
     * lecture's case) in PyTorch's order of operations: {@code x - max} rounded in float, then exp, a
     * float sum, a division or {@code (x - max) - log(sum)}; so results differ from PyTorch's only by
     * the exp implementation ({@link VectorMath#exp(VectorMath.Form, float[], int, int, float[], float[],
     * float[], float[])}, which takes every row at once, the maxima first).
     */
    private static void softmax(float[] a, int outer, int len, int inner, float[] out, VectorMath.Form form) {
        if (inner != 1) {
            for (int o = 0; o < outer; o++) {
                softmaxColumns(a, o * len * inner, len, inner, out, form == VectorMath.Form.LOG_SOFTMAX);
            }
            return;
        }
        Scratch scratch = Scratch.get();
        float[] max = scratch.floats(outer);
        for (int o = 0; o < outer; o++) {
            max[o] = maxOf(a, o * len, len);
        }
        float[] padded = scratch.padded(outer * PARTIALS);
        VectorMath.padTails(a, outer, len, padded);
        VectorMath.exp(form, a, outer, len, max, out, padded, scratch.moreFloats(outer * PARTIALS));
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
        FloatVector m = FloatVector.fromArray(FS, a, at);
        for (int l = 1, r = at + stride; l < len; l++, r += stride) {
            m = m.max(FloatVector.fromArray(FS, a, r));
        }
        FloatVector s = FloatVector.zero(FS);
        for (int l = 0, r = at; l < len; l++, r += stride) {
            FloatVector e = VectorMath.expVector(FloatVector.fromArray(FS, a, r).sub(m));
            if (!log) {
                e.intoArray(out, r);
            }
            s = s.add(e);
        }
        if (log) {
            FloatVector lse = math(s, UnaryOp.LOG);
            for (int l = 0, r = at; l < len; l++, r += stride) {
                FloatVector.fromArray(FS, a, r).sub(m).sub(lse).intoArray(out, r);
            }
        } else {
            for (int l = 0, r = at; l < len; l++, r += stride) {
                FloatVector.fromArray(FS, out, r).div(s).intoArray(out, r);
            }
        }
    }

    // =====================================================================================
    // float32: embedding rows, histogram
    // =====================================================================================

    @Override
    public void gatherRows(float[] table, int cols, int[] index, float[] out, int count) {
        SCALAR.gatherRows(table, cols, index, out, count);
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
        // Diagnostics only, and one pass: the scalar rule (a vector form would widen floats to doubles).
        SCALAR.histogram(a, n, min, max, counts);
    }

    // =====================================================================================
    // float32: BatchNorm over dimension 0
    // =====================================================================================

    @Override
    public void batchNorm(float[] x, float[] mean, float[] std, float[] gamma, float[] beta, float[] out, int n, int d) {
        int vectors = overwriting(x, out, d);
        for (int r = 0; r < n * d; r += d) {
            if (gamma == null) {
                for (int j = 0; j < vectors; j += FL) {
                    int c = Math.min(j, d - FL);
                    FloatVector.fromArray(FS, x, r + c).sub(FloatVector.fromArray(FS, mean, c)).div(FloatVector.fromArray(FS, std, c)).intoArray(out, r + c);
                }
                for (int j = vectors; j < d; j++) {
                    out[r + j] = (x[r + j] - mean[j]) / std[j];
                }
            } else {
                for (int j = 0; j < vectors; j += FL) {
                    int c = Math.min(j, d - FL);
                    FloatVector.fromArray(FS, x, r + c).sub(FloatVector.fromArray(FS, mean, c)).div(FloatVector.fromArray(FS, std, c)).mul(FloatVector.fromArray(FS, gamma, c)).add(FloatVector.fromArray(FS, beta, c))
                            .intoArray(out, r + c);
                }
                for (int j = vectors; j < d; j++) {
                    out[r + j] = gamma[j] * ((x[r + j] - mean[j]) / std[j]) + beta[j];
                }
            }
        }
    }

    /**
     * How far a loop that writes {@code out} from {@code x}, row by row, runs whole vectors: to the end
     * of the row, its last vector at {@code d - L} recomputing lanes already written, unless
     * {@code out} is {@code x} (the recomputed lanes would read outputs) or a row is narrower than a
     * vector; then the whole vectors only, the rest in scalar code.
     */
    private static int overwriting(float[] x, float[] out, int d) {
        return d >= FL && out != x ? d : FS.loopBound(d);
    }

    /**
     * The lanes of a row's last vector, placed at {@code d - L}, that the vector before it already
     * covered: the first {@code L - d mod L} (none when {@code L} divides {@code d}).
     */
    private static VectorMask<Float> stale(int d) {
        return VectorMask.fromArray(FS, STALE, staleFrom(d));
    }

    /** Where {@link #STALE} holds the stale lanes of a row of {@code d} (see {@link #stale}). */
    private static int staleFrom(int d) {
        return FL - (FL - d % FL) % FL;
    }

    @Override
    public void batchNormInline(float[] x, float[] mean, float[] std, float[] gain, float[] bias, float[] out, int n,
            int d) {
        int vectors = overwriting(x, out, d);
        for (int r = 0; r < n * d; r += d) {
            for (int j = 0; j < vectors; j += FL) {
                int c = Math.min(j, d - FL);
                FloatVector.fromArray(FS, gain, c).mul(FloatVector.fromArray(FS, x, r + c).sub(FloatVector.fromArray(FS, mean, c))).div(FloatVector.fromArray(FS, std, c)).add(FloatVector.fromArray(FS, bias, c)).intoArray(out, r + c);
            }
            for (int j = vectors; j < d; j++) {
                out[r + j] = gain[j] * (x[r + j] - mean[j]) / std[j] + bias[j];
            }
        }
    }

    @Override
    public void batchNormBackward(float[] g, float[] x, float[] mean, float[] inv, float[] a, double correction,
            float[] sumG, float[] sumGX, float[] dx, int n, int d) {
        Arrays.fill(sumG, 0, d, 0f);
        Arrays.fill(sumGX, 0, d, 0f);
        int vectors = d < FL ? 0 : d;
        VectorMask<Float> stale = stale(d);
        for (int r = 0; r < n * d; r += d) {
            for (int j = 0; j < vectors; j += FL) {
                int c = Math.min(j, d - FL);
                FloatVector gv = FloatVector.fromArray(FS, g, r + c);
                FloatVector xhat = FloatVector.fromArray(FS, x, r + c).sub(FloatVector.fromArray(FS, mean, c)).mul(FloatVector.fromArray(FS, inv, c));
                FloatVector gx = gv.mul(xhat);
                if (c != j) {
                    gv = gv.blend(MINUS_ZERO, stale);
                    gx = gx.blend(MINUS_ZERO, stale);
                }
                gv.add(FloatVector.fromArray(FS, sumG, c)).intoArray(sumG, c);
                gx.add(FloatVector.fromArray(FS, sumGX, c)).intoArray(sumGX, c);
            }
            for (int j = vectors; j < d; j++) {
                float xhat = (x[r + j] - mean[j]) * inv[j];
                sumG[j] += g[r + j];
                sumGX[j] += g[r + j] * xhat;
            }
        }
        if (dx == null) {
            return;
        }
        float[] bk = Scratch.get().floats(2 * d);
        ScalarKernels.batchNormCoefficients(sumG, sumGX, correction, n, bk, d);
        for (int r = 0; r < n * d; r += d) {
            for (int j = 0; j < vectors; j += FL) {
                int c = Math.min(j, d - FL);
                FloatVector xhat = FloatVector.fromArray(FS, x, r + c).sub(FloatVector.fromArray(FS, mean, c)).mul(FloatVector.fromArray(FS, inv, c));
                FloatVector v = FloatVector.fromArray(FS, g, r + c).sub(FloatVector.fromArray(FS, bk, c)).sub(xhat.mul(FloatVector.fromArray(FS, bk, d + c))).mul(FloatVector.fromArray(FS, a, c));
                if (c != j) {
                    v = v.blend(MINUS_ZERO, stale);
                }
                v.add(FloatVector.fromArray(FS, dx, r + c)).intoArray(dx, r + c);
            }
            for (int j = vectors; j < d; j++) {
                float xhat = (x[r + j] - mean[j]) * inv[j];
                dx[r + j] += a[j] * (g[r + j] - bk[j] - xhat * bk[d + j]);
            }
        }
    }
}
