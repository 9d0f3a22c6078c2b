package dev.makemore.training.data;

import dev.makemore.core.IntArray;
import java.util.Arrays;

/**
 * Contexts and their next characters: the lecture's {@code X} (shape {@code (n, blockSize)}) and
 * {@code Y} (shape {@code (n)}).
 *
 * @param x the contexts, one row of {@code blockSize} character indices each
 * @param y the index of the character that follows each context
 */
public record Dataset(IntArray x, IntArray y) {

    /** Checks that there is one target per context. */
    public Dataset {
        if (x.shape().rank() != 2 || y.shape().rank() != 1 || x.shape().dim(0) != y.size()) {
            throw new IllegalArgumentException("Dataset: contexts " + x.shape() + " and targets " + y.shape()
                    + " do not pair up");
        }
    }

    /** Number of examples. */
    public int size() {
        return y.size();
    }

    /**
     * Examples {@code from} (inclusive) to {@code to} (exclusive), copied: a chunk of a split for
     * evaluation or calibration, as the lecture's {@code Xtr[from:to]}.
     */
    public Dataset rows(int from, int to) {
        int block = blockSize();
        return new Dataset(IntArray.of(Arrays.copyOfRange(x.data(), from * block, to * block), to - from, block),
                IntArray.of(Arrays.copyOfRange(y.data(), from, to)));
    }

    /** Characters of context per example, the lecture's {@code block_size}. */
    public int blockSize() {
        return x.shape().dim(1);
    }
}
