package dev.makemore.core.kernels;

/**
 * Per-thread work arrays for the vector kernels, so that no kernel allocates once warmed up and two
 * threads may run kernels at once. Arrays grow to the largest size asked for and are kept; callers
 * must not hold one across a call to another kernel that uses the same array.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> CURRENT = ThreadLocal.withInitial(Scratch::new);
    private static final int FL = Hardware.FLOATS.length();
    /** A block of a float reduction, at least one vector. */
    private static final int BLOCK = Math.max(FL, VectorKernels.PARTIALS);

    /** The padded last partial vector or block of a loop (see {@code VectorKernels}). */
    final float[] floatLanes = new float[BLOCK];
    /** The partial sums of a float reduction. */
    final float[] floatSum = new float[BLOCK];
    /** The partial sums of a reduction in double. */
    final double[] doubleSum = new double[VectorKernels.PARTIALS];
    /** One vector's worth, for functions evaluated lane by lane with {@link Math} (see {@code VectorKernels.math}). */
    final float[] floatMath = new float[FL];
    /** A tile of up to 8 rows by 2 vectors: matmul's output block when it accumulates (see {@code Matmul}). */
    final float[] floatTile = new float[16 * FL];

    /** 1 or 0 per lane of a float vector: which lanes of a column variance's last vector count. */
    final double[] keep = new double[FL];

    /** VectorMath.tanh widens a chunk of floats into it. */
    final double[] tanhDoubles = new double[VectorMath.TANH_CHUNK];

    private float[] floats = new float[0];
    private double[] doubles = new double[0];
    private double[] moreDoubles = new double[0];
    private float[] moreFloats = new float[0];
    private float[] padded = new float[0];
    /** Matmul's packed operands (see {@code Matmul.packColumns} and {@code packB}). */
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];

    private Scratch() {
    }

    /** This thread's scratch. */
    static Scratch get() {
        return CURRENT.get();
    }

    /** A float array of at least {@code size} elements (contents undefined). */
    float[] floats(int size) {
        return floats = grown(floats, size);
    }

    /** A second float array of at least {@code size} elements, for a kernel that needs two at once. */
    float[] moreFloats(int size) {
        return moreFloats = grown(moreFloats, size);
    }

    /** A float array of at least {@code size} elements for the padded last blocks of rows (see {@code VectorMath.exp}). */
    float[] padded(int size) {
        return padded = grown(padded, size);
    }

    /** Matmul's packed {@code A}, at least {@code size} elements (contents undefined). */
    float[] packedA(int size) {
        return packedA = grown(packedA, size);
    }

    /** Matmul's packed {@code B} panel, at least {@code size} elements (contents undefined). */
    float[] packedB(int size) {
        return packedB = grown(packedB, size);
    }

    /** A double array of at least {@code size} elements (contents undefined). */
    double[] doubles(int size) {
        return doubles = grown(doubles, size);
    }

    /** A second double array of at least {@code size} elements, for a kernel that needs two at once. */
    double[] moreDoubles(int size) {
        return moreDoubles = grown(moreDoubles, size);
    }

    /** {@code a}, or a new array of {@code size} if {@code a} is shorter: arrays grow and are kept. */
    private static float[] grown(float[] a, int size) {
        return a.length < size ? new float[size] : a;
    }

    private static double[] grown(double[] a, int size) {
        return a.length < size ? new double[size] : a;
    }
}
