package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.makemore.training.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a real process: Ctrl-C, and a batch larger than the heap. */
class ProcessTest {
    @TempDir
    Path tmp;

    private static String data() {
        return TestData.namesFile().toString();
    }

    private static boolean posix() {
        return Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill"));
    }

    @Test
    void ctrlCDuringTrainSaveSaysWhereItStoppedWritesNoModelAndExitsWith130() throws Exception {
        assumeTrue(posix() && (!Forked.sigintIgnored() || Files.isExecutable(Path.of("/usr/bin/perl"))),
                "needs kill(1), and SIGINT not ignored (or perl to restore it)");
        Path model = tmp.resolve("model.bin");
        Files.writeString(model, "the old model");
        try (var run = Forked.start(List.of("-Xmx512m"), "train", "--stage", "original", "--steps", "100000000",
                "--data", data(), "--save", model.toString())) {
            // The loss log's first line: training has started.
            assertThat(run.awaitOut(" *0/100000000: .*", 60)).as("the first loss line").isNotNull();
            run.signal("INT");
            assertThat(run.exitStatus(30)).isEqualTo(130);
            assertThat(run.errLines()).singleElement().asString()
                    .matches("makemore: interrupted: training stopped at step [1-9][0-9]* of 100000000; no model was"
                            + " written");
        }
        assertThat(Files.readString(model)).isEqualTo("the old model");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.bin");
        }
    }

    @Test
    void aMillionExampleBatchInASmallHeapIsRefusedBeforeTraining() throws IOException, InterruptedException {
        try (var run = Forked.start(List.of("-Xmx256m"), "train", "--stage", "batchnorm", "--batch-size", "1000000",
                "--data", data())) {
            assertThat(run.exitStatus(60)).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("makemore: --batch-size 1000000 needs about ")
                    .contains("give it more memory with MAKEMORE_JAVA_OPTS=-Xmx")
                    .doesNotContain("OutOfMemoryError");
        }
    }

    /** Whether this user may mount a tmpfs in a user and mount namespace of its own (unshare -rm). */
    private static boolean canMountTmpfs() {
        try {
            var p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aFullDiskGivesExitTwoAndKeepsTheOldModel() throws Exception {
        assumeTrue(canMountTmpfs(), "needs unshare -rm and tmpfs to make a small full disk");
        Path old = tmp.resolve("old.bin");
        var first = Run.of("train", "--stage", "original", "--steps", "5", "--data", data(), "--save", old.toString(),
                "--quiet", "--samples", "0");
        assertThat(first.status()).as(first.err()).isZero();
        Path disk = Files.createDirectory(tmp.resolve("disk"));
        Path model = disk.resolve("model.bin");
        // In a namespace of its own: a 256 KB tmpfs on disk/, the old model copied there, the rest
        // filled; then makemore saves over the old model; then what the disk holds is reported.
        String script = "mount -t tmpfs -o size=256k tmpfs \"$1\" || exit 99; cp \"$2\" \"$1/model.bin\";"
                + " cat /dev/zero > \"$1/filler\" 2>/dev/null; d=$1; o=$2; shift 2; \"$@\"; s=$?;"
                + " echo \"files: $(ls -A \"$d\" | tr '\\n' ' ')\"; cmp -s \"$o\" \"$d/model.bin\" && echo intact; exit $s";
        try (var run = Forked.start(List.of("unshare", "-rm", "sh", "-c", script, "sh", disk.toString(),
                old.toString()), List.of("-Xmx512m"), "train", "--stage", "original", "--steps", "5", "--data", data(),
                "--save", model.toString(), "--quiet", "--samples", "0")) {
            assertThat(run.exitStatus(60)).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("makemore: model file " + model + ": cannot write: ")
                    .contains("No space left on device");
            assertThat(run.awaitOut("files: .*", 5)).isEqualTo("files: filler model.bin ");
            assertThat(run.awaitOut("intact", 5)).isEqualTo("intact");
        }
    }
}
