package dev.makemore.training.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON that {@code --json} prints: objects ({@link Map}, in insertion order), arrays
 * ({@link List}, {@code double[]}), strings, numbers, booleans and null. Integers ({@code int},
 * {@code long}) are written as integers; doubles and floats unrounded, in Java's shortest round-trip
 * form, always with a fraction or an exponent ({@code 3.0}, {@code 1.0E-5}), so scripts reading the
 * output get exactly the values the program computed, with their types; NaN and infinities, which
 * JSON cannot hold, become null.
 */
public final class Json {
    private Json() {
    }

    /**
     * A JSON object of {@code key, value} pairs in the order given, written like the object it prints:
     * {@code Json.object("params", 11897, "train_loss", 2.0674)}. Values may be null; the map may be
     * added to (a command adds the fields of its options).
     *
     * @throws IllegalArgumentException if a key is not a string or the last key has no value
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("JSON object: key " + keysAndValues[keysAndValues.length - 1]
                    + " has no value");
        }
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("JSON object: key " + keysAndValues[i] + " is not a string");
            }
            m.put(key, keysAndValues[i + 1]);
        }
        return m;
    }

    /** {@code value} as compact JSON text. */
    public static String write(Object value) {
        var sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            string(s, sb);
        } else if (value instanceof Boolean b) {
            sb.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            number(((Number) value).doubleValue(), sb);
        } else if (value instanceof Number n) {
            sb.append(n.longValue());
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            String sep = "";
            for (var e : m.entrySet()) {
                sb.append(sep);
                sep = ",";
                string(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? "," : "");
                write(l.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof double[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? "," : "");
                number(a[i], sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void number(double d, StringBuilder sb) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append("null");
        } else {
            // Java's shortest round-trip form ("3.0", "2.0696", "1.0E-5") is valid JSON and keeps a
            // double a double: a whole loss is written 3.0, so readers see a float, not an integer.
            sb.append(d);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
