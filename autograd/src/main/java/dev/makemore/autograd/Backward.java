package dev.makemore.autograd;

import dev.makemore.core.NdArray;

/**
 * The backward half of an op: given {@code d loss / d output}, add {@code d loss / d input} into the
 * grad of every input that {@linkplain Tensor#requiresGrad() requires grad}. This is micrograd's
 * {@code out._backward} closure, and the one way an op is defined here: every op of {@link Tensor}
 * and {@link F} is a forward computation plus a {@code Backward} handed to
 * {@link Tensor#fromOp(String, NdArray, Backward, Tensor...)}. Other modules define fused ops the
 * same way (the layers module's BatchNorm, as the lecture's manual backprop exercises do), much as
 * {@code torch.autograd.Function} does in PyTorch.
 *
 * <p>Contract. Gradients are <em>accumulated</em>, never assigned: a tensor used twice receives the
 * sum of both contributions. Use {@link Tensor#gradBuffer()} to get (or lazily allocate, zeroed) an
 * input's grad buffer, or {@link Tensor#accumulateGrad(NdArray, double)} to add a gradient that still
 * has the output's broadcast shape. Skip inputs whose {@link Tensor#requiresGrad()} is false; that is
 * both faster and what PyTorch does. The closure may read the forward values it captured; it is
 * dropped after the backward pass (unless the graph is retained), which frees them.
 */
@FunctionalInterface
public interface Backward {

    /**
     * Accumulates the inputs' gradients.
     *
     * @param grad {@code d loss / d output}, shaped like the output; read it, do not keep or modify it
     */
    void apply(NdArray grad);
}
