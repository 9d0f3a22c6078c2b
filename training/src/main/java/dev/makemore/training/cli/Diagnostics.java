package dev.makemore.training.cli;

import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.Recorder;
import dev.makemore.diagnostics.Report;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import dev.makemore.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnostics module's {@link Recorder} attached to a training run ({@code makemore diagnose},
 * {@code makemore train --report}): the trainer's listener calls are passed on as the recorder's
 * {@code beforeBackward} / {@code afterUpdate}, with the lecture's view of the network (the
 * embedding {@code C}, then its {@code layers}).
 */
final class Diagnostics implements Trainer.Listener {
    private final Recorder recorder;
    private final Stage stage;
    private List<Module> layers;
    private List<Tensor> parameters;

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

    private void bind(Network network) {
        if (layers == null) {
            var view = new ArrayList<Module>();
            view.add(network.embedding());
            view.addAll(network.layers());
            layers = List.copyOf(view);
            parameters = network.parameters();
        }
    }

    @Override
    public void beforeBackward(int step, Network network) {
        bind(network);
        recorder.beforeBackward(step, layers);
    }

    @Override
    public void afterStep(int step, double loss, double lr, Network network) {
        bind(network);
        recorder.afterUpdate(step, loss, lr, layers, parameters);
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

    /** Both listeners in turn ({@code b} may be null). */
    static Trainer.Listener combine(Trainer.Listener a, Trainer.Listener b) {
        if (b == null) {
            return a;
        }
        return new Trainer.Listener() {
            @Override
            public void beforeBackward(int step, Network network) {
                a.beforeBackward(step, network);
                b.beforeBackward(step, network);
            }

            @Override
            public void afterStep(int step, double loss, double lr, Network network) {
                a.afterStep(step, loss, lr, network);
                b.afterStep(step, loss, lr, network);
            }
        };
    }
}
