package dev.makemore.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything recorded at one training step: the lecture's post-training diagnostics of the six-layer
 * network ("what do the activations, gradients and weights look like now?"), for the layers and
 * parameters of that step. The lecture looks after step 1000, after its update; so does a
 * {@link Recorder} by default at the last step.
 *
 * @param step         the step (0-based)
 * @param loss         the minibatch loss of that step
 * @param learningRate the learning rate of that step's update
 * @param layers       every layer, in the lecture's numbering ({@code layers[i].index() == i})
 * @param parameters   every parameter, in the lecture's order ({@code [C] + layer parameters})
 */
public record Snapshot(int step, double loss, double learningRate, List<LayerRecord> layers,
                       List<ParameterRecord> parameters) {

    /** Copies the lists. */
    public Snapshot {
        layers = List.copyOf(layers);
        parameters = List.copyOf(parameters);
    }

    /**
     * Layer number {@code index} (as the lecture numbers them).
     *
     * @throws IllegalArgumentException for a number that is not a layer
     */
    public LayerRecord layer(int index) {
        for (LayerRecord l : layers) {
            if (l.index() == index) {
                return l;
            }
        }
        throw new IllegalArgumentException("step " + step + ": no layer " + index + " (layers are numbered 0.."
                + (layers.size() - 1) + ")");
    }

    /**
     * The tanh layers the lecture's histograms and text show: {@code for layer in layers[:-1]: if
     * isinstance(layer, Tanh)}. For the six-layer BatchNorm network, layers 2, 5, 8, 11, 14.
     */
    public List<LayerRecord> tanhLayers() {
        var out = new ArrayList<LayerRecord>();
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i).tanh()) {
                out.add(layers.get(i));
            }
        }
        return out;
    }

    /**
     * The input of a layer: the output of the layer before it (for a tanh layer, its
     * pre-activation, the lecture's {@code hpreact}); empty for the first layer.
     */
    public Optional<LayerRecord> inputOf(LayerRecord layer) {
        int at = layers.indexOf(Objects.requireNonNull(layer, "layer"));
        return at > 0 ? Optional.of(layers.get(at - 1)) : Optional.empty();
    }

    /** The 2-D parameters (weights and the embedding table) that have a gradient: the lecture's {@code if p.ndim == 2}. */
    public List<ParameterRecord> matrices() {
        return parameters.stream().filter(p -> p.isMatrix() && p.hasGradient()).toList();
    }

    /** The lecture's activation lines, one per tanh layer. */
    public List<String> activationLines() {
        return tanhLayers().stream().map(LayerRecord::activationLine).toList();
    }

    /** The lecture's gradient lines, one per tanh layer whose output gradient was recorded. */
    public List<String> gradientLines() {
        return tanhLayers().stream().filter(LayerRecord::hasGradient).map(LayerRecord::gradientLine).toList();
    }

    /** The lecture's weight lines, one per 2-D parameter. */
    public List<String> weightLines() {
        return matrices().stream().map(ParameterRecord::weightLine).toList();
    }

    /** The three tables as the lecture prints them, one after the other, with a heading each. */
    public String text() {
        var sb = new StringBuilder();
        sb.append("step ").append(step).append(": loss ").append(PyFormat.fixed(loss, 4, false)).append('\n');
        sb.append("activations (tanh layers)\n");
        activationLines().forEach(l -> sb.append(l).append('\n'));
        sb.append("gradients (tanh layer outputs)\n");
        gradientLines().forEach(l -> sb.append(l).append('\n'));
        sb.append("weight gradients (2-D parameters)\n");
        weightLines().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }
}
