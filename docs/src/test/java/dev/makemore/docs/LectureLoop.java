package dev.makemore.docs;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import dev.makemore.training.data.Dataset;
import java.util.List;

/**
 * The lecture's loop for the experiments it runs on a network by hand, which are no stage of the
 * training module: another learning rate, a forgotten fan-in, every parameter zero. Minibatches come
 * from the generator that drew the network, as in the lecture; an observer (a {@code Recorder}) sees
 * every step as the trainer's would.
 */
final class LectureLoop {
    private LectureLoop() {
    }

    // docs:begin lecture-loop
    /** {@code steps} steps of SGD at the fixed learning rate {@code lr}; returns each step's minibatch loss. */
    static float[] run(Network network, Dataset train, Generator g, int steps, double lr, TrainingObserver observer) {
        List<Tensor> parameters = network.parameters();
        List<Module> modules = network.modules();
        float[] losses = new float[steps];
        network.train();
        for (int step = 0; step < steps; step++) {
            // minibatch construct
            int[] ix = g.randint(0, train.size(), ProjectRuns.BATCH);
            // forward pass
            Tensor loss = F.crossEntropy(network.call(ProjectRuns.rows(train, ix)), ProjectRuns.labels(train, ix));
            // backward pass
            if (observer != null) {
                observer.beforeBackward(step, modules);
            }
            for (Tensor p : parameters) {
                if (p.grad() != null) {
                    p.grad().fill(0);
                }
            }
            loss.backward();
            // update
            for (Tensor p : parameters) {
                p.sgdStep(lr);
            }
            losses[step] = (float) loss.item();
            if (observer != null) {
                observer.afterUpdate(step, losses[step], lr, modules, parameters);
            }
        }
        return losses;
    }
    // docs:end lecture-loop

    /**
     * The lecture's "forgotten fan-in": every Linear weight multiplied back by {@code sqrt(fan_in)}, as if
     * drawn {@code randn(fan_in, fan_out)} without the division (gains and the last layer's 0.1 kept).
     */
    static Network withoutFanIn(Network network) {
        try (var off = Grad.disabled()) {
            for (Module m : network.layers()) {
                if (m instanceof Linear linear) {
                    float s = (float) Math.sqrt(linear.fanIn());
                    float[] w = linear.weight().data().floats();
                    for (int i = 0; i < w.length; i++) {
                        w[i] *= s;
                    }
                }
            }
        }
        return network;
    }
}
