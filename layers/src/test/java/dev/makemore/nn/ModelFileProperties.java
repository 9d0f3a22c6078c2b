package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Properties of the model file format: any state dict and metadata round-trip bit for bit; every
 * truncation and every single-byte change of a valid file is rejected with the message the class
 * comment of {@link ModelFile} documents for the part of the file it hits.
 */
class ModelFileProperties {
    private static final Path NAME = Path.of("model.bin");
    private Path dir;

    @BeforeProperty
    void createDir() throws Exception {
        dir = Files.createTempDirectory("model-file-properties");
    }

    @AfterProperty
    void deleteDir() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** A state dict and its metadata. */
    record Model(Map<String, NdArray> tensors, Map<String, String> metadata) {
    }

    private byte[] bytesOf(Model m) throws Exception {
        Path file = dir.resolve("model.bin");
        ModelFile.write(file, m.tensors(), m.metadata());
        return Files.readAllBytes(file);
    }

    @Property(tries = 100)
    void aModelRoundTripsBitForBit(@ForAll("models") Model m) throws Exception {
        Path file = dir.resolve("model.bin");
        ModelFile.write(file, m.tensors(), m.metadata());
        byte[] first = Files.readAllBytes(file);
        var read = ModelFile.read(file);
        assertThat(read.metadata()).containsExactlyEntriesOf(m.metadata());
        assertThat(List.copyOf(read.tensors().keySet())).containsExactlyElementsOf(m.tensors().keySet());
        m.tensors().forEach((name, a) -> {
            NdArray b = read.tensors().get(name);
            assertThat(b.dtype()).isEqualTo(a.dtype());
            assertThat(b.shape()).isEqualTo(a.shape());
            for (int i = 0; i < a.size(); i++) {
                if (a.dtype() == DType.FLOAT32) {
                    assertThat(Float.floatToRawIntBits(b.floats()[i])).isEqualTo(Float.floatToRawIntBits(a.floats()[i]));
                } else {
                    assertThat(Double.doubleToRawLongBits(b.doubles()[i]))
                            .isEqualTo(Double.doubleToRawLongBits(a.doubles()[i]));
                }
            }
        });
        // Written again from what was read: the same bytes.
        ModelFile.write(file, read.tensors(), read.metadata());
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
    }

    @Property(tries = 30)
    void everyTruncationIsRejected(@ForAll("models") Model m) throws Exception {
        byte[] bytes = bytesOf(m);
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, n);
            // A file cut inside the magic still begins with the magic's first bytes: it is truncated.
            assertThatThrownBy(() -> ModelFile.parse(NAME, cut)).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith("model.bin: truncated file: " + n + " bytes, ");
        }
    }

    @Property(tries = 30)
    void everySingleByteChangeIsRejected(@ForAll("models") Model m, @ForAll("masks") byte mask) throws Exception {
        byte[] bytes = bytesOf(m);
        for (int at = 0; at < bytes.length; at++) {
            byte[] changed = bytes.clone();
            changed[at] ^= mask;
            String expected = at < 8 ? "not a makemore model file \\(wrong magic"
                    : at < 12 ? "unsupported format version "
                    // The body length: longer or shorter than the file, or impossible.
                    : at < 20 ? "(truncated file|corrupt file|corrupt header)"
                    : "checksum mismatch";
            assertThatThrownBy(() -> ModelFile.parse(NAME, changed)).as("byte %d ^ %02x", at, mask)
                    .isInstanceOf(ModelFileException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsPattern("^model\\.bin: " + expected));
        }
    }

    @Provide
    Arbitrary<Byte> masks() {
        return Arbitraries.bytes().filter(b -> b != 0);
    }

    @Provide
    Arbitrary<Model> models() {
        Arbitrary<NdArray> tensor = Arbitraries.integers().between(0, 3).flatMap(rank ->
                Arbitraries.integers().between(0, 5).array(int[].class).ofSize(rank).flatMap(dims -> {
                    int size = 1;
                    for (int d : dims) {
                        size *= d;
                    }
                    int n = size;
                    // Any bit pattern but a NaN's payload, which a float load may quieten.
                    Arbitrary<NdArray> f32 = Arbitraries.integers().map(Float::intBitsToFloat)
                            .filter(f -> !Float.isNaN(f) || Float.floatToRawIntBits(f) == 0x7fc00000)
                            .array(float[].class).ofSize(n).map(v -> NdArray.of(v, dims));
                    Arbitrary<NdArray> f64 = Arbitraries.longs().map(Double::longBitsToDouble)
                            .filter(d -> !Double.isNaN(d)).array(double[].class).ofSize(n)
                            .map(v -> NdArray.of(v, dims));
                    return Arbitraries.oneOf(f32, f64);
                }));
        Arbitrary<String> key = Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(ModelFileProperties::wellFormed);
        Arbitrary<String> value = Arbitraries.strings().ofMaxLength(40).filter(ModelFileProperties::wellFormed);
        Arbitrary<Map<String, NdArray>> tensors = Arbitraries.maps(key, tensor).ofMaxSize(5).map(LinkedHashMap::new);
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(key, value).ofMaxSize(6).map(LinkedHashMap::new);
        return Combinators.combine(tensors, metadata).as(Model::new);
    }

    /** No unpaired surrogate: text UTF-8 can hold (the writer refuses the rest, tested below). */
    private static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    @Property(tries = 50)
    void anUnpairedSurrogateInMetadataIsRefusedNotChanged(@ForAll("surrogates") char lone) {
        Path file = dir.resolve("model.bin");
        assertThatThrownBy(() -> ModelFile.write(file, Map.of(), Map.of("vocabulary", "." + lone + "a")))
                .isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith(": cannot write: metadata value holds an unpaired surrogate (not valid Unicode)");
        assertThat(file).doesNotExist();
    }

    @Provide
    Arbitrary<Character> surrogates() {
        return Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
    }
}
