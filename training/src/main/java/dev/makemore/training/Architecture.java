package dev.makemore.training;

import dev.makemore.core.random.Generator;
import dev.makemore.nn.Sequential;

/**
 * The shape of a stage's network and how its weights are drawn, as data. The two families of the
 * lecture: the hand-written network with one hidden layer (first half), and the deep network built
 * from {@code Linear}, {@code BatchNorm1d} and {@code Tanh} modules (second half).
 */
public sealed interface Architecture permits OneHiddenLayer, DeepMlp {

    /** Width of each character's embedding, the lecture's {@code n_embd}. */
    int nEmbd();

    /** Width of the hidden layers, the lecture's {@code n_hidden}. */
    int nHidden();

    /** Whether the network normalises its pre-activations with BatchNorm. */
    boolean batchNorm();

    /**
     * Draws the lecture's {@code layers} (everything after {@code C} and the view) from {@code g}, in
     * the lecture's order and with its arithmetic.
     *
     * @param fanIn     inputs of the first layer, {@code n_embd * block_size}
     * @param vocabSize outputs of the last layer
     */
    Sequential build(int fanIn, int vocabSize, Generator g);
}
