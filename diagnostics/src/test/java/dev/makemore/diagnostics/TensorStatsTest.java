package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TensorStatsTest {

    @Test
    void meanStdAndSaturationOfAHandMadeArray() {
        // mean 0; unbiased variance (0.98^2 + 0.5^2 + 0.5^2 + 0.98^2 + 0 + 0) / 5
        var t = NdArray.of(new double[]{0.98, -0.5, 0.5, -0.98, 0.0, 0.0}, 2, 3);
        var s = TensorStats.of(t);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(s.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(s.size()).isEqualTo(6);
        assertThat(s.mean()).isCloseTo(0.0, within(1e-15));
        assertThat(s.std()).isCloseTo(Math.sqrt((2 * 0.98 * 0.98 + 2 * 0.25) / 5), within(1e-15));
        assertThat(s.min()).isEqualTo(-0.98);
        assertThat(s.max()).isEqualTo(0.98);
        assertThat(s.threshold()).isEqualTo(0.97);
        assertThat(s.saturated()).isEqualTo(2);
        assertThat(s.saturatedFraction()).isEqualTo(2 / 6.0);
        assertThat(s.saturatedPercent()).isCloseTo(100 * 2 / 6.0, within(1e-12));
    }

    @Test
    void agreesWithCommonsMathOnRandomFloat32Data() {
        var rnd = new Random(3);
        float[] v = new float[3200];
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.tanh(rnd.nextGaussian());
            d[i] = v[i];
        }
        var s = TensorStats.of(NdArray.of(v, 32, 100));
        // float32 statistics are rounded to float32, as PyTorch's float32 results are.
        assertThat(s.mean()).isCloseTo(new Mean().evaluate(d), within(1e-9));
        assertThat((double) (float) s.mean()).isEqualTo(s.mean());
        assertThat(s.std()).isCloseTo((float) new StandardDeviation(true).evaluate(d), within(1e-7));
        assertThat((double) (float) s.std()).isEqualTo(s.std());
        long saturated = 0;
        for (float x : v) {
            if (Math.abs(x) > 0.97f) {
                saturated++;
            }
        }
        assertThat(s.saturated()).isEqualTo(saturated);
        assertThat(s.saturatedPercent()).isEqualTo((double) (((float) saturated / 3200f) * 100f));
    }

    @Test
    void float32TensorsCompareWithTheThresholdRoundedToFloat32() {
        // 0.97f is slightly above 0.97: a float32 0.97f is not saturated, as (t.abs() > 0.97) in PyTorch.
        var s = TensorStats.of(NdArray.of(new float[]{0.97f, -0.97f, Math.nextUp(0.97f)}));
        assertThat(s.saturated()).isEqualTo(1);
        var d = TensorStats.of(NdArray.of(new double[]{0.97f, 0.97}));
        assertThat(d.saturated()).isEqualTo(1); // in float64, (double) 0.97f > 0.97
    }

    @Test
    void aCustomThresholdCountsStrictlyAbove() {
        var s = TensorStats.of(NdArray.of(0.5, 0.99, 1.0, -1.0), 0.99);
        assertThat(s.saturated()).isEqualTo(2);
        assertThat(s.threshold()).isEqualTo(0.99);
        assertThat(s.saturatedPercent()).isEqualTo(50.0);
    }

    @Test
    void nanGivesNanStatisticsAndOneElementHasNoStd() {
        var s = TensorStats.of(NdArray.of(1.0, Double.NaN));
        assertThat(s.mean()).isNaN();
        assertThat(s.std()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
        var one = TensorStats.of(NdArray.of(new float[]{0.5f}));
        assertThat(one.mean()).isEqualTo(0.5);
        assertThat(one.std()).isNaN();
        assertThat(TensorStats.std(NdArray.of(3.0))).isNaN();
    }

    @Test
    void emptyTensorsAreRejected() {
        assertThatThrownBy(() -> TensorStats.of(NdArray.zeros(DType.FLOAT32, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void stdHelpersAgreeWithCommonsMath() {
        var rnd = new Random(11);
        for (int n : new int[]{2, 3, 5, 7, 100, 1001}) {
            double[] d = new double[n];
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) (1 + 0.01 * rnd.nextGaussian()); // large mean, small spread: the hard case
                d[i] = f[i];
            }
            double expected = new StandardDeviation(true).evaluate(d);
            assertThat(UpdateRatios.std(NdArray.of(f))).isCloseTo(expected, within(expected * 1e-9));
            assertThat(UpdateRatios.std(NdArray.of(d))).isCloseTo(expected, within(expected * 1e-9));
            assertThat(TensorStats.std(NdArray.of(f))).isCloseTo(expected, within(expected * 1e-6));
            assertThat(TensorStats.std(NdArray.of(d))).isCloseTo(expected, within(expected * 1e-12));
        }
        assertThat(UpdateRatios.std(NdArray.of(1.0))).isNaN();
        assertThat(UpdateRatios.std(NdArray.of(2.0, 2.0, 2.0))).isZero();
        assertThat(UpdateRatios.std(NdArray.of(2.0, Double.NaN, 2.0))).isNaN();
    }
}
