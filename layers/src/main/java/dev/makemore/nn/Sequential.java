package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;

import java.util.List;

/**
 * Layers applied one after the other, as {@code nn.Sequential}: the lecture's
 * <pre>{@code
 * layers = [Linear(n_embd * block_size, n_hidden), BatchNorm1d(n_hidden), Tanh(), ...]
 * for layer in layers:
 *   x = layer(x)
 * }</pre>
 * with the embedding and the flattening as layers too, so the whole network takes the index tensor
 * {@code Xb}: {@code new Sequential(new Embedding(27, 10, g), new Flatten(), new Linear(30, 200, g), ...)}.
 * The layers are its children {@code "0"}, {@code "1"}, ..., so parameters are named {@code 0.weight},
 * {@code 2.weight}, {@code 2.bias}, ... as in PyTorch.
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    /** The given layers, in order. */
    public Sequential(Module... layers) {
        this(List.of(layers));
    }

    /** The given layers, in order. */
    public Sequential(List<? extends Module> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            registerModule(Integer.toString(i), this.layers.get(i));
        }
    }

    /** Each layer applied in turn to {@code x}; an empty Sequential returns {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module layer : layers) {
            h = layer.call(h);
        }
        return h;
    }

    /**
     * The indices go to the first layer (an {@link Embedding}), its output through the rest: the
     * lecture's forward pass from {@code Xb} to the logits.
     */
    @Override
    public Tensor forward(IntArray indices) {
        if (layers.isEmpty()) {
            throw new UnsupportedOperationException("an empty Sequential cannot take an index tensor");
        }
        Tensor h = layers.get(0).call(indices);
        for (int i = 1; i < layers.size(); i++) {
            h = layers.get(i).call(h);
        }
        return h;
    }

    /** Layer {@code i} (0-based), as {@code layers[i]}. */
    public Module get(int i) {
        return layers.get(i);
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }

    /** The layers, in order (unmodifiable). */
    public List<Module> layers() {
        return layers;
    }

    /** {@link Kind#CONTAINER}. */
    @Override
    public Kind kind() {
        return Kind.CONTAINER;
    }
}
