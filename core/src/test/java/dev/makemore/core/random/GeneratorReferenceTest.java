package dev.makemore.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.makemore.core.testing.Json;
import dev.makemore.core.testing.ReferenceFiles;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Generator} against {@code rng_vectors.json}: numbers recorded from PyTorch 1.13's CPU
 * generator. Each case is one {@code torch.Generator().manual_seed(seed)} whose steps run in order on
 * that one generator, so any extra or missing draw shows up in every later step.
 *
 * <p>Everything is asserted exactly, including {@code randn} of 16 or more elements (the vectorised
 * float32 path), which {@link VectorizedBoxMuller} reproduces bit for bit.
 */
class GeneratorReferenceTest {
    private static final String FILE = "rng_vectors.json";

    static Stream<Arguments> cases() {
        List<Object> cases = Json.array(ReferenceFiles.jsonObject(FILE).get("cases"));
        return cases.stream().map(c -> {
            Map<String, Object> tc = Json.object(c);
            return Arguments.of(Json.longValue(tc.get("seed")), Json.array(tc.get("steps")));
        });
    }

    @Test
    void theReferenceCoversTheLectureSeedAndBothRandnPaths() {
        List<Object> cases = Json.array(ReferenceFiles.jsonObject(FILE).get("cases"));
        assertThat(cases).extracting(c -> Json.longValue(Json.object(c).get("seed"))).contains(Generator.LECTURE_SEED);
        List<Object> steps = Json.array(Json.object(cases.get(0)).get("steps"));
        assertThat(steps).extracting(s -> Json.string(Json.object(s).get("op")))
                .contains("randn", "randint", "rand", "multinomial");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cases")
    void everyStepMatchesPyTorch(long seed, List<Object> steps) {
        Generator g = new Generator(seed);
        int index = 0;
        for (Object s : steps) {
            Map<String, Object> step = Json.object(s);
            String op = Json.string(step.get("op"));
            String where = "seed " + seed + ", step " + index + " (" + op + ")";
            switch (op) {
                case "randn" -> {
                    float[] expected = Json.floats(step.get("values"));
                    assertThat(expected).hasSize(elementCount(step));
                    assertBitExact(where, expected, g.randn(expected.length));
                }
                case "rand" -> {
                    float[] expected = Json.floats(step.get("values"));
                    assertThat(expected).hasSize(elementCount(step));
                    assertThat(g.rand(expected.length)).as(where).containsExactly(expected);
                }
                case "randint" -> {
                    int[] expected = Json.ints(step.get("values"));
                    assertThat(expected).hasSize(elementCount(step));
                    long low = Json.longValue(step.get("low"));
                    long high = Json.longValue(step.get("high"));
                    assertThat(g.randint(low, high, expected.length)).as(where).containsExactly(expected);
                }
                case "multinomial" -> {
                    float[] probs = Json.floats(step.get("probs"));
                    assertThat(Json.intValue(step.get("num_samples"))).isEqualTo(1);
                    int repeat = Json.intValue(step.get("repeat"));
                    int[] expected = Json.ints(step.get("values"));
                    assertThat(expected).hasSize(repeat);
                    int[] actual = new int[repeat];
                    for (int r = 0; r < repeat; r++) {
                        actual[r] = g.multinomial(probs);
                    }
                    assertThat(actual).as(where).containsExactly(expected);
                }
                default -> fail("unknown op '%s' in %s", op, where);
            }
            index++;
        }
        assertThat(index).as("steps run").isGreaterThanOrEqualTo(10);
    }

    /**
     * Exact comparison that, on failure, says where the first difference is, how many elements differ
     * and by how much at most, instead of printing thousands of floats.
     */
    private static void assertBitExact(String where, float[] expected, float[] actual) {
        assertThat(actual).as(where).hasSameSizeAs(expected);
        int first = -1;
        int count = 0;
        double maxError = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                first = first < 0 ? i : first;
                count++;
                maxError = Math.max(maxError, Math.abs((double) actual[i] - expected[i]));
            }
        }
        if (count > 0) {
            fail("%s: %d of %d elements differ, max abs error %.3g; first at %d: expected %s but was %s",
                    where, count, expected.length, maxError, first, expected[first], actual[first]);
        }
    }

    private static int elementCount(Map<String, Object> step) {
        int n = 1;
        for (int d : Json.ints(step.get("shape"))) {
            n *= d;
        }
        return n;
    }
}
