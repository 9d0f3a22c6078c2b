package dev.makemore.training.data;

import java.util.List;
import java.util.TreeSet;

/**
 * The character vocabulary of the names: {@code .} at index 0 (the start and end token) and the
 * sorted characters of the data after it, as the lecture's {@code stoi} / {@code itos}. For
 * names.txt that is 27 symbols: {@code .} and {@code a..z}.
 *
 * @param symbols index to character; {@code symbols.charAt(0) == '.'}
 */
public record Vocabulary(String symbols) {

    /** The start/end token. */
    public static final char DOT = '.';

    /** Checks that the token is first and that no character repeats. */
    public Vocabulary {
        if (symbols.isEmpty() || symbols.charAt(0) != DOT) {
            throw new IllegalArgumentException("vocabulary must start with '.', got \"" + symbols + "\"");
        }
        if (symbols.chars().distinct().count() != symbols.length()) {
            throw new IllegalArgumentException("vocabulary has repeated characters: \"" + symbols + "\"");
        }
    }

    /** The vocabulary of {@code words}: {@code .} then every character they use, sorted. */
    public static Vocabulary of(List<String> words) {
        var chars = new TreeSet<Character>();
        for (var w : words) {
            for (int i = 0; i < w.length(); i++) {
                chars.add(w.charAt(i));
            }
        }
        var sb = new StringBuilder().append(DOT);
        chars.forEach(sb::append);
        return new Vocabulary(sb.toString());
    }

    /** Number of symbols, the lecture's {@code vocab_size}. */
    public int size() {
        return symbols.length();
    }

    /** The lecture's {@code stoi[ch]}; throws naming the character when it is not in the vocabulary. */
    public int index(char ch) {
        int i = symbols.indexOf(ch);
        if (i < 0) {
            throw new IllegalArgumentException("character '" + ch + "' is not in the vocabulary \"" + symbols + "\"");
        }
        return i;
    }

    /** The lecture's {@code itos[i]}. */
    public char symbol(int i) {
        return symbols.charAt(i);
    }
}
