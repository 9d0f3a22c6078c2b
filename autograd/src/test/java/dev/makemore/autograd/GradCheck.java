package dev.makemore.autograd;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test-local {@code torch.autograd.gradcheck}: compares the analytic gradients of a function of
 * tensors with central finite differences in float64 ({@code eps = 1e-6}, {@code atol = 1e-5},
 * {@code rtol = 1e-3}, PyTorch's defaults). The scalar probed is {@code sum(f(x) * w)} for fixed
 * random weights {@code w}, computed here in plain double loops, and {@code w} is fed to
 * {@link Tensor#backward(NdArray)} so the analytic side never depends on other ops.
 */
final class GradCheck {
    static final double EPS = 1e-6;
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /** float64 values with a shape, the input of a check. */
    static NdArray arr(double[] values, int... dims) {
        return NdArray.of(values.clone(), dims);
    }

    /** Checks every input's gradient of {@code f} at {@code inputs} (float64; copied, not modified). */
    static void gradcheck(Function<Tensor[], Tensor> f, NdArray... inputs) {
        Tensor[] params = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            assertThat(inputs[i].dtype()).isEqualTo(DType.FLOAT64);
            params[i] = Tensor.parameter(inputs[i].copy());
        }
        Tensor out = f.apply(params);
        NdArray w = weights(out.data());
        out.backward(w.copy());
        for (int i = 0; i < params.length; i++) {
            NdArray analytic = params[i].grad();
            assertThat(analytic).as("grad of input %d", i).isNotNull();
            NdArray x = params[i].data();
            for (int j = 0; j < x.size(); j++) {
                double saved = x.get(j);
                x.set(j, saved + EPS);
                double plus = probe(f, params, w);
                x.set(j, saved - EPS);
                double minus = probe(f, params, w);
                x.set(j, saved);
                double numeric = (plus - minus) / (2 * EPS);
                double a = analytic.get(j);
                assertThat(Math.abs(a - numeric))
                        .as("input %d element %d: analytic %s vs numeric %s", i, j, a, numeric)
                        .isLessThanOrEqualTo(ATOL + RTOL * Math.abs(numeric));
            }
        }
    }

    /**
     * Runs {@code f} and its backward in float32 and in float64 from the same values and asserts that
     * the outputs and the gradients agree to float32 precision: the float32 path computes the same
     * function as the (finite-difference checked) float64 one.
     */
    static void float32MatchesFloat64(Function<Tensor[], Tensor> f, double tol, NdArray... inputs) {
        Tensor[] p64 = new Tensor[inputs.length];
        Tensor[] p32 = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            p64[i] = Tensor.parameter(inputs[i].copy());
            p32[i] = Tensor.parameter(inputs[i].to(DType.FLOAT32));
        }
        Tensor o64 = f.apply(p64);
        Tensor o32 = f.apply(p32);
        assertThat(o32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(o32.shape()).isEqualTo(o64.shape());
        assertClose(o32.data(), o64.data(), tol, "output");
        NdArray w = weights(o64.data());
        o64.backward(w);
        o32.backward(w.to(DType.FLOAT32));
        for (int i = 0; i < inputs.length; i++) {
            assertThat(p32[i].grad().dtype()).isEqualTo(DType.FLOAT32);
            assertClose(p32[i].grad(), p64[i].grad(), tol, "grad of input " + i);
        }
    }

    static void assertClose(NdArray actual, NdArray expected, double tol, String what) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int j = 0; j < actual.size(); j++) {
            assertThat(actual.get(j)).as("%s element %d", what, j)
                    .isCloseTo(expected.get(j), org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(expected.get(j)))));
        }
    }

    @SuppressWarnings("try")   // the scope is opened for its effect only
    private static double probe(Function<Tensor[], Tensor> f, Tensor[] params, NdArray w) {
        try (var off = Grad.disabled()) {
            NdArray out = f.apply(params).data();
            double s = 0;
            for (int k = 0; k < out.size(); k++) {
                s += out.get(k) * w.get(k);
            }
            return s;
        }
    }

    private static NdArray weights(NdArray like) {
        var rnd = new Random(1234);
        double[] w = new double[like.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.5 + rnd.nextDouble();   // positive and varied: no cancellation hides a wrong sign
            if (rnd.nextBoolean()) {
                w[k] = -w[k];
            }
        }
        return NdArray.of(w, like.shape().dims());
    }
}
