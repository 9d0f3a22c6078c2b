package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving under stress, with real processes ({@link SaveLoop}): two writers on one path, and a writer
 * killed (SIGKILL) at a random moment of a save. Whatever happens, the path holds one whole model,
 * and the next save leaves no temporary file behind.
 */
class ModelFileStressTest {
    @TempDir
    Path dir;

    private static Process saveLoop(Path file, String writer, int times, int floats) throws IOException {
        var cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString(), writer,
                Integer.toString(times), Integer.toString(floats));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The file is one whole save: its values are all the round its metadata names. Returns the writer. */
    private static String checkWhole(Path file) throws ModelFileException {
        var contents = ModelFile.read(file);
        int round = Integer.parseInt(contents.metadata().get("round"));
        float[] v = contents.tensors().get("weight").floats();
        for (float x : v) {
            assertThat(x).isEqualTo((float) round);
        }
        return contents.metadata().get("writer");
    }

    @Test
    void twoProcessesSavingToOnePathLeaveOneValidModel() throws Exception {
        Path file = dir.resolve("model.bin");
        int times = 150;
        var a = saveLoop(file, "A", times, 20_000);
        var b = saveLoop(file, "B", times, 20_000);
        int reads = 0;
        // Meanwhile, every read of the path finds one writer's whole model.
        while (a.isAlive() || b.isAlive()) {
            if (Files.exists(file)) {
                assertThat(checkWhole(file)).isIn("A", "B");
                reads++;
            }
        }
        assertThat(a.waitFor()).as(new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(b.waitFor()).as(new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        // The last rename wins, whole: the final round of one writer.
        assertThat(checkWhole(file)).isIn("A", "B");
        assertThat(ModelFile.readMetadata(file).get("round")).isEqualTo(Integer.toString(times));
        assertThat(listing()).containsExactly("model.bin");
        assertThat(reads).isPositive();
    }

    @Test
    void aProcessKilledWhileSavingLeavesTheOldFileAndTheNextSaveNoTemporary() throws Exception {
        Path file = dir.resolve("model.bin");
        ModelFile.write(file, SaveLoop.tensors(0, 10), SaveLoop.metadata("old", 0));
        var random = new SplittableRandom();
        var writers = new ArrayList<String>();
        int strays = 0;
        // Kill until a save was cut short (a temporary file left behind), at most 10 times: 8 MB a
        // save, forced to disk, most of a writer's time is spent inside a save.
        for (int kill = 0; kill < 10 && strays == 0; kill++) {
            var p = saveLoop(file, "killed", 0, 2_000_000);
            var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("started");
            Thread.sleep(50 + random.nextInt(500));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            writers.add(checkWhole(file));
            strays += (int) listing().stream().filter(n -> n.endsWith(".tmp")).count();
        }
        assertThat(writers).allMatch(w -> w.equals("old") || w.equals("killed"));
        assertThat(strays).as("a kill in the middle of a save").isPositive();
        // The next save removes the dead writer's temporary file.
        ModelFile.write(file, SaveLoop.tensors(7, 10), SaveLoop.metadata("next", 7));
        assertThat(listing()).containsExactly("model.bin");
        assertThat(checkWhole(file)).isEqualTo("next");
    }

    @Test
    void aLiveWritersTemporaryFileIsLeftAlone() throws Exception {
        Path file = dir.resolve("model.bin");
        // A temporary file named for this (live) process, and one for a process id that cannot exist.
        Path live = Files.createFile(dir.resolve(".model.bin." + ProcessHandle.current().pid() + "-123.tmp"));
        Path dead = Files.createFile(dir.resolve(".model.bin.999999999999-456.tmp"));
        Path other = Files.createFile(dir.resolve(".other.bin.999999999999-456.tmp"));
        ModelFile.write(file, SaveLoop.tensors(1, 10), SaveLoop.metadata("me", 1));
        assertThat(live).exists();
        assertThat(dead).doesNotExist();
        assertThat(other).as("another file's temporary").exists();
    }
}
