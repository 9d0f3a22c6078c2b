package dev.makemore.core;

import java.util.Arrays;

/**
 * A dense row-major array of {@code int}: the index tensors of the lecture ({@code X}, {@code Y},
 * the minibatch indices {@code ix}) used to gather embedding rows and pick targets.
 *
 * @param data  the values, row-major, shared (not copied)
 * @param shape the dimensions; {@code shape.size() == data.length}
 */
public record IntArray(int[] data, Shape shape) {

    /** Checks that the data fills the shape exactly. */
    public IntArray {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("IntArray: " + data.length + " values do not fill shape " + shape);
        }
    }

    /** Wraps {@code data} with the given dimensions (no copy). */
    public static IntArray of(int[] data, int... dims) {
        return new IntArray(data, Shape.of(dims));
    }

    /** A one-dimensional index array over {@code data} (no copy). */
    public static IntArray of(int[] data) {
        return new IntArray(data, Shape.of(data.length));
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Element at flat index {@code i}. */
    public int get(int i) {
        return data[i];
    }

    /** The same values under another shape, without copying. */
    public IntArray view(int... dims) {
        return new IntArray(data, shape.view(dims));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntArray a && shape.equals(a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IntArray" + shape + (data.length <= 16 ? Arrays.toString(data) : "");
    }
}
