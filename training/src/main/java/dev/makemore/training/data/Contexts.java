package dev.makemore.training.data;

import dev.makemore.core.IntArray;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the lecture's training examples from words ({@code build_dataset}): for every word, start
 * from a context of {@code blockSize} dots; for each character of {@code word + '.'}, emit (context,
 * character), then slide the context left and append the character.
 */
public final class Contexts {
    private Contexts() {
    }

    /** The examples of {@code words} with contexts of {@code blockSize} characters. */
    public static Dataset build(List<String> words, Vocabulary vocab, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be at least 1, got " + blockSize);
        }
        int n = 0;
        for (var w : words) {
            n += w.length() + 1;
        }
        int[] x = new int[n * blockSize];
        int[] y = new int[n];
        int[] context = new int[blockSize];
        int row = 0;
        for (var w : words) {
            Arrays.fill(context, 0);
            for (int i = 0; i <= w.length(); i++) {
                int ix = i < w.length() ? vocab.index(w.charAt(i)) : 0;
                System.arraycopy(context, 0, x, row * blockSize, blockSize);
                y[row++] = ix;
                System.arraycopy(context, 1, context, 0, blockSize - 1);
                context[blockSize - 1] = ix;
            }
        }
        return new Dataset(IntArray.of(x, n, blockSize), IntArray.of(y));
    }
}
