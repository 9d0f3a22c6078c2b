package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.autograd.Grad;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

class ModelFileTest {
    private static final Map<String, String> META = Map.of("stage", "batchnorm", "vocabulary", ".abcdefghijklmnopqrstuvwxyz",
            "block_size", "3");

    @TempDir
    Path dir;

    private static Sequential trainedLookingModel() {
        var g = new Generator(Generator.LECTURE_SEED);
        var model = LectureModels.deepWithBatchNorm(g);
        model.call(IntArray.of(g.randint(0, 27, 96), 32, 3));   // running statistics off their start values
        return model;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aModelRoundTripsExactly() throws Exception {
        var model = trainedLookingModel();
        Path file = dir.resolve("model.bin");
        ModelFile.save(file, model, META);
        assertThat(listing(dir)).containsExactly("model.bin");

        var fresh = LectureModels.deepWithBatchNorm(new Generator(99));
        Map<String, String> meta = ModelFile.load(file, fresh);
        assertThat(meta).isEqualTo(META);
        model.stateDict().forEach((k, v) ->
                assertThat(fresh.stateDict().get(k).toFloatArray()).as(k).containsExactly(v.toFloatArray()));

        var x = IntArray.of(new Generator(5).randint(0, 27, 96), 32, 3);
        model.eval();
        fresh.eval();
        try (var off = Grad.disabled()) {
            assertThat(fresh.call(x).data().toFloatArray()).containsExactly(model.call(x).data().toFloatArray());
        }
        assertThat(ModelFile.readMetadata(file)).isEqualTo(META);
        // 19 parameters and 12 buffers, in state-dict order.
        var contents = ModelFile.read(file);
        assertThat(contents.tensors().keySet()).containsExactlyElementsOf(model.stateDict().keySet());
        assertThat(contents.file()).isEqualTo(file);
    }

    @Test
    void float64ArraysAndEmptyMetadataRoundTrip() throws Exception {
        var tensors = new LinkedHashMap<String, NdArray>();
        tensors.put("a", NdArray.of(new double[] {1.5, -2.25, Math.PI}, 3));
        tensors.put("s", NdArray.scalar(DType.FLOAT32, 7));
        tensors.put("e", NdArray.zeros(DType.FLOAT32, 0, 4));
        Path file = dir.resolve("raw.bin");
        ModelFile.write(file, tensors, Map.of("note", ""));
        var back = ModelFile.read(file);
        assertThat(back.metadata()).containsEntry("note", "");
        assertThat(back.tensors().get("a").doubles()).containsExactly(1.5, -2.25, Math.PI);
        assertThat(back.tensors().get("s").shape().rank()).isZero();
        assertThat(back.tensors().get("e").shape().dims()).containsExactly(0, 4);
    }

    @Test
    void saveReplacesAnExistingFile() throws Exception {
        Path file = dir.resolve("model.bin");
        var a = LectureModels.mlp(new Generator(1));
        var b = LectureModels.mlp(new Generator(2));
        ModelFile.save(file, a, Map.of("which", "a"));
        ModelFile.save(file, b, Map.of("which", "b"));
        assertThat(ModelFile.readMetadata(file)).containsEntry("which", "b");
        assertThat(listing(dir)).containsExactly("model.bin");
    }

    @Test
    void theFormatIsTheDocumentedOne() throws Exception {
        Path file = dir.resolve("one.bin");
        var tensors = new LinkedHashMap<String, NdArray>();
        tensors.put("w", NdArray.of(new float[] {1f, -2f}, 1, 2));
        ModelFile.write(file, tensors, Map.of("k", "v"));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        byte[] magic = new byte[8];
        b.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("MAKEMORE");
        assertThat(b.getInt()).isEqualTo(1);
        long body = b.getLong();
        assertThat(b.capacity()).isEqualTo(20 + body + 4);
        assertThat(b.getInt()).isEqualTo(1);                       // metadata count
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('k');
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('v');
        assertThat(b.getInt()).isEqualTo(1);                       // tensor count
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('w');
        assertThat(b.get()).isEqualTo((byte) 1);                   // float32
        assertThat(b.get()).isEqualTo((byte) 2);                   // rank
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getInt()).isEqualTo(2);
        assertThat(b.getFloat()).isEqualTo(1f);
        assertThat(b.getFloat()).isEqualTo(-2f);
        var crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        assertThat(b.getInt()).isEqualTo((int) crc.getValue());
        assertThat(b.hasRemaining()).isFalse();
    }

    // ---- rejected files ----

    private Path saved() throws Exception {
        Path file = dir.resolve("model.bin");
        ModelFile.save(file, LectureModels.mlp(new Generator(1)), META);
        return file;
    }

