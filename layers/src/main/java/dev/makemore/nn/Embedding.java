package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;

/**
 * A lookup table of learned vectors, one row per token: the lecture's character embedding
 * {@code C = torch.randn((vocab_size, n_embd), generator=g)} and its lookup {@code emb = C[Xb]}
 * ({@code nn.Embedding} in PyTorch). Its parameter is named {@code weight}, as in PyTorch.
 *
 * <p>It takes an index tensor ({@link #forward(IntArray)}): for indices of shape {@code (32, 3)} the
 * output has shape {@code (32, 3, dim)}.
 */
public final class Embedding extends Module {
    private final Tensor weight;

    /**
     * A table of {@code num} rows of {@code dim} standard normals, drawn from {@code g} by one
     * {@code randn((num, dim))}, the lecture's {@code C} (PyTorch's {@code nn.Embedding} initialises the
     * same way).
     */
    public Embedding(int num, int dim, Generator g) {
        this(randn(num, dim, g));
    }

    /** A table over the given {@code (num, dim)} tensor (registered as the parameter, requiring grad). */
    public Embedding(Tensor weight) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("Embedding: weight must be 2-D (num, dim), got shape " + weight.shape());
        }
        this.weight = registerParameter("weight", weight);
    }

    private static Tensor randn(int num, int dim, Generator g) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: num and dim must be positive, got " + num + ", " + dim);
        }
        return Tensor.of(Init.randn(g, num, dim));
    }

    /** {@code C[indices]}: shape {@code indices.shape + (dim)}; backward adds into the rows used. */
    @Override
    public Tensor forward(IntArray indices) {
        return weight.index(indices);
    }

    /**
     * Not supported: an embedding looks up indices.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Embedding takes an index tensor (IntArray), the lecture's C[X]; got a "
                + x.dtype().torchName() + " tensor of shape " + x.shape());
    }

    /** The table, {@code (num, dim)}: the lecture's {@code C}. */
    public Tensor weight() {
        return weight;
    }

    /** Number of rows (the vocabulary size, 27). */
    public int num() {
        return weight.dim(0);
    }

    /** Length of each vector ({@code n_embd}, 10). */
    public int dim() {
        return weight.dim(1);
    }

    @Override
    protected String extraRepr() {
        return num() + ", " + dim();
    }

    /** {@link Kind#EMBEDDING}. */
    @Override
    public Kind kind() {
        return Kind.EMBEDDING;
    }
}
