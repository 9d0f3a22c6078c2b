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

    /** The fewest words for which no split is empty: 6 (4 for training, 1 for validation, 1 for test). */
    public static final int MINIMUM_WORDS = minimumWords();

    /** The lecture's split of {@code words} with contexts of {@code blockSize}, shuffled with seed 42. */
    public static Splits lecture(List<String> words, int blockSize) {
        return of(words, blockSize, LECTURE_SEED);
    }

    /** The split with CPython's shuffle seeded {@code seed}. */
    public static Splits of(List<String> words, int blockSize, long seed) {
        String empty = emptySplit(words.size());
        if (empty != null) {
            throw new IllegalArgumentException(tooFew(words.size(), empty));
        }
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

    /**
     * Checks that {@code words} are enough for the lecture's split: with too few, a split is empty
     * and there is nothing to draw a minibatch from or to evaluate.
     *
     * @throws DataException naming {@code source}, the empty split and {@link #MINIMUM_WORDS}
     */
    public static void requireEnough(List<String> words, String source) throws DataException {
        String empty = emptySplit(words.size());
        if (empty != null) {
            throw new DataException(source + ": " + tooFew(words.size(), empty));
        }
    }

    /** The first split that {@code n} words leave empty, or null. */
    private static String emptySplit(int n) {
        int n1 = (int) (0.8 * n);
        int n2 = (int) (0.9 * n);
        return n1 == 0 ? "training" : n2 == n1 ? "validation" : n == n2 ? "test" : null;
    }

    private static String tooFew(int n, String empty) {
        return "the " + empty + " split is empty: " + n + (n == 1 ? " name is" : " names are") + " too few for the"
                + " lecture's split (80% train, 10% val, 10% test); give at least " + MINIMUM_WORDS + " names";
    }

    private static int minimumWords() {
        int n = 1;
        while (emptySplit(n) != null) {
            n++;
        }
        return n;
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
