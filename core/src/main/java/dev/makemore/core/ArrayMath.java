package dev.makemore.core;

import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.Kernels;
import dev.makemore.core.kernels.ScalarKernels;
import dev.makemore.core.kernels.UnaryOp;

/**
 * Arithmetic on {@link NdArray}s: checks shapes and types once, then hands the raw storage to the
 * {@link Kernels} in use. Autograd's forward and backward passes are written against this class, so
 * they read in tensors while the kernels stay plain loops over arrays.
 *
 * <p>Outputs are passed in (and may be reused across training steps, so the hot loop need not
 * allocate); {@code accumulate} adds into the output instead of overwriting it.
 */
public final class ArrayMath {
    /** Float32 runs on the kernels in use: vector unless {@code -Dmakemore.kernels=scalar}. */
    private static final Kernels K = Kernels.get();
    /**
     * Float64, which only the gradient checks use, runs on the scalar kernels' loops over
     * {@code double[]} (there is no float64 SIMD path: one to keep fast and right, not two).
     */
    private static final ScalarKernels F64 = new ScalarKernels();

    private ArrayMath() {
    }

    /** The kernels this class dispatches float32 arrays to. */
    public static Kernels kernels() {
        return K;
    }

    // ---- matrix multiplication ----

    /**
     * {@code out (+)= a . b} for 2-D arrays: the forward {@code x @ W}. The message on mismatch reads
     * like the lecture would want it: {@code matmul: (32, 30) @ (20, 200): inner dimensions 30 and 20 differ}.
     */
    public static void matmul(NdArray a, NdArray b, NdArray out, boolean accumulate) {
        matmul(Form.AB, a, b, out, accumulate);
    }

    /** {@code out (+)= a^T . b}: the weight gradient {@code x^T . dout}. */
    public static void matmulTransA(NdArray a, NdArray b, NdArray out, boolean accumulate) {
        matmul(Form.ATB, a, b, out, accumulate);
    }

    /** {@code out (+)= a . b^T}: the input gradient {@code dout . W^T}. */
    public static void matmulTransB(NdArray a, NdArray b, NdArray out, boolean accumulate) {
        matmul(Form.ABT, a, b, out, accumulate);
    }

    /** The three products backprop needs ({@code A^T . B^T} it does not). */
    private enum Form {
        AB, ATB, ABT
    }

