package dev.makemore.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @Test
    void parsesNestedValuesKeepingKeyOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5, 3e2, true, false, null], \"a\": {\"s\": \"x\"}, \"e\": []} ");
        Map<String, Object> root = Json.object(v);
        assertThat(root.keySet()).containsExactly("b", "a", "e");
        assertThat(Json.array(root.get("b"))).containsExactly(1L, -2.5, 300.0, true, false, null);
        assertThat(Json.string(Json.object(root.get("a")).get("s"))).isEqualTo("x");
        assertThat(Json.array(root.get("e"))).isEmpty();
        assertThat(Json.object(Json.parse("{}"))).isEmpty();
    }

    @Test
    void numbersKeepTheirKind() {
        assertThat(Json.parse("2147483647")).isEqualTo(2147483647L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("1.0")).isEqualTo(1.0);
        // A float32 written as its exact decimal double round-trips to the same float.
        assertThat(Json.floats(Json.parse("[1.5673619508743286]"))).containsExactly(1.5673619508743286f);
        assertThat(Float.floatToIntBits((float) (double) Json.parse("1.5673619508743286")))
                .isEqualTo(Float.floatToIntBits(1.5673619508743286f));
    }

    @Test
    void decodesStringEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u4e2D\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\u4e2d");
    }

    @Test
    void typedHelpersConvertArrays() {
        Object v = Json.parse("[3, 4.0, -5]");
        assertThat(Json.ints(v)).containsExactly(3, 4, -5);
        assertThat(Json.longs(v)).containsExactly(3L, 4L, -5L);
        assertThat(Json.doubles(v)).containsExactly(3.0, 4.0, -5.0);
        assertThatThrownBy(() -> Json.ints(Json.parse("[1.5]")))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> Json.ints(Json.parse("[4294967296]")))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("int range");
        assertThatThrownBy(() -> Json.object(Json.parse("[1]")))
                .isInstanceOf(Json.JsonException.class).hasMessageContaining("expected a JSON object but found");
        assertThatThrownBy(() -> Json.string(null)).hasMessageContaining("found null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2                | 5 | expected ',' or ']'",
        "{\"a\" 1}            | 5 | expected ':'",
        "{\"a\": 1,}          | 8 | expected a string key",
        "[01]                 | 2 | expected ',' or ']'",
        "[1.]                 | 3 | expected a digit after '.'",
        "[-]                  | 2 | expected a digit",
        "[1e]                 | 3 | expected a digit in exponent",
        "tru                  | 0 | invalid literal",
        "\"abc                | 4 | unterminated string",
        "\"\\x\"              | 1 | invalid escape",
        "\"\\u12G4\"          | 5 | invalid hex digit",
        "{\"a\": 1, \"a\": 2} | 9 | duplicate key",
        "[1] x                | 4 | unexpected trailing content",
        "@                    | 0 | unexpected character '@'",
    })
    void malformedInputNamesTheOffset(String input, int offset, String message) {
        assertThatThrownBy(() -> Json.parse(input))
                .isInstanceOfSatisfying(Json.JsonException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessageContaining(message)
                .hasMessageContaining("at offset " + offset);
    }

    @Test
    void emptyInputAndControlCharactersAreRejected() {
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end of input");
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("unescaped control character in string at offset 2");
    }

    @Test
    void readsFilesAndNamesThemInErrors(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"), "{\"x\": [1, 2]}");
        assertThat(Json.ints(Json.object(Json.read(good)).get("x"))).containsExactly(1, 2);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"x\": [1, 2}");
        assertThatThrownBy(() -> Json.read(bad))
                .isInstanceOfSatisfying(Json.JsonException.class, e -> assertThat(e.offset()).isEqualTo(11))
                .hasMessageContaining("bad.json");
        assertThatThrownBy(() -> Json.read(dir.resolve("missing.json"))).hasMessageContaining("missing.json");
    }

    @Test
    void listsAreOrdinaryLists() {
        assertThat(Json.parse("[[1], [2, [3]]]")).isEqualTo(List.of(List.of(1L), List.of(2L, List.of(3L))));
    }
}
