/**
 * makemore-layers: a {@code torch.nn}-shaped API (package {@code dev.makemore.nn}), the layers of the
 * lecture's "PyTorch-ifying" part ({@code Linear}, {@code BatchNorm1d}, {@code Tanh}, {@code Embedding},
 * {@code Flatten}, {@code Sequential}), PyTorch's initialisation functions and a model file format.
 *
 * <p>The module is named after its package, {@code dev.makemore.nn}; its Maven artifact is
 * {@code makemore-layers}.
 */
module dev.makemore.nn {
    // Modules take and return autograd's tensors.
    requires transitive dev.makemore.autograd;

    exports dev.makemore.nn;
}
