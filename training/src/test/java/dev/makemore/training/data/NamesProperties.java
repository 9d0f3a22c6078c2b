package dev.makemore.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the names file reader: whatever the bytes, {@link Names#parse} either returns names
 * whose vocabulary and contexts round-trip, or throws a {@link DataException} whose message starts
 * with {@code file:line:} (or {@code file: no names}); never anything else.
 */
class NamesProperties {
    private static final String FILE = "names.txt";
    /** Every line end Python's splitlines knows; the first three are the ones files really have. */
    private static final List<String> LINE_ENDS = List.of("\n", "\r\n", "\r", "\u000B", "\u000C", "\u001C", "\u001D",
            "\u001E", "\u0085", "\u2028", "\u2029");

    @Property(tries = 1000)
    void arbitraryBytesAreParsedOrRejectedWithFileAndLine(@ForAll("bytes") byte[] bytes) {
        checkParsedOrRejected(bytes);
    }

    @Property(tries = 1000)
    void arbitraryUnicodeIsParsedOrRejectedWithFileAndLine(@ForAll("text") String text,
                                                           @ForAll boolean bom) {
        checkParsedOrRejected(encode(text, bom));
    }

    @Property(tries = 500)
    void namesJoinedByAnyLineEndReadBackExactly(@ForAll("names") List<String> names, @ForAll("lineEnd") String end,
                                                @ForAll boolean finalLineEnd, @ForAll boolean bom) throws DataException {
        String text = String.join(end, names) + (finalLineEnd ? end : "");
        assertThat(Names.parse(encode(text, bom), FILE)).isEqualTo(names);
    }

    @Property(tries = 200)
    void aBlankLineIsReportedAtItsLine(@ForAll("names") List<String> names, @ForAll("lineEnd") String end,
                                       @ForAll @IntRange(min = 0, max = 1000) int at) {
        int blank = at % (names.size() + 1);   // a blank line before name 'blank' (0-based), or after the last
        var lines = new ArrayList<>(names);
        lines.add(blank, "");
        // A blank last line is a name followed by two line ends: the text must end with one more.
        String text = String.join(end, lines) + (blank == names.size() ? end : "");
        assertThat(rejection(encode(text, false))).isEqualTo(FILE + ":" + (blank + 1)
                + ": empty line (one name per line, no blank lines)");
    }

    @Property(tries = 300)
    void theSplitNeedsSixNamesAndThenNoSplitIsEmpty(@ForAll @IntRange(min = 1, max = 400) int n) {
        var words = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            words.add("n" + Integer.toString(i, 26).replace('.', 'x'));
        }
        if (n < Splits.MINIMUM_WORDS) {
            assertThat(rejectionOfSplit(words)).startsWith(FILE + ": the ").contains(" split is empty: " + n)
                    .endsWith("give at least " + Splits.MINIMUM_WORDS + " names");
        } else {
            assertThat(rejectionOfSplit(words)).isNull();
            var s = Splits.lecture(words, 3);
            assertThat(s.train().size()).isPositive();
            assertThat(s.val().size()).isPositive();
            assertThat(s.test().size()).isPositive();
        }
    }

    private static String rejectionOfSplit(List<String> words) {
        try {
            Splits.requireEnough(words, FILE);
            return null;
        } catch (DataException e) {
            return e.getMessage();
        }
    }

    /** Parsed: the round trip holds. Rejected: a file:line message. Nothing else escapes. */
    private static void checkParsedOrRejected(byte[] bytes) {
        List<String> names;
        try {
            names = Names.parse(bytes, FILE);
        } catch (DataException e) {
            assertThat(e.getMessage()).matches("\\Q" + FILE + "\\E(:[1-9][0-9]*: .+|: no names in the file)");
            Statistics.collect("rejected");
            return;
        }
        Statistics.collect("parsed");
        assertThat(names).isNotEmpty().allSatisfy(w -> assertThat(w).isNotEmpty().doesNotContain("."));
        assertRoundTrip(names);
    }

    /**
     * The vocabulary holds each character once, after '.'; the contexts, read back through the
     * vocabulary, spell the names again, each target followed by the context that slides over it.
     */
    static void assertRoundTrip(List<String> names) {
        var vocab = Vocabulary.of(names);
        assertThat(vocab.symbol(0)).isEqualTo(Vocabulary.DOT);
        for (int blockSize = 1; blockSize <= 3; blockSize++) {
            var data = Contexts.build(names, vocab, blockSize);
            var y = data.y().data();
            var x = data.x().data();
            var spelled = new StringBuilder();
            for (int i = 0; i < y.length; i++) {
                spelled.append(vocab.symbol(y[i]));
                // The context of example i + 1 is that of i, shifted left, ending with y[i] (or dots after '.').
                if (i + 1 < y.length) {
                    int next = (i + 1) * blockSize;
                    if (y[i] == 0) {
                        for (int k = 0; k < blockSize; k++) {
                            assertThat(x[next + k]).isZero();
                        }
                    } else {
                        assertThat(x[next + blockSize - 1]).isEqualTo(y[i]);
                        for (int k = 0; k + 1 < blockSize; k++) {
                            assertThat(x[next + k]).isEqualTo(x[i * blockSize + k + 1]);
                        }
                    }
                }
            }
            assertThat(spelled.toString()).isEqualTo(String.join(".", names) + ".");
        }
    }

    private static String rejection(byte[] bytes) {
        try {
            return "parsed as " + Names.parse(bytes, FILE);
        } catch (DataException e) {
            return e.getMessage();
        }
    }

    private static byte[] encode(String text, boolean bom) {
        var out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        // Mostly ASCII letters and line ends, so that many tries parse; any byte now and then.
        Arbitrary<Byte> likely = Arbitraries.of((byte) 'a', (byte) 'b', (byte) 'z', (byte) '\n', (byte) '\r',
                (byte) '.', (byte) 0xC3, (byte) 0xA9, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, likely), net.jqwik.api.Tuple.of(1, any))
                .array(byte[].class).ofMaxSize(60);
    }

    @Provide
    Arbitrary<String> text() {
        // Any code point, the line ends and letters weighted up.
        Arbitrary<Character> letters = Arbitraries.chars().range('a', 'e');
        Arbitrary<Character> ends = Arbitraries.of('\n', '\r', '\u000B', '\u0085', '\u2028', '\uFEFF', '.');
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(3);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, letters.map(String::valueOf)),
                        net.jqwik.api.Tuple.of(2, ends.map(String::valueOf)), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<String>> names() {
        // Printable characters of the Basic Multilingual Plane other than '.' and the line ends.
        Arbitrary<Character> letter = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.chars().range('a', 'z')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u00A0', '\uD7FF')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\uE000', '\uFFFD')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range(' ', '~')))
                .filter(c -> c != Vocabulary.DOT && !Names.isLineEnd(c) && !Character.isISOControl(c)
                        && Character.getType(c) != Character.CONTROL && c != Names.BOM);
        return letter.list().ofMinSize(1).ofMaxSize(8).map(NamesProperties::join).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> lineEnd() {
        return Arbitraries.of(LINE_ENDS);
    }

    private static String join(List<Character> chars) {
        var sb = new StringBuilder();
        chars.forEach(sb::append);
        return sb.toString();
    }
}
