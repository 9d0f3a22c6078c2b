package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void ctrlCDuringTrainSaveSaysWhereItStoppedWritesNoModelAndExitsWith130() throws Exception {
        // A POSIX system (kill(1)); where this JVM was started with SIGINT ignored, Forked restores it with perl.
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

    /**
     * A save that runs out of room mid-file: exit 2, one line, and the old model untouched. Where this
     * user may mount a tmpfs in a namespace of its own (unshare -rm), the disk is a real 256 KB tmpfs,
     * filled, and the write fails with ENOSPC; elsewhere (macOS, Linux without unprivileged user
     * namespaces) the file-size limit of the process ({@code ulimit -f}) makes the same write fail with
     * EFBIG ("File too large"), which needs no privilege. Either way the test runs: it never skips.
     */
    @Test
    void aFullDiskGivesExitTwoAndKeepsTheOldModel() throws Exception {
        Path old = tmp.resolve("old.bin");
        var first = Run.of("train", "--stage", "original", "--steps", "5", "--data", data(), "--save", old.toString(),
                "--quiet", "--samples", "0");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(Files.size(old)).as("the model is larger than the 8 KB the file-size limit allows").isGreaterThan(16384);
        Path disk = Files.createDirectory(tmp.resolve("disk"));
        Path model = disk.resolve("model.bin");
        boolean tmpfs = canMountTmpfs();
        // The old model copied onto the disk (before any limit), then makemore saves over it, then what
        // the disk holds is reported. A file-size limit of 16 blocks (8 KB at most) stops the save's
        // temporary file part-way; the JVM ignores SIGXFSZ, so the write fails with EFBIG.
        String script = tmpfs
                ? "mount -t tmpfs -o size=256k tmpfs \"$1\" || exit 99; cp \"$2\" \"$1/model.bin\";"
                        + " cat /dev/zero > \"$1/filler\" 2>/dev/null; d=$1; o=$2; shift 2; \"$@\"; s=$?;"
                        + " echo \"files: $(ls -A \"$d\" | tr '\\n' ' ')\"; cmp -s \"$o\" \"$d/model.bin\" && echo intact; exit $s"
                : "cp \"$2\" \"$1/model.bin\" || exit 99; d=$1; o=$2; shift 2; (ulimit -f 16 && exec \"$@\"); s=$?;"
                        + " echo \"files: $(ls -A \"$d\" | tr '\\n' ' ')\"; cmp -s \"$o\" \"$d/model.bin\" && echo intact; exit $s";
        var wrapper = tmpfs ? List.of("unshare", "-rm", "sh", "-c", script, "sh", disk.toString(), old.toString())
                : List.of("sh", "-c", script, "sh", disk.toString(), old.toString());
        try (var run = Forked.start(wrapper, List.of("-Xmx512m", "-XX:-UsePerfData"), "train", "--stage", "original",
                "--steps", "5", "--data", data(), "--save", model.toString(), "--quiet", "--samples", "0")) {
            assertThat(run.exitStatus(60)).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("makemore: model file " + model + ": cannot write: ")
                    .contains(tmpfs ? "No space left on device" : "File too large");
            assertThat(run.awaitOut("files: .*", 5)).isEqualTo(tmpfs ? "files: filler model.bin " : "files: model.bin ");
            assertThat(run.awaitOut("intact", 5)).isEqualTo("intact");
        }
    }
}
