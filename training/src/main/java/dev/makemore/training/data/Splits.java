package dev.makemore.training.data;

import dev.makemore.core.random.PyRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's train / validation / test split: {@code random.seed(42); random.shuffle(words)},
 * then the first 80% of the words for training, the next 10% for validation ("dev"), the rest for
 * test. With names.txt and {@code blockSize} 3 that is 182625 / 22655 / 22866 examples.
 *
 * @param words    the words after shuffling, in split order
 * @param vocab    the vocabulary of all the words
 * @param train    examples of the first {@code int(0.8 n)} words
 * @param val      examples of the words up to {@code int(0.9 n)}
 * @param test     examples of the remaining words
 */
public record Splits(List<String> words, Vocabulary vocab, Dataset train, Dataset val, Dataset test) {

    /** The seed of the lecture's {@code random.seed(42)}. */
    public static final long LECTURE_SEED = 42;

    /** The lecture's split of {@code words} with contexts of {@code blockSize}, shuffled with seed 42. */
    public static Splits lecture(List<String> words, int blockSize) {
        return of(words, blockSize, LECTURE_SEED);
    }

    /** The split with CPython's shuffle seeded {@code seed}. */
    public static Splits of(List<String> words, int blockSize, long seed) {
        var vocab = Vocabulary.of(words);
        var shuffled = new ArrayList<>(words);
        new PyRandom(seed).shuffle(shuffled);
        int n = shuffled.size();
        // Python's int(0.8 * n) truncates the double product; so does the cast.
        int n1 = (int) (0.8 * n);
        int n2 = (int) (0.9 * n);
        return new Splits(List.copyOf(shuffled), vocab,
                Contexts.build(shuffled.subList(0, n1), vocab, blockSize),
                Contexts.build(shuffled.subList(n1, n2), vocab, blockSize),
                Contexts.build(shuffled.subList(n2, n), vocab, blockSize));
    }

    /** The split by name as the command line and JSON use it: {@code train}, {@code val}, {@code test}. */
    public Dataset get(String name) {
        return switch (name) {
            case "train" -> train;
            case "val", "dev" -> val;
            case "test" -> test;
            default -> throw new IllegalArgumentException("unknown split '" + name + "' (train, val, test)");
        };
    }
}
