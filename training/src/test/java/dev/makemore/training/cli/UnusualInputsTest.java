package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.training.testing.TestData;
import dev.makemore.training.Stage;
import dev.makemore.training.data.Splits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs of issue 17's table, as a new user gives them: each gets one clear line and exit 2, or
 * is read as Python would read it.
 */
class UnusualInputsTest {
    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static List<String> realNames(int n) throws IOException {
        return Files.readAllLines(TestData.namesFile()).subList(0, n);
    }

    @Test
    void aFileOfOneNameSaysTheTrainingSplitIsEmptyAndHowManyNamesAreNeeded() throws IOException {
        Path one = write("one.txt", "a\n".getBytes(StandardCharsets.UTF_8));
        var run = Run.of("train", "--stage", "kaiming", "--steps", "10", "--data", one.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("makemore: " + one + ": the training split is empty: 1 name is"
                + " too few for the lecture's split (80% train, 10% val, 10% test); give at least "
                + Splits.MINIMUM_WORDS + " names");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theMinimumNumberOfNamesTrains() throws IOException {
        var names = realNames(Splits.MINIMUM_WORDS);
        Path few = write("few.txt", String.join("\n", names).getBytes(StandardCharsets.UTF_8));
        var run = Run.of("train", "--stage", "kaiming", "--steps", "10", "--data", few.toString(), "--json");
        assertThat(run.status()).as(run.err()).isZero();
        Path fewer = write("fewer.txt", String.join("\n", names.subList(1, names.size())).getBytes(StandardCharsets.UTF_8));
        var refused = Run.of("train", "--stage", "kaiming", "--steps", "10", "--data", fewer.toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains(" split is empty: "
                + (Splits.MINIMUM_WORDS - 1) + " names are too few");
    }

    @Test
    void aNotepadFileWithAByteOrderMarkTrainsLikeTheSameFileWithout() throws IOException {
        var names = realNames(300);
        byte[] plain = (String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8);
        var notepad = new ByteArrayOutputStream();
        notepad.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        notepad.writeBytes((String.join("\r\n", names) + "\r\n").getBytes(StandardCharsets.UTF_8));
        String[] args = {"train", "--stage", "batchnorm", "--steps", "20", "--json", "--quiet", "--data"};
        var withBom = run(args, write("notepad.txt", notepad.toByteArray()));
        var without = run(args, write("plain.txt", plain));
        assertThat(withBom.status()).as(withBom.err()).isZero();
        // The same network, losses and samples; only the step time differs from run to run.
        assertThat(withoutTime(withBom.out())).doesNotContain("\\ufeff").doesNotContain("\uFEFF")
                .isEqualTo(withoutTime(without.out()));
    }

    private static String withoutTime(String json) {
        assertThat(json).contains("\"us_per_step\"");
        return json.replaceAll("\"us_per_step\": *[0-9.eE+-]+", "");
    }

    private static Run run(String[] args, Path data) {
        var all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = data.toString();
        return Run.of(all);
    }

    @Test
    void aBatchTooLargeForTheHeapIsRefusedBeforeTrainingWithTheMemoryItNeeds() {
        var run = Run.of("train", "--stage", "deep-batchnorm", "--batch-size", Integer.toString(Integer.MAX_VALUE),
                "--data", TestData.namesFile().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("makemore: --batch-size 2147483647 needs about ")
                .contains(" GB for one training step (")
                .contains("give it more memory with MAKEMORE_JAVA_OPTS=-Xmx")
                .contains("or use a --batch-size of at most ");
        assertThat(run.out()).as("refused before the header is printed").isEmpty();
    }

    @Test
    void theMemoryMessageSaysWhatTheBatchNeedsWhatIsFreeAndWhatToAsk() {
        long gb = 1L << 30;
        // 10,000 bytes an example: 1,000,000 examples are 9.3 GB; a 2 GB heap with 0.5 GB used has 1.1 GB to spare.
        assertThat(BatchMemory.tooLarge(1_000_000, 10_000, 2 * gb, gb / 2)).isEqualTo("--batch-size 1000000 needs"
                + " about 9.3 GB for one training step (10,000 bytes per example), more than the 1.1 GB this JVM can"
                + " still use: give it more memory with MAKEMORE_JAVA_OPTS=-Xmx13g, or use a --batch-size of at most"
                + " 120795");
        // The suggestions are consistent: the smaller batch fits, so does the batch in the suggested heap.
        assertThat(BatchMemory.tooLarge(120_795, 10_000, 2 * gb, gb / 2)).isNull();
        assertThat(BatchMemory.tooLarge(120_796, 10_000, 2 * gb, gb / 2)).isNotNull();
        assertThat(BatchMemory.tooLarge(1_000_000, 10_000, 13 * gb, gb / 2)).isNull();
        assertThat(BatchMemory.tooLarge(32, -1, 0, 0)).as("unmeasurable: not refused").isNull();
    }

    @Test
    void theMeasuredBytesPerExampleHoldAtLeastTheLogitsAndGrowWithTheNetwork() {
        long original = BatchMemory.bytesPerExample(Stage.byName("original"), 27);
        long deep = BatchMemory.bytesPerExample(Stage.byName("deep-batchnorm"), 27);
        // Logits and their gradient, float32: 2 * 27 * 4 bytes; the hidden layer of 200 likewise.
        assertThat(original).isGreaterThan(2 * (27 + 200) * 4);
        // Six layers of 100 with BatchNorm keep more per example than one of 200.
        assertThat(deep).isGreaterThan(original);
    }
}
