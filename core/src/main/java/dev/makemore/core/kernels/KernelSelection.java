package dev.makemore.core.kernels;

/** Chooses the {@link Kernels} implementation once per JVM (the holder idiom: lazy, no locking). */
final class KernelSelection {
    /** System property that selects the implementation: {@code vector} (default) or {@code scalar}. */
    static final String PROPERTY = "makemore.kernels";

    /** The vector kernels unless the property asks for scalar or the vectors are narrower than 128 bits. */
    static final Kernels INSTANCE = "scalar".equalsIgnoreCase(System.getProperty(PROPERTY, "vector"))
            || !VectorKernels.supported()
            ? new ScalarKernels()
            : new VectorKernels();

    private KernelSelection() {
    }
}
