package dev.makemore.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the reference files the tests compare against (no dependency needed).
 *
 * <p>Values map to Java as: object → {@link LinkedHashMap} (key order kept), array → {@link List},
 * string → {@link String}, {@code true}/{@code false} → {@link Boolean}, {@code null} → {@code null},
 * number → {@link Long} when written without fraction or exponent and in range, {@link BigInteger}
 * for larger integers, and {@link Double} otherwise (correctly rounded, so a float32 written as its
 * exact decimal double converts back to the same float).
 *
 * <p>The typed helpers ({@link #object}, {@link #array}, {@link #floats}, ...) cast with a message
 * naming what was found. Malformed input raises {@link JsonException} with the character offset.
 */
public final class Json {
    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Thrown for malformed JSON or a value of an unexpected type; {@link #offset()} is -1 for the latter. */
    public static final class JsonException extends IllegalArgumentException {
        private final int offset;

        JsonException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        /** Character offset in the input where parsing failed, or -1 if the problem is a type mismatch. */
        public int offset() {
            return offset;
        }
    }

    /** Parses one JSON value; only whitespace may follow it. */
    public static Object parse(String text) {
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.readValue();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected trailing content");
        }
        return value;
    }

    /** Reads and parses a UTF-8 JSON file; a parse error message names the file. */
    public static Object read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON file " + file, e);
        }
        try {
            return parse(content);
        } catch (JsonException e) {
            throw new JsonException(file + ": " + e.getMessage(), e.offset());
        }
    }

    /** The value as a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return (Map<String, Object>) as(value, Map.class, "object");
    }

    /** The value as a JSON array. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return (List<Object>) as(value, List.class, "array");
    }

    /** The value as a string. */
    public static String string(Object value) {
        return as(value, String.class, "string");
    }

    /** The value as a number. */
    public static Number number(Object value) {
        return as(value, Number.class, "number");
    }

    /** The value as an integer that fits in a long (an integral double such as {@code 3.0} is accepted). */
    public static long longValue(Object value) {
        Number n = number(value);
        if (n instanceof Long l) {
            return l;
        }
        if (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1.0p63) {
            return d.longValue();
        }
        throw new JsonException("expected an integer in long range but found " + n, -1);
    }

    /** The value as an integer that fits in an int. */
    public static int intValue(Object value) {
        long l = longValue(value);
        if (l != (int) l) {
            throw new JsonException("expected an integer in int range but found " + l, -1);
        }
        return (int) l;
    }

    /** An array of numbers as doubles. */
    public static double[] doubles(Object value) {
        List<Object> list = array(value);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(list.get(i)).doubleValue();
        }
        return out;
    }

    /** An array of numbers as floats, each rounded from its double value. */
    public static float[] floats(Object value) {
        double[] d = doubles(value);
        float[] out = new float[d.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** An array of integers as longs. */
    public static long[] longs(Object value) {
        List<Object> list = array(value);
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = longValue(list.get(i));
        }
        return out;
    }

    /** An array of integers as ints. */
    public static int[] ints(Object value) {
        List<Object> list = array(value);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intValue(list.get(i));
        }
        return out;
    }

    private static <T> T as(Object value, Class<T> type, String what) {
        if (!type.isInstance(value)) {
            String found = value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(value);
            throw new JsonException("expected a JSON " + what + " but found " + found, -1);
        }
        return type.cast(value);
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private Object readValue() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw error("unexpected character '" + c + "', expected a value");
            }
        };
    }

    private Map<String, Object> readObject() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in object");
            }
        }
    }

    private List<Object> readArray() {
        List<Object> list = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private String readString() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(readHex4());
                default -> {
                    pos -= 2;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
        }
    }

    private char readHex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    private Number readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in exponent");
            }
            skipDigits();
        }
        String literal = text.substring(start, pos);
        if (!integral) {
            return Double.parseDouble(literal);
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private Object readLiteral(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The current character, or 0 at the end of input (never valid where a character is required). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String message) {
        return new JsonException("malformed JSON: " + message + " at offset " + pos, pos);
    }
}
