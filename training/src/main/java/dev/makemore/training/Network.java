package dev.makemore.training;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage's network as the lecture writes it: the embedding table {@code C}, then {@code layers}.
 * <pre>
 * emb = C[Xb]                      # (N, block_size, n_embd)
 * x = emb.view(emb.shape[0], -1)   # (N, block_size * n_embd)
 * for layer in layers: x = layer(x)
 * </pre>
 * Parameters come in the lecture's order, {@code [C] + [p for layer in layers for p in layer.parameters()]},
 * and layer numbers in diagnostics are indices into {@link #layers()}, as in the lecture's prints.
 */
public final class Network extends Module {
    private final Embedding embedding;
    private final Flatten flatten;
    private final Sequential layers;

    /** The network {@code C} then {@code layers}. */
    public Network(Embedding embedding, Sequential layers) {
        this.embedding = registerModule("C", embedding);
        this.flatten = new Flatten();
        this.layers = registerModule("layers", layers);
    }

    /**
     * Draws {@code stage}'s network from {@code g}, every tensor in the lecture's order and with the
     * lecture's arithmetic (a float32 {@code randn}, then the float32 product with the scale).
     */
    public static Network build(Stage stage, int vocabSize, Generator g) {
        var a = stage.architecture();
        var c = new Embedding(Tensor.parameter(randn(g, 1, vocabSize, a.nEmbd())));
        int fanIn = a.nEmbd() * stage.blockSize();
        if (a instanceof OneHiddenLayer one) {
            return new Network(c, oneHiddenLayer(one, fanIn, vocabSize, g));
        }
        return new Network(c, sixLayers((SixLayers) a, fanIn, vocabSize, g));
    }

    // docs:begin one-hidden-layer
    private static Sequential oneHiddenLayer(OneHiddenLayer a, int fanIn, int vocabSize, Generator g) {
        var w1 = randn(g, a.w1Scale(), fanIn, a.nHidden());
        var b1 = a.hasB1() ? randn(g, a.b1Scale(), a.nHidden()) : null;
        var w2 = randn(g, a.w2Scale(), a.nHidden(), vocabSize);
        var b2 = randn(g, a.b2Scale(), vocabSize);
        var modules = new ArrayList<Module>();
        modules.add(new Linear(Tensor.parameter(w1), b1 == null ? null : Tensor.parameter(b1)));
        if (a.batchNorm()) {
            modules.add(new InlineBatchNorm(a.nHidden()));
        }
        modules.add(new Tanh());
        modules.add(new Linear(Tensor.parameter(w2), Tensor.parameter(b2)));
        return new Sequential(modules);
    }
    // docs:end one-hidden-layer

    // docs:begin six-layers
    private static Sequential sixLayers(SixLayers a, int fanIn, int vocabSize, Generator g) {
        var modules = new ArrayList<Module>();
        var linears = new ArrayList<Linear>();
        BatchNorm1d lastNorm = null;
        for (int i = 0; i <= a.hidden(); i++) {
            boolean last = i == a.hidden();
            int in = i == 0 ? fanIn : a.nHidden();
            int out = last ? vocabSize : a.nHidden();
            var linear = new Linear(in, out, !a.batchNorm(), g);
            linears.add(linear);
            modules.add(linear);
            if (a.batchNorm()) {
                lastNorm = BatchNorm1d.lecture(out);
                modules.add(lastNorm);
            }
            if (!last) {
                modules.add(new Tanh());
            }
        }
        // The lecture, under torch.no_grad(): make the last layer less confident, and apply the
        // gain to every other Linear.
        try (var off = Grad.disabled()) {
            if (lastNorm != null) {
                scale(lastNorm.gamma().data(), a.lastScale());
            } else {
                scale(linears.get(linears.size() - 1).weight().data(), a.lastScale());
            }
            for (int i = 0; i < linears.size() - 1; i++) {
                scale(linears.get(i).weight().data(), a.gain());
            }
        }
        return new Sequential(modules);
    }
    // docs:end six-layers

    /** {@code torch.randn(dims, generator=g) * scale} in float32. */
    private static NdArray randn(Generator g, double scale, int... dims) {
        var a = NdArray.zeros(DType.FLOAT32, dims);
        g.randn(a.floats());
        scale(a, scale);
        return a;
    }

    /** {@code a *= scale} as PyTorch does it for a float32 tensor: the scale rounded to float first. */
    private static void scale(NdArray a, double scale) {
        ArrayMath.binary(BinaryOp.MUL, a, scale, a);
    }

    /** The network on a batch of contexts {@code (N, block_size)}: the logits {@code (N, vocab_size)}. */
    @Override
    public Tensor forward(IntArray contexts) {
        return remember(layers.forward(flatten.forward(embedding.forward(contexts))));
    }

    /** The layers on already-flattened embeddings {@code (N, block_size * n_embd)}. */
    @Override
    public Tensor forward(Tensor embcat) {
        return remember(layers.forward(embcat));
    }

    /** The embedding table {@code C}. */
    public Embedding embedding() {
        return embedding;
    }

    /**
     * {@code C}'s embedding, then the lecture's {@code layers}: what a {@link dev.makemore.diagnostics.TrainingObserver}
     * is shown (it numbers the layers after the embedding as the lecture does, and labels the table {@code C}).
     */
    public List<Module> modules() {
        var all = new java.util.ArrayList<Module>(layers.size() + 1);
        all.add(embedding);
        all.addAll(layers.layers());
        return List.copyOf(all);
    }

    /** The lecture's {@code layers} list (diagnostics number layers by their index here). */
    public List<Module> layers() {
        return layers.layers();
    }

    @Override
    public String displayName() {
        return "Network";
    }
}
