package dev.makemore.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, contiguous, row-major array of float32 or float64 with a {@link Shape}: the storage under
 * every tensor of the lecture ({@code C}, {@code W1}, {@code hpreact}, their gradients).
 *
 * <p>Storage is always contiguous, so a reshape ({@link #view}) shares the storage and only changes the
 * shape, as {@code emb.view(32, 30)} does in PyTorch. Arithmetic lives in {@link ArrayMath}; this class
 * only holds, reads and writes values.
 */
public final class NdArray implements Shaped {
    private final DType dtype;
    private final Shape shape;
    private final float[] f;
    private final double[] d;

    private NdArray(DType dtype, Shape shape, float[] f, double[] d) {
        this.dtype = dtype;
        this.shape = shape;
        this.f = f;
        this.d = d;
        int length = f != null ? f.length : d.length;
        if (length != shape.size()) {
            throw new IllegalArgumentException(length + " values do not fill shape " + shape);
        }
    }

    // ---- creation ----

    /** Zeros of the given type and shape. */
    public static NdArray zeros(DType dtype, Shape shape) {
        return dtype == DType.FLOAT32
                ? new NdArray(dtype, shape, new float[shape.size()], null)
                : new NdArray(dtype, shape, null, new double[shape.size()]);
    }

    /** Zeros of the given type and dimensions. */
    public static NdArray zeros(DType dtype, int... dims) {
        return zeros(dtype, Shape.of(dims));
    }

    /** Zeros with the type and shape of {@code like}. */
    public static NdArray zerosLike(NdArray like) {
        return zeros(like.dtype, like.shape);
    }

    /** Every element equal to {@code value}. */
    public static NdArray full(DType dtype, Shape shape, double value) {
        var a = zeros(dtype, shape);
        a.fill(value);
        return a;
    }

    /** Ones, as {@code torch.ones} (BatchNorm's gain starts here). */
    public static NdArray ones(DType dtype, int... dims) {
        return full(dtype, Shape.of(dims), 1.0);
    }

    /** A 0-dimensional array holding {@code value}. */
    public static NdArray scalar(DType dtype, double value) {
        return full(dtype, Shape.scalar(), value);
    }

    /** Wraps float32 values (not copied) with the given dimensions. */
    public static NdArray of(float[] values, int... dims) {
        return new NdArray(DType.FLOAT32, Shape.of(dims), Objects.requireNonNull(values), null);
    }

    /** Wraps float64 values (not copied) with the given dimensions. */
    public static NdArray of(double[] values, int... dims) {
        return new NdArray(DType.FLOAT64, Shape.of(dims), null, Objects.requireNonNull(values));
    }

    /** A one-dimensional float32 array over {@code values} (not copied). */
    public static NdArray of(float... values) {
        return of(values, values.length);
    }

    /** A one-dimensional float64 array over {@code values} (not copied). */
    public static NdArray of(double... values) {
        return of(values, values.length);
    }

    // ---- description ----

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    /** The float32 storage itself (shared), for kernels; throws if this array is float64. */
    public float[] floats() {
        if (f == null) {
            throw new IllegalStateException("expected a float32 array, got " + dtype.torchName() + " of shape " + shape);
        }
        return f;
    }

    /** The float64 storage itself (shared), for kernels; throws if this array is float32. */
    public double[] doubles() {
        if (d == null) {
            throw new IllegalStateException("expected a float64 array, got " + dtype.torchName() + " of shape " + shape);
        }
        return d;
    }

    // ---- element access ----

    /** Element at flat (row-major) index {@code i}, widened to double. */
    public double get(int i) {
        return f != null ? f[i] : d[i];
    }

    /** Element {@code [row, col]} of a 2-D array. */
    public double get(int row, int col) {
        return get(row * shape.dim(-1) + col);
    }

    /** Sets the element at flat index {@code i} (rounded to float32 for a float32 array). */
    public void set(int i, double value) {
        if (f != null) {
            f[i] = (float) value;
        } else {
            d[i] = value;
        }
    }

    /** The only element of a one-element array, as {@code tensor.item()}. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item(): a Tensor with " + size() + " elements (shape " + shape
                    + ") cannot be converted to a Scalar");
        }
        return get(0);
    }

    /** Every element, widened to double, in a new array. */
    public double[] toDoubleArray() {
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** Every element, rounded to float, in a new array. */
    public float[] toFloatArray() {
        if (f != null) {
            return f.clone();
        }
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    // ---- whole-array operations that move no arithmetic ----

    /** The same storage under another shape (one {@code -1} is inferred), as {@code tensor.view}. */
    public NdArray view(int... dims) {
        return view(shape.view(dims));
    }

    /** The same storage under {@code newShape}, which must have as many elements. */
    public NdArray view(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("view: shape " + newShape + " is invalid for input of size "
                    + size() + " (shape " + shape + ")");
        }
        return new NdArray(dtype, newShape, f, d);
    }

    /** A copy with its own storage. */
    public NdArray copy() {
        return new NdArray(dtype, shape, f == null ? null : f.clone(), d == null ? null : d.clone());
    }

    /** This array converted to {@code target} (a copy even when the type is the same). */
    public NdArray to(DType target) {
        if (target == dtype) {
            return copy();
        }
        return target == DType.FLOAT32
                ? new NdArray(target, shape, toFloatArray(), null)
                : new NdArray(target, shape, null, toDoubleArray());
    }

    /** Sets every element to {@code value}. */
    public void fill(double value) {
        if (f != null) {
            Arrays.fill(f, (float) value);
        } else {
            Arrays.fill(d, value);
        }
    }

    /** Copies the values of {@code src}, which must have this array's type and size. */
    public void copyFrom(NdArray src) {
        if (src.dtype != dtype || src.size() != size()) {
            throw new IllegalArgumentException("copyFrom: cannot copy " + src.dtype.torchName() + src.shape
                    + " into " + dtype.torchName() + shape);
        }
        if (f != null) {
            System.arraycopy(src.f, 0, f, 0, f.length);
        } else {
            System.arraycopy(src.d, 0, d, 0, d.length);
        }
    }

    /** True when both arrays share one storage (a view of the other, or the same array). */
    public boolean sharesStorageWith(NdArray other) {
        return (f != null && f == other.f) || (d != null && d == other.d);
    }

    /** Prints like PyTorch's repr for small arrays: {@code tensor([1., 2.], dtype=float64)}; large ones by shape. */
    @Override
    public String toString() {
        if (size() > 20) {
            return "NdArray(" + dtype.torchName() + ", shape=" + shape + ")";
        }
        var sb = new StringBuilder("tensor([");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(get(i));
        }
        return sb.append("], shape=").append(shape).append(", dtype=").append(dtype.torchName()).append(')').toString();
    }
}
