package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The update:data ratio of every parameter at every step, the lecture's
 * <pre>
 * with torch.no_grad():
 *     ud.append([((lr*p.grad).std() / p.data.std()).log10().item() for p in parameters])
 * </pre>
 * recorded after the update. It says how large a step is relative to the values it changes:
 * around {@code -3} (a thousandth) is the lecture's rule of thumb; far above, the learning rate is
 * too high for that parameter; far below, it learns too slowly.
 *
 * <p>{@code std(lr * grad)} is computed as {@code |lr| * std(grad)} (the same number up to float32
 * rounding of the products, without a temporary array per parameter per step). Values are kept as
 * float32, as PyTorch's {@code .log10()} of a float32 tensor gives; a parameter without a gradient
 * records NaN.
 */
public final class UpdateRatios {
    private final int parameters;
    private int count;
    private int[] steps = new int[64];
    private float[][] values;

    /** An empty record for {@code parameters} parameters. */
    public UpdateRatios(int parameters) {
        if (parameters < 0) {
            throw new IllegalArgumentException("negative number of parameters: " + parameters);
        }
        this.parameters = parameters;
        this.values = new float[parameters][64];
    }

    // docs:begin update-ratio
    /**
     * {@code log10(std(lr * grad) / std(data))} for one parameter, in the parameter's precision (for
     * float32, rounded to float32 at each step as PyTorch's float32 tensors are); NaN when there is no
     * gradient.
     */
    public static double log10Ratio(double learningRate, NdArray grad, NdArray data) {
        Objects.requireNonNull(data, "data");
        if (grad == null) {
            return Double.NaN;
        }
        // Two variance kernels per parameter (std below): this runs for every parameter at every step.
        if (data.dtype() == DType.FLOAT64) {
            return Math.log10(Math.abs(learningRate) * std(grad) / std(data));
        }
        // float32 tensors: lr is rounded to float32, and so is every result, as in PyTorch.
        float update = (float) (Math.abs((float) learningRate) * std(grad));
        float scale = (float) std(data);
        return (float) Math.log10(update / scale);
    }
    // docs:end update-ratio

    /**
     * Records the ratios of {@code parameters} (after the update of {@code step}, at learning rate
     * {@code learningRate}). Steps must be recorded in increasing order.
     *
     * @throws IllegalArgumentException when the number of parameters changed or the step goes back
     */
    public void record(int step, double learningRate, List<Tensor> parameters) {
        if (parameters.size() != this.parameters) {
            throw new IllegalArgumentException("update ratios: " + parameters.size() + " parameters at step " + step
                    + ", " + this.parameters + " before");
        }
        if (count > 0 && step <= steps[count - 1]) {
            throw new IllegalArgumentException("update ratios: step " + step + " recorded after step " + steps[count - 1]);
        }
        if (count == steps.length) {
            int grown = steps.length * 2;
            steps = Arrays.copyOf(steps, grown);
            for (int p = 0; p < this.parameters; p++) {
                values[p] = Arrays.copyOf(values[p], grown);
            }
        }
        steps[count] = step;
        for (int p = 0; p < this.parameters; p++) {
            Tensor t = parameters.get(p);
            values[p][count] = (float) log10Ratio(learningRate, t.grad(), t.data());
        }
        count++;
    }

    /** Number of parameters. */
    public int parameterCount() {
        return parameters;
    }

    /** Number of steps recorded. */
    public int size() {
        return count;
    }

    /** The step numbers recorded, in order. */
    public int[] steps() {
        return Arrays.copyOf(steps, count);
    }

    /** The ratio of parameter {@code parameter} at every recorded step (the lecture's {@code [ud[j][i] for j ...]}). */
    public double[] series(int parameter) {
        Objects.checkIndex(parameter, parameters);
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = values[parameter][k];
        }
        return out;
    }

    /**
     * The ratios of every parameter at {@code step}, in parameter order (the lecture's {@code ud[step]}).
     *
     * @throws IllegalArgumentException if that step was not recorded
     */
    public double[] atStep(int step) {
        int k = Arrays.binarySearch(steps, 0, count, step);
        if (k < 0) {
            throw new IllegalArgumentException("update ratios: step " + step + " was not recorded"
                    + (count == 0 ? " (nothing was)" : " (recorded: " + steps[0] + ".." + steps[count - 1] + ")"));
        }
        double[] out = new double[parameters];
        for (int p = 0; p < parameters; p++) {
            out[p] = values[p][k];
        }
        return out;
    }

    /** The ratios at the last recorded step, {@code ud[-1]}. */
    public double[] last() {
        if (count == 0) {
            throw new IllegalStateException("update ratios: no step recorded");
        }
        return atStep(steps[count - 1]);
    }

    /**
     * Unbiased std of every element, as {@code torch.std}: core's variance kernel (SIMD, accumulated in
     * double), NaN for fewer than two elements. Two of these per parameter at every step.
     */
    static double std(NdArray a) {
        return Math.sqrt(ArrayMath.variance(a, true));
    }
}
