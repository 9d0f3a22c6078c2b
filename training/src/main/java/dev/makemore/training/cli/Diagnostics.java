package dev.makemore.training.cli;

import dev.makemore.diagnostics.Recorder;
import dev.makemore.diagnostics.Report;
import dev.makemore.training.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The diagnostics of one training run ({@code makemore diagnose}, {@code makemore train --report}):
 * the diagnostics module's {@link Recorder}, which the trainer calls as its observer, and the
 * report written from it.
 */
final class Diagnostics {
    private final Recorder recorder;
    private final Stage stage;

    private Diagnostics(Recorder recorder, Stage stage) {
        this.recorder = recorder;
        this.stage = stage;
    }

    /**
     * A recorder for {@code stage}: full statistics at the steps {@code at} (0-based), or at the last
     * of {@code steps} when {@code at} is null; losses and update ratios at every step.
     */
    static Diagnostics forReport(Stage stage, int steps, int[] at) {
        return new Diagnostics(at == null ? Recorder.atLastStep(steps) : Recorder.atSteps(at), stage);
    }

    Recorder recorder() {
        return recorder;
    }

    /**
     * Writes the HTML report of the run into {@code dir} (the diagnostics module's {@link Report}:
     * every file lands atomically, or none).
     *
     * @return the report's main page
     */
    Path write(Path dir) throws Makemore.InputException {
        try {
            return Report.write(dir, recorder, stage.name() + ": " + stage.title());
        } catch (IOException | UncheckedIOException e) {
            throw new Makemore.InputException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The lecture's text tables of the recorded statistics (what the report's page shows as text). */
    String text() {
        return Report.text(recorder);
    }
}
