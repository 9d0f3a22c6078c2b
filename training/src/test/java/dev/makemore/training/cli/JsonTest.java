package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer against the test reader. */
class JsonTest {

    @Test
    void writesWhatTheReaderReadsBack() {
        var m = new LinkedHashMap<String, Object>();
        m.put("s", "a \"quoted\" \\ line\nwith\ttab and \u0001");
        m.put("i", 2147483647L);
        m.put("n", 7);
        m.put("d", 2.0696123456789);
        m.put("f", 1.5f);
        m.put("whole", 3.0);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("b", true);
        m.put("null", null);
        m.put("list", List.of("x", 1));
        m.put("doubles", new double[] {0.1, Double.POSITIVE_INFINITY});
        m.put("empty", Map.of());
        String text = Json.write(m);
        var back = dev.makemore.core.testing.Json.object(dev.makemore.core.testing.Json.parse(text));
        assertThat(back.keySet()).containsExactlyElementsOf(m.keySet());
        assertThat(back.get("s")).isEqualTo(m.get("s"));
        assertThat(back.get("i")).isEqualTo(2147483647L);
        assertThat(back.get("n")).isEqualTo(7L);
        assertThat(back.get("d")).isEqualTo(2.0696123456789);
        assertThat(back.get("f")).isEqualTo(1.5);
        assertThat(back.get("whole")).isEqualTo(3.0);
        assertThat(Json.write(List.of(3.0, 1e-5, -0.0, 1e300, 12L))).isEqualTo("[3.0,1.0E-5,-0.0,1.0E300,12]");
        assertThat(back.get("nan")).isNull();
        assertThat(back.get("inf")).isNull();
        assertThat(back.get("b")).isEqualTo(true);
        assertThat(back.get("null")).isNull();
        assertThat(back.get("list")).isEqualTo(List.of("x", 1L));
        assertThat(back.get("doubles")).isEqualTo(Arrays.asList(0.1, null));
        assertThat(back.get("empty")).isEqualTo(Map.of());
    }

    @Test
    void objectKeepsItsPairsInOrder() {
        var o = Json.object("z", 1, "a", null, "m", List.of("x"));
        assertThat(o.keySet()).containsExactly("z", "a", "m");
        assertThat(Json.write(o)).isEqualTo("{\"z\":1,\"a\":null,\"m\":[\"x\"]}");
        assertThat(Json.write(Json.object())).isEqualTo("{}");
    }

    @Test
    void objectRefusesAKeyWithoutValueOrNotAString() {
        assertThatThrownBy(() -> Json.object("a", 1, "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key b has no value");
        assertThatThrownBy(() -> Json.object(1, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key 1 is not a string");
    }

    @Test
    void refusesWhatItCannotWrite() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot write java.lang.Object");
    }
}
