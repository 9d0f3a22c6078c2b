package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.Shape;

import java.util.Objects;

/**
 * One parameter at one recorded step: its gradient's statistics and the grad:data ratio
 * {@code std(grad) / std(data)}, which the lecture prints for every 2-D parameter (the weights) and
 * whose histograms it plots. A ratio far above the others means that parameter trains much faster
 * than the rest (the lecture's last layer, at first).
 *
 * @param index             position in the lecture's {@code parameters} list ({@code [C] + layer parameters})
 * @param label             what it is, e.g. {@code layer 0 (Linear) weight} or {@code C}
 * @param shape             its shape
 * @param gradient          statistics of its gradient, or {@code null} if it had none
 * @param dataStd           unbiased std of its values (after the step's update, as the lecture prints it)
 * @param gradToData        {@code std(grad) / std(data)}, NaN without a gradient
 * @param gradientHistogram for a 2-D parameter with a gradient, the gradient's histogram; otherwise {@code null}
 */
public record ParameterRecord(int index, String label, Shape shape, TensorStats gradient, double dataStd,
                              double gradToData, Histogram gradientHistogram) {

    /** Validates the always-present parts. */
    public ParameterRecord {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(shape, "shape");
    }

    /**
     * Records parameter {@code index} from the tensor {@code p} (its data and grad).
     *
     * @throws IllegalArgumentException when a 2-D parameter's gradient holds NaN or infinite values
     */
    public static ParameterRecord of(int index, String label, Tensor p) {
        var grad = p.grad();
        double dataStd = TensorStats.std(p.data());
        TensorStats g = grad == null ? null : TensorStats.of(grad);
        double ratio = g == null ? Double.NaN : ratio(g.std(), dataStd, grad.dtype() == DType.FLOAT32);
        Histogram h = grad != null && p.rank() == 2
                ? Histogram.of(grad, "the gradient of parameter " + index + " " + PyFormat.tuple(p.shape()) + " " + label)
                : null;
        return new ParameterRecord(index, label, p.shape(), g, dataStd, ratio, h);
    }

    private static double ratio(double gradStd, double dataStd, boolean f32) {
        // t.std() / p.std(): a float32 division of two float32 numbers in the lecture.
        return f32 ? (float) gradStd / (float) dataStd : gradStd / dataStd;
    }

    /** Whether this is a 2-D parameter (a weight matrix or the embedding table), the ones the lecture shows. */
    public boolean isMatrix() {
        return shape.rank() == 2;
    }

    /** Whether its gradient was recorded. */
    public boolean hasGradient() {
        return gradient != null;
    }

    /** {@code (30, 100) layer 0 (Linear) weight}: how legends name the parameter. */
    public String legend() {
        return PyFormat.tuple(shape) + " " + label;
    }

    /**
     * The lecture's weight line, {@code weight  (30, 100) | mean +0.000246 | std 9.241077e-03 | grad:data ratio 4.881091e-02}.
     *
     * @throws IllegalStateException when no gradient was recorded
     */
    public String weightLine() {
        if (gradient == null) {
            throw new IllegalStateException("parameter " + index + " (" + label + "): no gradient was recorded");
        }
        return LectureLines.weight(shape, gradient, gradToData);
    }
}
