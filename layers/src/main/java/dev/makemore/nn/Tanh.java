package dev.makemore.nn;

import dev.makemore.autograd.Tensor;

/**
 * The non-linearity {@code tanh}, as the lecture's class
 * <pre>{@code
 * class Tanh:
 *   def __call__(self, x):
 *     self.out = torch.tanh(x)
 *     return self.out
 * }</pre>
 * Its outputs are what the lecture's activation histograms show (saturation {@code |t| > 0.97}) and
 * its output gradients what the gradient histograms show; both read {@link #out()}.
 */
public final class Tanh extends Module {

    /** A tanh layer; it has no parameters. */
    public Tanh() {
    }

    // docs:begin tanh-module
    /** {@code tanh(x)} elementwise. */
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
    // docs:end tanh-module

    /** {@link Kind#NONLINEARITY}. */
    @Override
    public Kind kind() {
        return Kind.NONLINEARITY;
    }
}
