package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;

import java.util.function.Supplier;

/**
 * Central finite differences in float64 for the layers' fused backward passes: the loss is
 * {@code sum(out * R)} for a fixed random {@code R}, so every output element carries a different
 * upstream gradient (a plain {@code sum} would hide errors, BatchNorm's input gradient of it being 0).
 */
final class GradCheck {
    static final double EPS = 1e-6;
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /** Random float64 values of the given shape, scaled and shifted. */
    static Tensor randomDouble(Generator g, double scale, double shift, int... dims) {
        var f = Tensor.randn(g, dims).data();
        var d = f.to(DType.FLOAT64);
        for (int i = 0; i < d.size(); i++) {
            d.set(i, d.get(i) * scale + shift);
        }
        return Tensor.of(d);
    }

    /** {@code sum(out * weights)} as a double, without recording. */
    static double weightedSum(Tensor out, NdArray weights) {
        double s = 0;
        for (int i = 0; i < out.size(); i++) {
            s += out.data().get(i) * weights.get(i);
        }
        return s;
    }

    /**
     * Runs {@code forward} once with recording to get analytic gradients of {@code sum(out * R)} with
     * respect to each of {@code wrt}, then compares each element with a central difference.
     */
    static void check(Supplier<Tensor> forward, Tensor... wrt) {
        for (Tensor t : wrt) {
            t.zeroGrad();
        }
        Tensor out = forward.get();
        NdArray weights = randomDouble(new Generator(7), 1.0, 0.0, out.shape().dims()).data();
        out.backward(weights.copy());
        for (Tensor t : wrt) {
            assertThat(t.grad()).as("grad of %s", t.shape()).isNotNull();
            NdArray analytic = t.grad().copy();
            NdArray data = t.data();
            for (int i = 0; i < data.size(); i++) {
                double orig = data.get(i);
                double plus, minus;
                try (var off = Grad.disabled()) {
                    data.set(i, orig + EPS);
                    plus = weightedSum(forward.get(), weights);
                    data.set(i, orig - EPS);
                    minus = weightedSum(forward.get(), weights);
                } finally {
                    data.set(i, orig);
                }
                double numeric = (plus - minus) / (2 * EPS);
                assertThat(Math.abs(analytic.get(i) - numeric))
                        .as("d/d%s[%d]: analytic %s, numeric %s", t.shape(), i, analytic.get(i), numeric)
                        .isLessThanOrEqualTo(ATOL + RTOL * Math.abs(numeric));
            }
        }
    }
}
