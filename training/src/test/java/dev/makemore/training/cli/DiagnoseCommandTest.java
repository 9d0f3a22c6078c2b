package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import dev.makemore.training.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code makemore diagnose} and {@code makemore train --report}: the diagnostics report. */
class DiagnoseCommandTest {
    @TempDir
    Path tmp;

    @Test
    void diagnoseWritesTheReportWithStatisticsAtTheChosenSteps() throws Exception {
        Path dir = tmp.resolve("report");
        var run = Run.of("diagnose", "--stage", "deep-batchnorm", "--steps", "30", "--at", "0,29", "--out",
                dir.toString(), "--data", TestData.namesFile().toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(dir.resolve("index.html")).isRegularFile();
        assertThat(dir.resolve("report.txt")).isRegularFile();
        assertThat(run.out()).contains("deep-batchnorm: ").contains("47024 parameters").contains("statistics at steps [0, 29]")
                .contains("report written to " + dir.resolve("index.html"));
        assertThat(Files.readString(dir.resolve("index.html"))).contains("deep-batchnorm");
    }

    @Test
    void diagnoseRefusesStepsOutsideTheRun() {
        var run = Run.of("diagnose", "--stage", "deep-tanh", "--steps", "10", "--at", "3,10", "--out",
                tmp.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("makemore: --at: step 10 is outside the run (steps 0 to 9)");
    }

    @Test
    void diagnoseNeedsAFolderItCanWrite() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        var run = Run.of("diagnose", "--stage", "deep-tanh", "--steps", "10", "--out", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("makemore: cannot write --out " + file
                + ": it exists and is not a directory");
    }

    @Test
    void trainWithReportKeepsStdoutToOneJsonObject() {
        Path dir = tmp.resolve("train-report");
        var run = Run.of("train", "--stage", "batchnorm", "--steps", "20", "--report", dir.toString(), "--json",
                "--samples", "2", "--data", TestData.namesFile().toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        assertThat(Json.object(Json.parse(run.out()))).containsKey("train_loss");
        assertThat(run.err()).contains("report written to " + dir.resolve("index.html"));
        assertThat(dir.resolve("index.html")).isRegularFile();
    }
}
