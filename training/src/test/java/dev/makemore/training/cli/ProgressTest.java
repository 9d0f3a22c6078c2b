package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.training.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The loss log and the progress bar. */
class ProgressTest {

    @Test
    void logsEveryTenThousandStepsAsTheLectureDoes() {
        var text = new StringWriter();
        try (var p = new Progress("kaiming", 30_000, new PrintWriter(text), null)) {
            assertThat(p.hasBar()).isFalse();
            for (int i = 0; i < 30_000; i++) {
                p.afterUpdate(i, 3.0 - i * 1e-5, 0.1, null, null);
            }
        }
        assertThat(text.toString().lines()).containsExactly("      0/  30000: 3.0000", "  10000/  30000: 2.9000",
                "  20000/  30000: 2.8000");
    }

    @Test
    void drawsABarOnlyForLongRunsOnATerminal() {
        var bytes = new ByteArrayOutputStream();
        var stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (var shortRun = new Progress("x", Progress.BAR_MIN_STEPS - 1, null, stream)) {
            assertThat(shortRun.hasBar()).isFalse();
        }
        var log = new StringWriter();
        try (var p = new Progress("batchnorm", 3000, new PrintWriter(log), stream)) {
            assertThat(p.hasBar()).isTrue();
            for (int i = 0; i < 3000; i++) {
                p.afterUpdate(i, 2.5, 0.1, null, null);
            }
        }
        assertThat(log.toString()).isEqualTo("      0/   3000: 2.5000" + System.lineSeparator());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("batchnorm").contains("loss 2.5000")
                .contains("steps");
    }

    @Test
    void trainDrawsTheBarOnStderrWhenItIsATerminal() {
        var run = Run.with(cli -> cli.withTerminal(true), "train", "--stage", "fix-tanh", "--steps", "2000", "--data",
                TestData.namesFile().toString(), "--json", "--samples", "1");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("fix-tanh").contains("steps").containsPattern("      0/   2000: 3\\.31\\d\\d");
        assertThat(run.outLines()).hasSize(1);
    }

    @Test
    void theTerminalTestHonoursTheScriptsProperty() {
        String old = System.getProperty(Cli.TTY_PROPERTY);
        try {
            System.setProperty(Cli.TTY_PROPERTY, "true");
            assertThat(Cli.stderrIsTerminal()).isTrue();
            System.setProperty(Cli.TTY_PROPERTY, "false");
            assertThat(Cli.stderrIsTerminal()).isFalse();
            System.clearProperty(Cli.TTY_PROPERTY);
            // Under the test runner stdin/stdout are not a terminal.
            assertThat(Cli.stderrIsTerminal()).isFalse();
        } finally {
            if (old == null) {
                System.clearProperty(Cli.TTY_PROPERTY);
            } else {
                System.setProperty(Cli.TTY_PROPERTY, old);
            }
        }
    }
}
