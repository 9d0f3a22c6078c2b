package dev.makemore.docs;

import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.Recorder;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import dev.makemore.training.Trainer;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostics {@link Recorder} listening to a {@link Trainer}: the trainer's calls passed on with
 * the lecture's view of the network, its embedding {@code C} and then its {@code layers}.
 */
final class Watch implements Trainer.Listener {
    private final Recorder recorder;
    private List<Module> layers;
    private List<Tensor> parameters;

    Watch(Recorder recorder) {
        this.recorder = recorder;
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
}
