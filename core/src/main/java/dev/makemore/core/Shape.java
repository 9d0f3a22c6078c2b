package dev.makemore.core;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The dimensions of a dense row-major array, printed the way PyTorch prints {@code tensor.shape}
 * without the {@code torch.Size} wrapper: {@code (32, 30)}, {@code (200)}, {@code ()} for a scalar.
 * Immutable; the defensive copy keeps a shape from changing under a tensor that holds it.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d + " in shape " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** The shape of a 0-dimensional tensor (one element), as {@code loss} in the lecture. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end as in PyTorch. */
    public int dim(int i) {
        return dims[normalizeDim(i)];
    }

    /** Total number of elements (1 for a scalar). */
    public int size() {
        return size;
    }

    /**
     * True for {@code (n)} and {@code (1, n)}: the shapes a per-unit vector may take, such as a
     * Linear's bias or a BatchNorm statistic (the lecture keeps both as {@code (1, n)} rows, PyTorch
     * as {@code (n)}).
     */
    public boolean isRowOf(int n) {
        return size == n && rank() >= 1 && rank() <= 2 && dims[rank() - 1] == n;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * Maps a possibly negative dimension index to {@code 0..rank-1}, PyTorch style, or throws
     * naming the shape and the allowed range.
     */
    public int normalizeDim(int dim) {
        int r = dims.length;
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r) {
            throw new IllegalArgumentException("dimension " + dim + " out of range for shape " + this
                    + " (expected to be in range of [" + (-r) + ", " + (r - 1) + "])");
        }
        return d;
    }

    /** Product of the dimensions before {@code dim}. */
    public int outer(int dim) {
        int n = 1;
        int d = normalizeDim(dim);
        for (int i = 0; i < d; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Product of the dimensions after {@code dim}. */
    public int inner(int dim) {
        int n = 1;
        for (int i = normalizeDim(dim) + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** This shape with dimension {@code dim} set to 1 ({@code keepdim=True}) or removed. */
    public Shape reduce(int dim, boolean keepdim) {
        int d = normalizeDim(dim);
        if (keepdim) {
            int[] out = dims.clone();
            out[d] = 1;
            return new Shape(out);
        }
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != d) {
                out[j++] = dims[i];
            }
        }
        return of(out);
    }

    /**
     * Resolves a requested view shape against this one: at most one {@code -1} is inferred, as in
     * {@code emb.view(N, -1)}; throws naming both shapes when the element counts differ.
     */
    public Shape view(int... request) {
        int[] out = request.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("view: only one dimension can be inferred, got "
                            + Arrays.toString(request));
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("view: invalid dimension " + out[i] + " in " + Arrays.toString(request));
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("view: shape " + format(request) + " is invalid for input of size "
                        + size + " (shape " + this + ")");
            }
            out[infer] = (int) (size / known);
            known *= out[infer];
        }
        if (known != size) {
            throw new IllegalArgumentException("view: shape " + format(request) + " is invalid for input of size "
                    + size + " (shape " + this + ")");
        }
        return of(out);
    }

    /** Concatenation of two shapes, as the shape of {@code C[X]} is {@code X.shape + C.shape[1:]}. */
    public Shape concat(Shape other) {
        int[] out = Arrays.copyOf(dims, dims.length + other.dims.length);
        System.arraycopy(other.dims, 0, out, dims.length, other.dims.length);
        return of(out);
    }

    /** The dimensions from {@code from} (inclusive) to the end. */
    public Shape suffix(int from) {
        return of(Arrays.copyOfRange(dims, from, dims.length));
    }

    private static String format(int[] dims) {
        var j = new StringJoiner(", ", "(", ")");
        for (int d : dims) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return format(dims);
    }
}
