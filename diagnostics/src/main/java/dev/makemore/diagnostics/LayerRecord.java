package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.nn.Module;

import java.util.Objects;

/**
 * One layer at one recorded step: the statistics and histogram of its output (the lecture's
 * {@code layer.out}) and, when its grad was retained, of the output's gradient
 * ({@code layer.out.grad}), and for a tanh layer the saturation map of the batch.
 *
 * @param index              the layer's number in the lecture's {@code layers} list (Tanh layers are 2, 5, 8, 11, 14 in
 *                           the six-layer BatchNorm network)
 * @param name               its class name as the lecture prints it: {@code Tanh}, {@code Linear}, {@code BatchNorm1d}
 * @param tanh               whether it is a tanh layer, the lecture's non-linearity ({@link Module.Kind#NONLINEARITY}):
 *                           the layers the lecture's histograms show
 * @param output             statistics of the output
 * @param outputHistogram    its {@code torch.histogram(..., density=True)}
 * @param gradient           statistics of the output's gradient, or {@code null} if it had none
 * @param gradientHistogram  the gradient's histogram, or {@code null} if it had none
 * @param saturation         for a tanh layer with a 2-D output, {@code |out| > 0.99}; otherwise {@code null}
 */
public record LayerRecord(int index, String name, boolean tanh, TensorStats output, Histogram outputHistogram,
                          TensorStats gradient, Histogram gradientHistogram, SaturationMap saturation) {

    /** Validates the always-present parts. */
    public LayerRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputHistogram, "outputHistogram");
    }

    /**
     * Records {@code layer}, number {@code index} in the lecture's {@code layers}, from its last output
     * ({@link Module#out()}, the lecture's {@code layer.out}) and that output's gradient if it was kept.
     *
     * @throws NullPointerException     when the layer has no output yet (no forward pass was recorded)
     * @throws IllegalArgumentException when the output or its gradient holds NaN or infinite values
     */
    public static LayerRecord of(int index, Module layer) {
        return of(index, layer.displayName(), layer.kind() == Module.Kind.NONLINEARITY, layer.out());
    }

    /**
     * Records layer {@code index} from its output tensor {@code out}, whose grad (if retained and
     * computed) is recorded too.
     *
     * @throws IllegalArgumentException when the output or its gradient holds NaN or infinite values;
     *                                  the message names the layer
     */
    public static LayerRecord of(int index, String name, boolean tanh, Tensor out) {
        Objects.requireNonNull(out, () -> "layer " + index + " (" + name + ") has no output: no forward pass was recorded");
        String label = label(index, name);
        var data = out.data();
        var grad = out.grad();
        return new LayerRecord(index, name, tanh, TensorStats.of(data), Histogram.of(data, label + " output"),
                grad == null ? null : TensorStats.of(grad),
                grad == null ? null : Histogram.of(grad, "the gradient of " + label + " output"),
                tanh && data.rank() >= 2 ? SaturationMap.of(data) : null);
    }

    /** {@code layer 2 (Tanh)}: how legends and messages name the layer. */
    public String label() {
        return label(index, name);
    }

    /** Whether the output's gradient was recorded. */
    public boolean hasGradient() {
        return gradient != null;
    }

    /** The lecture's activation line, {@code layer 2 (      Tanh): mean -0.00, std 0.63, saturated: 2.78%}. */
    public String activationLine() {
        return LectureLines.activation(index, name, output);
    }

    /**
     * The lecture's gradient line, {@code layer 2 (      Tanh): mean +0.000000, std 2.640702e-03}.
     *
     * @throws IllegalStateException when no gradient was recorded
     */
    public String gradientLine() {
        if (gradient == null) {
            throw new IllegalStateException(label() + ": no gradient was recorded (its output's grad was not retained)");
        }
        return LectureLines.gradient(index, name, gradient);
    }

    static String label(int index, String name) {
        return "layer " + index + " (" + name + ")";
    }
}
