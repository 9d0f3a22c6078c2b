package dev.makemore.nn;

import dev.makemore.autograd.Tensor;

/**
 * Keeps dimension 0 and flattens the rest into one: the lecture's
 * {@code embcat = emb.view(emb.shape[0], -1)}, which turns the {@code (32, 3, 10)} embeddings of a
 * minibatch of three-character contexts into the {@code (32, 30)} input of the first Linear. A view:
 * no copy, and the gradient flows back reshaped.
 */
public final class Flatten extends Module {

    /** A flatten layer; it has no parameters. */
    public Flatten() {
    }

    /** {@code x.view(x.shape[0], -1)}. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("Flatten: expected a tensor with a batch dimension, got a scalar");
        }
        return x.view(x.dim(0), -1);
    }

    /** {@link Kind#VIEW}. */
    @Override
    public Kind kind() {
        return Kind.VIEW;
    }
}
