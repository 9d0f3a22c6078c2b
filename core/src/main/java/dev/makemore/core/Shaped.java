package dev.makemore.core;

/**
 * Something with an element type and a {@link Shape}: an {@link NdArray}, or an autograd tensor over
 * one. The sizes the lecture asks of its tensors ({@code x.shape[0]}, {@code x.ndim},
 * {@code p.nelement()}) follow from the shape, so they are written here once for both.
 */
public interface Shaped {

    /** Element type. */
    DType dtype();

    /** Dimensions. */
    Shape shape();

    /** Number of elements, as {@code p.nelement()} (the lecture counts parameters with it). */
    default int size() {
        return shape().size();
    }

    /** Number of dimensions. */
    default int rank() {
        return shape().rank();
    }

    /** Size of dimension {@code i} (negative counts from the end). */
    default int dim(int i) {
        return shape().dim(i);
    }
}
