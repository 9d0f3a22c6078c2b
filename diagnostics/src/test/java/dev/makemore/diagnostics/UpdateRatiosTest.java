package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UpdateRatiosTest {

    private static Tensor param(double[] data, double[] grad) {
        var p = Tensor.parameter(NdArray.of(data));
        if (grad != null) {
            p.setGrad(NdArray.of(grad));
        }
        return p;
    }

    @Test
    void ratioIsLog10OfStdOfLrTimesGradOverStdOfData() {
        double[] data = {1, 2, 3, 4};
        double[] grad = {0.1, -0.1, 0.1, -0.1};
        // Independent: std of lr*grad and of data with commons-math.
        double[] scaled = new double[4];
        for (int i = 0; i < 4; i++) {
            scaled[i] = 0.1f * grad[i];
        }
        var sd = new StandardDeviation(true);
        double expected = Math.log10(sd.evaluate(scaled) / sd.evaluate(data));
        assertThat(UpdateRatios.log10Ratio(0.1, NdArray.of(grad), NdArray.of(data))).isCloseTo(expected, within(1e-6));
        // log10(0.1 * 0.11547 / 1.29099) = -2.0485
        assertThat(UpdateRatios.log10Ratio(0.1, NdArray.of(grad), NdArray.of(data))).isCloseTo(-2.0485, within(1e-4));
        // The sign of the learning rate does not matter: a std is never negative.
        assertThat(UpdateRatios.log10Ratio(-0.1, NdArray.of(grad), NdArray.of(data))).isCloseTo(expected, within(1e-6));
        assertThat(UpdateRatios.log10Ratio(0.1, null, NdArray.of(data))).isNaN();
        assertThat(UpdateRatios.log10Ratio(0.0, NdArray.of(grad), NdArray.of(data))).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void recordsEveryParameterAtEveryStep() {
        var a = param(new double[]{1, 2, 3, 4}, new double[]{0.1, -0.1, 0.1, -0.1});
        var b = param(new double[]{0, 10}, new double[]{1, 2});
        var c = param(new double[]{5, 6}, null);
        var r = new UpdateRatios(3);
        assertThat(r.size()).isZero();
        assertThatThrownBy(r::last).isInstanceOf(IllegalStateException.class);
        for (int step = 0; step < 100; step++) {
            r.record(step, step < 50 ? 0.1 : 0.01, List.of(a, b, c));
        }
        assertThat(r.size()).isEqualTo(100);
        assertThat(r.parameterCount()).isEqualTo(3);
        assertThat(r.steps()).hasSize(100).startsWith(0, 1, 2).endsWith(99);
        double[] at0 = r.atStep(0);
        assertThat(at0[0]).isCloseTo(UpdateRatios.log10Ratio(0.1, a.grad(), a.data()), within(1e-7));
        // b: std(0.1 * [1, 2]) / std([0, 10]) = 0.0707107 / 7.0710678 = 0.01 -> -2
        assertThat(at0[1]).isCloseTo(-2.0, within(1e-6));
        assertThat(at0[2]).isNaN();
        // After the decay the ratio drops by one (lr / 10).
        assertThat(r.last()[1]).isCloseTo(-3.0, within(1e-6));
        assertThat(r.series(1)).hasSize(100);
        assertThat(r.series(1)[49]).isCloseTo(-2.0, within(1e-6));
        assertThat(r.series(1)[50]).isCloseTo(-3.0, within(1e-6));
        assertThatThrownBy(() -> r.atStep(100)).hasMessageContaining("step 100 was not recorded")
                .hasMessageContaining("0..99");
        assertThatThrownBy(() -> r.series(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsOutOfOrderStepsAndChangedParameterLists() {
        var a = param(new double[]{1, 2}, new double[]{1, 2});
        var r = new UpdateRatios(1);
        r.record(5, 0.1, List.of(a));
        assertThatThrownBy(() -> r.record(5, 0.1, List.of(a))).hasMessageContaining("step 5 recorded after step 5");
        assertThatThrownBy(() -> r.record(6, 0.1, List.of(a, a))).hasMessageContaining("2 parameters at step 6");
        assertThatThrownBy(() -> new UpdateRatios(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpdateRatios(0).atStep(0)).hasMessageContaining("nothing was");
    }
}
