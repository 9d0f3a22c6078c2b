package dev.makemore.training;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.Init;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
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
     * lecture's arithmetic: {@code C = torch.randn((vocab_size, n_embd), generator=g)}, then the
     * architecture's layers.
     */
    public static Network build(Stage stage, int vocabSize, Generator g) {
        var a = stage.architecture();
        var c = new Embedding(Tensor.parameter(Init.randn(g, vocabSize, a.nEmbd())));
        return new Network(c, a.build(a.nEmbd() * stage.blockSize(), vocabSize, g));
    }

    /** The network on a batch of contexts {@code (N, block_size)}: the logits {@code (N, vocab_size)}. */
    @Override
    public Tensor forward(IntArray contexts) {
        return layers.call(flatten.call(embedding.call(contexts)));
    }

    /** The layers on already-flattened embeddings {@code (N, block_size * n_embd)}. */
    @Override
    public Tensor forward(Tensor embcat) {
        return layers.call(embcat);
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

    /** {@link Kind#CONTAINER}: {@code C}, then the lecture's {@code layers}. */
    @Override
    public Kind kind() {
        return Kind.CONTAINER;
    }

    @Override
    public String displayName() {
        return "Network";
    }
}
