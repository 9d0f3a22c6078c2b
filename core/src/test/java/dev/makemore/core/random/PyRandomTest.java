package dev.makemore.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.core.testing.Json;
import dev.makemore.core.testing.ReferenceFiles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PyRandom} against CPython 3.11: the {@code python_random} part of {@code rng_vectors.json},
 * and a few more values printed by CPython 3.11.7 and written here.
 */
class PyRandomTest {

    static Stream<Arguments> references() {
        return Json.array(ReferenceFiles.jsonObject("rng_vectors.json").get("python_random")).stream()
                .map(Json::object)
                .map(r -> Arguments.of(Json.longValue(r.get("seed")), r));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("references")
    void randomMatchesCPython(long seed, Map<String, Object> ref) {
        PyRandom r = new PyRandom(seed);
        double[] expected = Json.doubles(ref.get("random"));
        double[] actual = new double[expected.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = r.random();
        }
        assertThat(actual).containsExactly(expected);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("references")
    void shuffleOfTheNamesSizedListMatchesCPython(long seed, Map<String, Object> ref) {
        int n = 32033; // the number of names in names.txt
        int[] values = IntStream.range(0, n).toArray();
        new PyRandom(seed).shuffle(values);
        assertThat(Arrays.copyOfRange(values, 0, 20)).containsExactly(Json.ints(ref.get("shuffle_range_32033_first20")));
        assertThat(Arrays.copyOfRange(values, n - 20, n)).containsExactly(Json.ints(ref.get("shuffle_range_32033_last20")));
        long checksum = 0;
        for (int i = 0; i < n; i++) {
            checksum = (checksum + (long) i * values[i]) % 1_000_000_007L;
        }
        assertThat(checksum).isEqualTo(Json.longValue(ref.get("shuffle_range_32033_sum_i_times_v_mod_1e9_7")));

        List<Integer> list = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        new PyRandom(seed).shuffle(list);
        assertThat(list.stream().mapToInt(Integer::intValue).toArray()).containsExactly(values);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("references")
    void shuffleOfTenMatchesCPython(long seed, Map<String, Object> ref) {
        int[] values = IntStream.range(0, 10).toArray();
        new PyRandom(seed).shuffle(values);
        assertThat(values).containsExactly(Json.ints(ref.get("shuffle_range_10")));
    }

    @Test
    void theReferenceHasTheLectureSeed() {
        assertThat(references()).extracting(a -> a.get()[0]).contains(42L);
    }

    @Test
    void getrandbitsMatchesCPython() {
        // random.Random(42).getrandbits(32) x3
        PyRandom r = new PyRandom(42);
        assertThat(new long[] {r.getrandbits(32), r.getrandbits(32), r.getrandbits(32)})
                .containsExactly(2746317213L, 478163327L, 107420369L);
        // random.Random(42): getrandbits(40) x3, getrandbits(63), getrandbits(1) x8
        r = new PyRandom(42);
        assertThat(new long[] {r.getrandbits(40), r.getrandbits(40), r.getrandbits(40)})
                .containsExactly(123005401501L, 811856239313L, 267469214295L);
        assertThat(r.getrandbits(63)).isEqualTo(1287010195568088798L);
        long[] bits = new long[8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = r.getrandbits(1);
        }
        assertThat(bits).containsExactly(1, 0, 1, 1, 1, 1, 0, 1);
        assertThat(r.getrandbits(0)).isZero();
        PyRandom bad = r;
        assertThatThrownBy(() -> bad.getrandbits(64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bad.getrandbits(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randbelowMatchesCPython() {
        // random.Random(42)._randbelow(10) x10, then _randbelow(2**40 + 3) x2
        PyRandom r = new PyRandom(42);
        long[] small = new long[10];
        for (int i = 0; i < small.length; i++) {
            small[i] = r.randbelow(10);
        }
        assertThat(small).containsExactly(1, 0, 4, 3, 3, 2, 1, 8, 1, 9);
        assertThat(r.randbelow((1L << 40) + 3)).isEqualTo(70531617177L);
        assertThat(r.randbelow((1L << 40) + 3)).isEqualTo(201991441006L);
        assertThatThrownBy(() -> r.randbelow(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedingMatchesCPythonForZeroNegativeAndMultiWordSeeds() {
        assertThat(new PyRandom(0).random()).isEqualTo(0.8444218515250481);
        assertThat(new PyRandom(-7).random()).isEqualTo(0.32383276483316237);
        assertThat(new PyRandom(7).random()).isEqualTo(0.32383276483316237);
        assertThat(new PyRandom(4294967295L).random()).isEqualTo(0.6353574441341173);
        PyRandom big = new PyRandom(BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(5)));
        assertThat(big.random()).isEqualTo(0.5105783769365112);
        assertThat(big.random()).isEqualTo(0.8797586528012199);
    }

    @Test
    void reseedingRestarts() {
        PyRandom r = new PyRandom(1);
        r.random();
        r.seed(42);
        assertThat(r.random()).isEqualTo(0.6394267984578837);
        r.seed(BigInteger.valueOf(42));
        assertThat(r.random()).isEqualTo(0.6394267984578837);
    }

    @Test
    void shuffleOfAListOfStringsMatchesCPython() {
        // r = random.Random(42); l = list('abcdef'); r.shuffle(l)
        List<String> letters = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
        new PyRandom(42).shuffle(letters);
        assertThat(letters).containsExactly("d", "b", "c", "e", "a", "f");
    }

    @Test
    void shufflingNothingOrOneElementDrawsNothing() {
        PyRandom r = new PyRandom(42);
        r.shuffle(new int[0]);
        r.shuffle(new int[] {5});
        r.shuffle(new ArrayList<String>());
        assertThat(r.random()).isEqualTo(0.6394267984578837);
    }
}
