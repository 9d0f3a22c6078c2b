package dev.makemore.training.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the names file as the lecture does, {@code open('names.txt', 'r').read().splitlines()}:
 * UTF-8, one name per line, the final line end optional.
 *
 * <ul>
 *   <li>A byte-order mark at the start (Windows Notepad writes one) is skipped, like Python's
 *       {@code utf-8-sig}: it is not a character of the first name.</li>
 *   <li>Lines end where Python's {@code str.splitlines} ends them: {@code \n}, {@code \r\n},
 *       {@code \r}, and the rarer {@code \u000B}, {@code \u000C}, {@code \u001C}-{@code \u001E},
 *       {@code \u0085}, {@code \u2028}, {@code \u2029}.</li>
 * </ul>
 *
 * <p>Input that would silently corrupt training is rejected with {@code file:line} and the reason: a
 * name containing {@code .} (the start/end token), an empty line between names, bytes that are not
 * UTF-8, a control character (a NUL usually means a UTF-16 file), and a character outside the Basic
 * Multilingual Plane (the vocabulary holds one Java {@code char} per symbol). Nothing else is thrown.
 */
public final class Names {
    /** The byte-order mark, U+FEFF, as UTF-8 writes it at the start of a file. */
    static final char BOM = '\uFEFF';

    private Names() {
    }

    /** Reads and validates the names in {@code file}. */
    public static List<String> read(Path file) throws IOException, DataException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Validates and splits names from raw bytes; {@code source} names them in messages. */
    public static List<String> parse(byte[] bytes, String source) throws DataException {
        String text = decode(bytes, source);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        List<String> lines = splitLines(text);
        if (lines.isEmpty() || lines.size() == 1 && lines.get(0).isEmpty()) {
            throw new DataException(source + ": no names in the file");
        }
        for (int i = 0; i < lines.size(); i++) {
            check(lines.get(i), source + ":" + (i + 1) + ": ");
        }
        return lines;
    }

    private static void check(String w, String where) throws DataException {
        if (w.isEmpty()) {
            throw new DataException(where + "empty line (one name per line, no blank lines)");
        }
        if (w.indexOf(Vocabulary.DOT) >= 0) {
            throw new DataException(where + "name \"" + w + "\" contains '.', which is reserved as the start/end token");
        }
        for (int i = 0; i < w.length(); i++) {
            int cp = w.codePointAt(i);
            if (cp == 0) {
                throw new DataException(where + "a NUL character (U+0000): is the file UTF-16? Save it as UTF-8");
            }
            if (Character.getType(cp) == Character.CONTROL) {
                throw new DataException(where + "name contains the control character " + codePoint(cp)
                        + " (names are printable text)");
            }
            if (Character.isSupplementaryCodePoint(cp)) {
                throw new DataException(where + "name contains " + codePoint(cp) + ", outside the Basic Multilingual"
                        + " Plane: the vocabulary holds characters U+0000 to U+FFFF only");
            }
        }
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    /**
     * Python's {@code str.splitlines()}: the lines without their ends; a final line end does not start
     * another line.
     */
    static List<String> splitLines(String text) {
        var lines = new ArrayList<String>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineEnd(c)) {
                lines.add(text.substring(start, i));
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The characters {@code str.splitlines()} breaks lines at. */
    static boolean isLineEnd(char c) {
        return switch (c) {
            case '\n', '\r', '\u000B', '\u000C', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }

    /** Strict UTF-8: the first malformed byte is reported with its 1-based line. */
    private static String decode(byte[] bytes, String source) throws DataException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            // The line of the bad byte: the lines of the good text before it, the last one unfinished.
            int line = splitLines(text + "x").size();
            throw new DataException(source + ":" + line + ": not valid UTF-8 (byte " + in.position() + ")");
        }
        return text;
    }
}
