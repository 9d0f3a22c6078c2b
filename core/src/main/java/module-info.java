/**
 * makemore-core: shaped float and double arrays, the arithmetic the rest is built on, on SIMD kernels
 * with a scalar twin for each; and the lecture's random numbers bit for bit, PyTorch's
 * {@code torch.Generator} and CPython's {@code random}.
 *
 * <p>The kernels run on the incubating Vector API. This module requires {@code jdk.incubator.vector},
 * so an application on the module path resolves it without {@code --add-modules}; on the class path,
 * {@code java --add-modules jdk.incubator.vector} is still needed. Which kernels run (vector or scalar,
 * {@code -Dmakemore.kernels}) is decided inside {@code dev.makemore.core.kernels} and is not API.
 */
module dev.makemore.core {
    requires jdk.incubator.vector;
    // Hardware reads HotSpot's UseFMA flag through HotSpotDiagnosticMXBean.
    requires jdk.management;

    exports dev.makemore.core;
    exports dev.makemore.core.kernels;
    exports dev.makemore.core.random;
}