    @Test
    void aFlippedByteIsACorruptedFile() throws Exception {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.load(file, LectureModels.mlp(new Generator(1))))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(file + ": checksum mismatch (stored ")
                .hasMessageEndingWith("): the file is corrupted");
    }

    @Test
    void aTruncatedFileSaysSo() throws Exception {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> ModelFile.read(file))
                .hasMessage(file + ": truncated file: " + (bytes.length - 100) + " bytes, expected " + bytes.length);
        Files.write(file, java.util.Arrays.copyOf(bytes, 12));
        assertThatThrownBy(() -> ModelFile.read(file))
                .hasMessage(file + ": truncated file: 12 bytes, shorter than the 20-byte header");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("truncated file: 0 bytes");
    }

    @Test
    void trailingBytesAreRejected() throws Exception {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length + 3));
        assertThatThrownBy(() -> ModelFile.read(file))
                .hasMessage(file + ": corrupt file: 3 unexpected bytes after the checksum (" + (bytes.length + 3)
                        + " bytes, expected " + bytes.length + ")");
    }

    @Test
    void aWrongMagicIsNotAModelFile() throws Exception {
        Path file = dir.resolve("names.txt");
        Files.writeString(file, "emma\nolivia\nava\n");
        assertThatThrownBy(() -> ModelFile.read(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": not a makemore model file (wrong magic: expected \"MAKEMORE\", found \"emma\\x0aoli\")");
    }

    @Test
    void anotherVersionIsRejected() throws Exception {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        bytes[11] = 2;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file))
                .hasMessage(file + ": unsupported format version 2 (this build reads version 1)");
    }

    @Test
    void aCorruptHeaderLengthIsRejected() throws Exception {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        bytes[12] = (byte) 0x80;   // a negative body length
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageStartingWith(file + ": corrupt header: body length -");
    }

    @Test
    void aMissingFileSaysSo() {
        Path file = dir.resolve("nope.bin");
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessage(file + ": no such file");
    }

    @Test
    void aFileOfAnotherModelIsRejectedNamingEachMismatch() throws Exception {
        Path file = saved();   // C, Linear(30, 200), Tanh, Linear(200, 27)
        var g = new Generator(1);
        var wider = new Sequential(new Embedding(27, 10, g), new Flatten(), new Linear(30, 200, true, g), new Tanh(),
                new Linear(200, 28, true, g));
        assertThatThrownBy(() -> ModelFile.load(file, wider))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": shape of '4.weight' is (200, 27), expected (200, 28); "
                        + "shape of '4.bias' is (27), expected (28)");
        var deeper = new Sequential(new Embedding(27, 10, g), new Flatten(), new Linear(30, 200, false, g),
                new Tanh(), new Linear(200, 27, true, g), new Tanh(), new Linear(27, 27, true, g));
        assertThatThrownBy(() -> ModelFile.load(file, deeper))
                .hasMessage(file + ": missing key '6.weight'; missing key '6.bias'; unexpected key '2.bias'");
    }

    @Test
    void aFailedSaveLeavesNoFileBehind() throws Exception {
        Path file = dir.resolve("model.bin");
        var model = LectureModels.mlp(new Generator(1));
        assertThatThrownBy(() -> ModelFile.write(file, model.stateDict(), META, (ch, bytes) -> {
            bytes.limit(bytes.limit() / 2);
            ch.write(bytes);
            throw new IOException("No space left on device");
        })).isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": cannot write: IOException: No space left on device");
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void aFailedSaveKeepsThePreviousFile() throws Exception {
        Path file = saved();
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> ModelFile.write(file, Map.of(), Map.of(), (ch, bytes) -> {
            throw new IOException("disk on fire");
        })).isInstanceOf(ModelFileException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing(dir)).containsExactly("model.bin");
    }

    @Test
    void savingOverADirectoryFailsCleanly() throws Exception {
        Path target = dir.resolve("model.bin");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> ModelFile.save(target, LectureModels.mlp(new Generator(1)), META))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(target + ": cannot write: ");
        assertThat(listing(dir)).containsExactly("model.bin");
        assertThat(Files.isDirectory(target)).isTrue();
    }

    @Test
    void savingIntoAMissingFolderFails() {
        Path file = dir.resolve("missing").resolve("model.bin");
        assertThatThrownBy(() -> ModelFile.save(file, LectureModels.mlp(new Generator(1)), META))
                .hasMessageStartingWith(file + ": cannot create a temporary file in ");
    }

    @Test
    void emptyNamesCannotBeWritten() {
        Path file = dir.resolve("x.bin");
        var tensors = Map.of("", NdArray.zeros(DType.FLOAT32, 1));
        assertThatThrownBy(() -> ModelFile.write(file, tensors, Map.of()))
                .hasMessage(file + ": cannot write: empty or null tensor name");
    }

    @Test
    void exceptionKnowsItsFile() {
        var e = new ModelFileException(Path.of("m.bin"), "checksum mismatch");
        assertThat(e.file()).isEqualTo(Path.of("m.bin"));
        assertThat(e).hasMessage("m.bin: checksum mismatch");
    }
}
