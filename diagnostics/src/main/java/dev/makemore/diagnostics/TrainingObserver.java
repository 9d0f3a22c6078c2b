package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.nn.Module;

import java.util.List;

/**
 * What a training loop tells whoever watches it, at the two places the lecture's diagnostics need:
 * <pre>
 * for i in range(max_steps):
 *     ...forward, loss...
 *     for layer in layers: layer.out.retain_grad()       # beforeBackward
 *     for p in parameters: p.grad = None
 *     loss.backward()
 *     for p in parameters: p.data += -lr * p.grad
 *     with torch.no_grad(): ud.append([...])              # afterUpdate
 * </pre>
 * The lecture reads everything after the update: the update:data ratios, and (once its loop stops)
 * the layer outputs and their gradients, the parameter gradients, and the grad:data ratios with the
 * updated data. So one call after the update is enough, plus one before {@code backward()} so that
 * the outputs' gradients are kept.
 *
 * <p>Defined here, not in the training module, so that training depends on diagnostics and not the
 * other way round. A loop calls nothing when no observer is attached, so diagnostics cost nothing
 * then. Calls come from the training thread, steps in increasing order.
 */
public interface TrainingObserver {

    /**
     * Called after the forward pass and the loss, before the gradients are cleared and
     * {@code backward()} runs: the place to call {@code out().retainGrad()} on layer outputs whose
     * gradient will be looked at. A no-op by default.
     *
     * @param step   the step (0-based)
     * @param layers the network's layers in order (the lecture's {@code layers}; a leading
     *               {@code Embedding}/{@code Flatten} and a wrapping {@code Sequential} are allowed)
     */
    default void beforeBackward(int step, List<Module> layers) {
    }

    /** Both observers in turn, {@code a} first; either may be null (then the other alone, or null). */
    static TrainingObserver both(TrainingObserver a, TrainingObserver b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new TrainingObserver() {
            @Override
            public void beforeBackward(int step, List<Module> layers) {
                a.beforeBackward(step, layers);
                b.beforeBackward(step, layers);
            }

            @Override
            public void afterUpdate(int step, double loss, double learningRate, List<Module> layers,
                                    List<Tensor> parameters) {
                a.afterUpdate(step, loss, learningRate, layers, parameters);
                b.afterUpdate(step, loss, learningRate, layers, parameters);
            }
        };
    }

    /**
     * Called after the parameters were updated, while their gradients and the layers' outputs of
     * this step are still in place. A no-op by default.
     *
     * @param step         the step (0-based)
     * @param loss         the minibatch loss of this step ({@code loss.item()})
     * @param learningRate the learning rate of this step's update
     * @param layers       the network's layers, as for {@link #beforeBackward}
     * @param parameters   every parameter, in the lecture's order ({@code [C] + [p for layer in layers for p in
     *                     layer.parameters()]})
     */
    default void afterUpdate(int step, double loss, double learningRate, List<Module> layers, List<Tensor> parameters) {
    }
}
