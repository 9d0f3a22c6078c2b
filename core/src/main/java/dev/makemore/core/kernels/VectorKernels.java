package dev.makemore.core.kernels;

/** Placeholder until the SIMD kernels land: the scalar loops under the vector name. */
public class VectorKernels extends ScalarKernels {
    @Override
    public String name() {
        return "vector";
    }
}
