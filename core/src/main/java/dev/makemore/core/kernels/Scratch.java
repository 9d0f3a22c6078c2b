package dev.makemore.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Per-thread work arrays for the vector kernels, so that no kernel allocates once warmed up and two
 * threads may run kernels at once. Arrays grow to the largest size asked for and are kept; callers
 * must not hold one across a call to another kernel that uses the same array.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);

    /** One float vector's worth: the padded last partial vector of a loop (see {@code VectorKernels}). */
    final float[] floatLanes = new float[FloatVector.SPECIES_PREFERRED.length()];
    /** One double vector's worth, likewise. */
    final double[] doubleLanes = new double[DoubleVector.SPECIES_PREFERRED.length()];
    /** One vector's worth each, for adding up the lanes of an accumulator in a fixed order. */
    final float[] floatSum = new float[FloatVector.SPECIES_PREFERRED.length()];
    final double[] doubleSum = new double[DoubleVector.SPECIES_PREFERRED.length()];
    /** One vector's worth each, for functions evaluated lane by lane with {@link Math} (see {@code VectorKernels.math}). */
    final float[] floatMath = new float[FloatVector.SPECIES_PREFERRED.length()];
    final double[] doubleMath = new double[DoubleVector.SPECIES_PREFERRED.length()];
    /** One float vector's worth of doubles: VectorMath.tanh widens a vector of floats into it. */
    final double[] tanhDoubles = new double[FloatVector.SPECIES_PREFERRED.length()];
    /** A tile of 8 rows by 2 vectors: matmul's output block when it accumulates (see {@code Matmul}). */
    final float[] floatTile = new float[16 * FloatVector.SPECIES_PREFERRED.length()];
    final double[] doubleTile = new double[16 * DoubleVector.SPECIES_PREFERRED.length()];

    private float[] floats = new float[0];
    private double[] doubles = new double[0];

    private Scratch() {
    }

    /** This thread's scratch. */
    static Scratch get() {
        return CURRENT.get();
    }

    /** A float array of at least {@code size} elements (contents undefined). */
    float[] floats(int size) {
        if (floats.length < size) {
            floats = new float[size];
        }
        return floats;
    }

    /** A double array of at least {@code size} elements (contents undefined). */
    double[] doubles(int size) {
        if (doubles.length < size) {
            doubles = new double[size];
        }
        return doubles;
    }
}