    private static void matmul(Form form, NdArray a, NdArray b, NdArray out, boolean accumulate) {
        requireRank(a, 2, "matmul");
        requireRank(b, 2, "matmul");
        sameType(a, b, "matmul");
        sameType(a, out, "matmul");
        boolean transA = form == Form.ATB, transB = form == Form.ABT;
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: " + a.shape() + (transA ? "^T" : "") + " @ " + b.shape()
                    + (transB ? "^T" : "") + ": inner dimensions " + k + " and " + kb + " differ");
        }
        if (out.rank() != 2 || out.dim(0) != m || out.dim(1) != n) {
            throw new IllegalArgumentException("matmul: output shape " + out.shape() + ", expected (" + m + ", " + n + ")");
        }
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floats(), y = b.floats(), z = out.floats();
            switch (form) {
                case AB -> K.matmul(x, y, z, m, k, n, accumulate);
                case ATB -> K.matmulTransA(x, y, z, m, k, n, accumulate);
                case ABT -> K.matmulTransB(x, y, z, m, k, n, accumulate);
            }
        } else {
            double[] x = a.doubles(), y = b.doubles(), z = out.doubles();
            switch (form) {
                case AB -> F64.matmul(x, y, z, m, k, n, accumulate);
                case ATB -> F64.matmulTransA(x, y, z, m, k, n, accumulate);
                case ABT -> F64.matmulTransB(x, y, z, m, k, n, accumulate);
            }
        }
    }

    // ---- elementwise ----

    /**
     * How an operand {@code b} stretches over {@code a}'s shape in an elementwise op. PyTorch's
     * broadcasting in general aligns shapes from the right; the lecture needs these four cases.
     */
    public enum Broadcast {
        /** Same number of elements in the same layout. */
        SAME,
        /** {@code b} is one row, {@code (D)} or {@code (1, D)}, repeated down {@code a}'s rows. */
        ROW,
        /** {@code b} is one column, {@code (N, 1)}, repeated across {@code a}'s columns. */
        COLUMN,
        /** {@code b} has one element. */
        SCALAR
    }

    /**
     * Classifies how {@code b} broadcasts against {@code a}, or returns {@code null} when it does not
     * in any of the supported forms (callers then report both shapes).
     */
    public static Broadcast broadcast(Shape a, Shape b) {
        if (a.equals(b)) {
            return Broadcast.SAME;
        }
        if (b.size() == 1 && b.rank() <= a.rank()) {
            return Broadcast.SCALAR;
        }
        if (a.rank() == 0) {
            return null;
        }
        int cols = a.dim(-1);
        boolean bIsRow = b.size() == cols && b.rank() >= 1 && b.dim(-1) == cols && b.rank() <= a.rank()
                && leadingOnes(b, b.rank() - 1);
        if (bIsRow) {
            return Broadcast.ROW;
        }
        // b.size() * cols, not a.size() / cols: an empty last dimension (cols 0) must not divide by zero.
        if (a.rank() >= 2 && b.rank() == a.rank() && b.dim(-1) == 1 && (long) b.size() * cols == a.size()) {
            Shape aRows = a.reduce(-1, true);
            if (aRows.equals(b)) {
                return Broadcast.COLUMN;
            }
        }
        return null;
    }

    private static boolean leadingOnes(Shape s, int count) {
        for (int i = 0; i < count; i++) {
            if (s.dim(i) != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code out = a op b} with {@code b} broadcast over {@code a}'s shape; {@code out} has {@code a}'s shape. */
    public static void binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
        sameType(a, b, op);
        sameType(a, out, op);
        var form = broadcast(a.shape(), b.shape());
        if (form == null) {
            throw new IllegalArgumentException(name(op) + ": shapes " + a.shape() + " and " + b.shape()
                    + " do not broadcast");
        }
        requireSize(out, a.size(), op);
        int n = a.size();
        int cols = a.rank() == 0 ? 1 : a.dim(-1);
        int rows = cols == 0 ? 0 : n / cols;
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floats(), y = b.floats(), z = out.floats();
            switch (form) {
                case SAME -> K.binary(op, x, y, z, n);
                case ROW -> K.binaryRow(op, x, y, z, rows, cols);
                case COLUMN -> K.binaryColumn(op, x, y, z, rows, cols);
                case SCALAR -> K.binaryScalar(op, x, y[0], z, n);
            }
        } else {
            double[] x = a.doubles(), y = b.doubles(), z = out.doubles();
            switch (form) {
                case SAME -> F64.binary(op, x, y, z, n);
                case ROW -> F64.binaryRow(op, x, y, z, rows, cols);
                case COLUMN -> F64.binaryColumn(op, x, y, z, rows, cols);
                case SCALAR -> F64.binaryScalar(op, x, y[0], z, n);
            }
        }
    }

    /** {@code out = a op s}. */
    public static void binary(BinaryOp op, NdArray a, double s, NdArray out) {
        requireLike(a, out, op);
        if (a.dtype() == DType.FLOAT32) {
            K.binaryScalar(op, a.floats(), (float) s, out.floats(), a.size());
        } else {
            F64.binaryScalar(op, a.doubles(), s, out.doubles(), a.size());
        }
    }

    /** {@code y += alpha * x}: the SGD update and gradient accumulation. */
    public static void axpy(double alpha, NdArray x, NdArray y) {
        requireLike(x, y, "axpy");
        if (x.dtype() == DType.FLOAT32) {
            K.axpy((float) alpha, x.floats(), y.floats(), x.size());
        } else {
            F64.axpy(alpha, x.doubles(), y.doubles(), x.size());
        }
    }

    /** {@code out = f(a)} elementwise. */
    public static void unary(UnaryOp op, NdArray a, NdArray out) {
        requireLike(a, out, op);
        if (a.dtype() == DType.FLOAT32) {
            K.unary(op, a.floats(), out.floats(), a.size());
        } else {
            F64.unary(op, a.doubles(), out.doubles(), a.size());
        }
    }

    /** {@code out = a^p} elementwise. */
    public static void pow(NdArray a, double p, NdArray out) {
        requireLike(a, out, "pow");
        if (a.dtype() == DType.FLOAT32) {
            K.pow(a.floats(), (float) p, out.floats(), a.size());
        } else {
            F64.pow(a.doubles(), p, out.doubles(), a.size());
        }
    }

    /** {@code out (+)= (1 - t^2) * g}: tanh's local gradient times the upstream one. */
    public static void tanhBackward(NdArray t, NdArray g, NdArray out, boolean accumulate) {
        requireLike(t, g, "tanh backward");
        requireLike(t, out, "tanh backward");
        if (t.dtype() == DType.FLOAT32) {
            K.tanhBackward(t.floats(), g.floats(), out.floats(), t.size(), accumulate);
        } else {
            F64.tanhBackward(t.doubles(), g.doubles(), out.doubles(), t.size(), accumulate);
        }
    }

    // ---- reductions ----

    /** Sum of every element, accumulated in double. */
    public static double sum(NdArray a) {
        return a.dtype() == DType.FLOAT32 ? K.sum(a.floats(), a.size()) : F64.sum(a.doubles(), a.size());
    }

    /** Mean of every element. */
    public static double mean(NdArray a) {
        return sum(a) / a.size();
    }

    /** Variance of every element, unbiased (divisor n - 1) as PyTorch's default, or biased. */
    public static double variance(NdArray a, boolean unbiased) {
        return a.dtype() == DType.FLOAT32
                ? K.variance(a.floats(), a.size(), unbiased)
                : F64.variance(a.doubles(), a.size(), unbiased);
    }

    /** {@code out (+)= a.sum(dim)}; {@code out} holds {@code a.size() / a.dim(dim)} elements in any shape. */
    public static void sum(NdArray a, int dim, NdArray out, boolean accumulate) {
        var axis = reduction(a, dim, out, "sum");
        if (a.dtype() == DType.FLOAT32) {
            K.sum(a.floats(), axis.outer(), axis.len(), axis.inner(), out.floats(), accumulate);
        } else {
            F64.sum(a.doubles(), axis.outer(), axis.len(), axis.inner(), out.doubles(), accumulate);
        }
    }

    /** {@code out = a.var(dim, unbiased)}. */
    public static void variance(NdArray a, int dim, boolean unbiased, NdArray out) {
        sumAndVariance(a, dim, unbiased, null, out);
    }

    /**
     * {@code sums = a.sum(dim)} (unless null) and {@code out = a.var(dim, unbiased)}, the same bits as
     * {@link #sum(NdArray, int, NdArray, boolean)} and {@link #variance(NdArray, int, boolean, NdArray)}
     * but one pass fewer over {@code a}: a batch's mean and variance for BatchNorm.
     */
    public static void sumAndVariance(NdArray a, int dim, boolean unbiased, NdArray sums, NdArray out) {
        var axis = reduction(a, dim, out, "var");
        if (sums != null) {
            requireLike(out, sums, "var");
        }
        if (a.dtype() == DType.FLOAT32) {
            K.variance(a.floats(), axis.outer(), axis.len(), axis.inner(), unbiased, out.floats(),
                    sums == null ? null : sums.floats());
        } else {
            F64.variance(a.doubles(), axis.outer(), axis.len(), axis.inner(), unbiased, out.doubles(),
                    sums == null ? null : sums.doubles());
        }
    }

    /** Largest element (NaN if any is NaN). */
    public static double max(NdArray a) {
        return a.dtype() == DType.FLOAT32 ? K.max(a.floats(), a.size()) : F64.max(a.doubles(), a.size());
    }

    /** Flat index of the first largest element, as {@code torch.argmax} without a dimension. */
    public static int argmax(NdArray a) {
        return a.dtype() == DType.FLOAT32 ? K.argmax(a.floats(), a.size()) : F64.argmax(a.doubles(), a.size());
    }

    /** {@code values, indices = a.max(dim)}. */
    public static void max(NdArray a, int dim, NdArray values, int[] indices) {
        var axis = reduction(a, dim, values, "max");
        if (indices.length != values.size()) {
            throw new IllegalArgumentException("max: indices hold " + indices.length + ", expected " + values.size());
        }
        if (axis.len() == 0) {
            throw new IllegalArgumentException("max: cannot reduce over an empty dimension of shape " + a.shape());
        }
        if (a.dtype() == DType.FLOAT32) {
            K.max(a.floats(), axis.outer(), axis.len(), axis.inner(), values.floats(), indices);
        } else {
            F64.max(a.doubles(), axis.outer(), axis.len(), axis.inner(), values.doubles(), indices);
        }
    }

    // ---- softmax ----

    /** {@code out = softmax(a, dim)}, stable for large logits. */
    public static void softmax(NdArray a, int dim, NdArray out) {
        requireLike(a, out, "softmax");
        var axis = Axis.of(a, dim);
        if (a.dtype() == DType.FLOAT32) {
            K.softmax(a.floats(), axis.outer(), axis.len(), axis.inner(), out.floats());
        } else {
            F64.softmax(a.doubles(), axis.outer(), axis.len(), axis.inner(), out.doubles());
        }
    }

    /** {@code out = log_softmax(a, dim)}, stable for large logits. */
    public static void logSoftmax(NdArray a, int dim, NdArray out) {
        requireLike(a, out, "log_softmax");
        var axis = Axis.of(a, dim);
        if (a.dtype() == DType.FLOAT32) {
            K.logSoftmax(a.floats(), axis.outer(), axis.len(), axis.inner(), out.floats());
        } else {
            F64.logSoftmax(a.doubles(), axis.outer(), axis.len(), axis.inner(), out.doubles());
        }
    }

    // ---- embedding lookup ----

    /**
     * {@code out = table[index]}: row {@code index[i]} of the 2-D {@code table} for every index, as the
     * lecture's {@code emb = C[Xb]}; {@code out} has shape {@code index.shape + (table.dim(1))}.
     * Indices outside the table are reported with their position.
     */
    public static void gatherRows(NdArray table, IntArray index, NdArray out) {
        requireRank(table, 2, "index");
        sameType(table, out, "index");
        checkIndices(table.dim(0), index);
        int cols = table.dim(1);
        requireSize(out, index.size() * cols, "index");
        if (table.dtype() == DType.FLOAT32) {
            K.gatherRows(table.floats(), cols, index.data(), out.floats(), index.size());
        } else {
            F64.gatherRows(table.doubles(), cols, index.data(), out.doubles(), index.size());
        }
    }

    /** {@code table[index[i]] += src[i]}: the gradient of {@link #gatherRows}. */
    public static void scatterAddRows(NdArray src, IntArray index, NdArray table) {
        requireRank(table, 2, "index backward");
        sameType(table, src, "index backward");
        checkIndices(table.dim(0), index);
        int cols = table.dim(1);
        requireSize(src, index.size() * cols, "index backward");
        if (table.dtype() == DType.FLOAT32) {
            K.scatterAddRows(src.floats(), cols, index.data(), table.floats(), index.size());
        } else {
            F64.scatterAddRows(src.doubles(), cols, index.data(), table.doubles(), index.size());
        }
    }

    private static void checkIndices(int rows, IntArray index) {
        int[] ix = index.data();
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] < 0 || ix[i] >= rows) {
                throw new IndexOutOfBoundsException("index " + ix[i] + " is out of bounds for dimension 0 with size "
                        + rows + " (at position " + i + " of the index array of shape " + index.shape() + ")");
            }
        }
    }

    // ---- histogram ----

    /** Counts of {@code a} in {@code bins} equal bins over {@code [min, max]} (last bin closed). */
    public static long[] histogram(NdArray a, int bins, double min, double max) {
        if (bins <= 0) {
            throw new IllegalArgumentException("histogram: bins must be positive, got " + bins);
        }
        long[] counts = new long[bins];
        if (a.dtype() == DType.FLOAT32) {
            K.histogram(a.floats(), a.size(), min, max, counts);
        } else {
            F64.histogram(a.doubles(), a.size(), min, max, counts);
        }
        return counts;
    }

    // ---- checks ----

    /**
     * {@code a}'s shape seen around dimension {@code dim} as the kernels take it: {@code len} elements
     * along it, between {@code outer} leading and {@code inner} trailing ones.
     */
    private record Axis(int outer, int len, int inner) {
        static Axis of(NdArray a, int dim) {
            var s = a.shape();
            return new Axis(s.outer(dim), s.dim(dim), s.inner(dim));
        }
    }

    /** The axis of a reduction of {@code a} over {@code dim} into {@code out}, once {@code out} fits it. */
    private static Axis reduction(NdArray a, int dim, NdArray out, String op) {
        sameType(a, out, op);
        var axis = Axis.of(a, dim);
        requireSize(out, axis.outer() * axis.inner(), op);
        return axis;
    }

    /** {@code b} has {@code a}'s dtype and as many elements, as an elementwise op's operand or output needs. */
    private static void requireLike(NdArray a, NdArray b, Object op) {
        sameType(a, b, op);
        requireSize(b, a.size(), op);
    }

    /** PyTorch's name of an operation for messages ({@code add}, {@code tanh}), built only when a check fails. */
    private static String name(Object op) {
        return op instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : op.toString();
    }

    private static void requireRank(NdArray a, int rank, String op) {
        if (a.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected a " + rank + "-D array, got shape " + a.shape());
        }
    }

    private static void sameType(NdArray a, NdArray b, Object op) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(name(op) + ": expected both operands to be of the same dtype, got "
                    + a.dtype().torchName() + " and " + b.dtype().torchName());
        }
    }

    private static void requireSize(NdArray out, int size, Object op) {
        if (out.size() != size) {
            throw new IllegalArgumentException(name(op) + ": output shape " + out.shape() + " holds " + out.size()
                    + " elements, expected " + size);
        }
    }
}
