package dev.makemore.training;

/**
 * The shape of a stage's network and how its weights are drawn, as data. The two families of the
 * lecture: the hand-written network with one hidden layer (first half), and the six-layer network
 * built from {@code Linear}, {@code BatchNorm1d} and {@code Tanh} modules (second half).
 */
public sealed interface Architecture permits OneHiddenLayer, SixLayers {

    /** Width of each character's embedding, the lecture's {@code n_embd}. */
    int nEmbd();

    /** Width of the hidden layers, the lecture's {@code n_hidden}. */
    int nHidden();

    /** Whether the network normalises its pre-activations with BatchNorm. */
    boolean batchNorm();
}
