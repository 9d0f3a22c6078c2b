package dev.makemore.training.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the names file: UTF-8, one name per line, {@code \n} or {@code \r\n} line ends, the final
 * newline optional (the lecture's {@code open('names.txt').read().splitlines()}).
 *
 * <p>Input that would silently corrupt training is rejected with {@code file:line} and the reason: a
 * name containing {@code .} (the start/end token), an empty line between names, bytes that are not
 * UTF-8.
 */
public final class Names {
    private Names() {
    }

    /** Reads and validates the names in {@code file}. */
    public static List<String> read(Path file) throws IOException, DataException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Validates and splits names from raw bytes; {@code source} names them in messages. */
    public static List<String> parse(byte[] bytes, String source) throws DataException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(source + ":" + lineOfFirstBadByte(bytes) + ": not valid UTF-8");
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        var words = new ArrayList<String>();
        if (text.isEmpty()) {
            throw new DataException(source + ": no names in the file");
        }
        int line = 0;
        for (String raw : text.split("\n", -1)) {
            line++;
            String w = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (w.isEmpty()) {
                throw new DataException(source + ":" + line + ": empty line (one name per line, no blank lines)");
            }
            int dot = w.indexOf(Vocabulary.DOT);
            if (dot >= 0) {
                throw new DataException(source + ":" + line + ": name \"" + w + "\" contains '.', which is reserved"
                        + " as the start/end token");
            }
            words.add(w);
        }
        return words;
    }

    /** The 1-based line holding the first byte that does not decode as UTF-8. */
    private static int lineOfFirstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }
}
