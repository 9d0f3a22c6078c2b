package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HistogramTest {

    @Test
    void edgesRunFromMinToMaxAndTheMaximumFallsInTheLastBin() {
        var h = Histogram.of(NdArray.of(0.0, 1.0, 2.0, 3.0, 4.0, 0.5), 4, "x");
        assertThat(h.edges()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(h.leftEdges()).containsExactly(0.0, 1.0, 2.0, 3.0);
        // [0,1): 0, 0.5; [1,2): 1; [2,3): 2; [3,4]: 3 and the maximum 4.
        assertThat(h.counts()).containsExactly(2, 1, 1, 2);
        assertThat(h.total()).isEqualTo(6);
        assertThat(h.bins()).isEqualTo(4);
        assertThat(h.min()).isEqualTo(0.0);
        assertThat(h.max()).isEqualTo(4.0);
        // density = count / (total * width), width 1
        assertThat(h.density()).containsExactly(2 / 6.0, 1 / 6.0, 1 / 6.0, 2 / 6.0);
    }

    @Test
    void valuesOnAnInnerEdgeGoToTheBinOnTheirRight() {
        var h = Histogram.of(NdArray.of(-1.0, -0.5, 0.0, 0.5, 1.0), 4, "x");
        assertThat(h.edges()).containsExactly(-1.0, -0.5, 0.0, 0.5, 1.0);
        assertThat(h.counts()).containsExactly(1, 1, 1, 2);
    }

    @Test
    void countsAndDensityMatchADirectComputationOnRandomData() {
        var rnd = new Random(7);
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * 3 + 1;
        }
        var h = Histogram.of(NdArray.of(v), "gaussian");
        assertThat(h.bins()).isEqualTo(Histogram.DEFAULT_BINS);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] edges = h.edges();
        assertThat(edges).hasSize(101);
        assertThat(edges[0]).isEqualTo(min);
        assertThat(edges[100]).isEqualTo(max);
        for (int i = 0; i <= 100; i++) {
            assertThat(edges[i]).isCloseTo(min + i * (max - min) / 100, within(1e-12));
        }
        long[] expected = new long[100];
        for (double x : v) {
            for (int b = 0; b < 100; b++) {
                if (edges[b] <= x && (x < edges[b + 1] || (b == 99 && x <= edges[100]))) {
                    expected[b]++;
                    break;
                }
            }
        }
        assertThat(h.counts()).containsExactly(expected);
        double area = 0;
        double[] density = h.density();
        for (int b = 0; b < 100; b++) {
            assertThat(density[b]).isCloseTo(expected[b] / (v.length * (edges[b + 1] - edges[b])), within(1e-12));
            area += density[b] * (edges[b + 1] - edges[b]);
        }
        assertThat(area).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void float32DataGetsFloat32EdgesWithExactEnds() {
        var h = Histogram.of(NdArray.of(new float[]{-0.3f, 0.1f, 0.7f}), 3, "x");
        double[] e = h.edges();
        assertThat(e[0]).isEqualTo((double) -0.3f);
        assertThat(e[3]).isEqualTo((double) 0.7f);
        float step = (0.7f - -0.3f) / 3;
        // linspace's first half counts up from the start, the second half down from the end.
        assertThat(e[1]).isEqualTo((double) (-0.3f + step * 1));
        assertThat(e[2]).isEqualTo((double) (0.7f - step * 1));
        for (double x : e) {
            assertThat((double) (float) x).isEqualTo(x);
        }
        assertThat(h.counts()).containsExactly(1, 1, 1);
    }

    @Test
    void linspaceInDoubleIsSymmetric() {
        assertThat(Histogram.linspace(0, 1, 5, DType.FLOAT64)).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Histogram.linspace(2, 3, 2, DType.FLOAT32)).containsExactly(2, 3);
    }

    @Test
    void allEqualValuesWidenTheRangeByHalfOnEachSideAsTorchHistogramDoes() {
        var h = Histogram.of(NdArray.of(new float[]{0.25f, 0.25f, 0.25f, 0.25f}), 4, "constant");
        assertThat(h.edges()).containsExactly(-0.25, 0.0, 0.25, 0.5, 0.75);
        // 0.25 sits on an inner edge: the bin to its right.
        assertThat(h.counts()).containsExactly(0, 0, 4, 0);
        assertThat(h.density()).containsExactly(0.0, 0.0, 4.0, 0.0);
        var one = Histogram.of(NdArray.of(5.0), 100, "one value");
        assertThat(one.min()).isEqualTo(4.5);
        assertThat(one.max()).isEqualTo(5.5);
        assertThat(one.counts()[50]).isEqualTo(1);
        assertThat(one.total()).isEqualTo(1);
    }

    @Test
    void nanIsAClearErrorNamingTheData() {
        assertThatThrownBy(() -> Histogram.of(NdArray.of(new float[]{1f, Float.NaN, Float.NaN, 2f}, 2, 2), "layer 2 (Tanh) output"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 2 (Tanh) output")
                .hasMessageContaining("2 NaN of 4 values")
                .hasMessageContaining("(2, 2)")
                .hasMessageContaining("not finite");
    }

    @Test
    void infinityIsAClearErrorToo() {
        assertThatThrownBy(() -> Histogram.of(NdArray.of(1.0, Double.POSITIVE_INFINITY, Double.NaN), "grad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("histogram of grad: 1 NaN and 1 infinite of 3 values");
        assertThatThrownBy(() -> Histogram.of(NdArray.of(Double.NEGATIVE_INFINITY), "g"))
                .hasMessageContaining("1 infinite of 1 values");
    }

    @Test
    void emptyDataAndBadBinCountsAreRejected() {
        assertThatThrownBy(() -> Histogram.of(NdArray.zeros(DType.FLOAT32, 0, 3), "empty"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Histogram.of(NdArray.of(1.0), 0, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins must be positive");
    }

    @Test
    void accessorsReturnCopies() {
        var h = Histogram.of(NdArray.of(0.0, 1.0), 2, "x");
        h.edges()[0] = 99;
        h.counts()[0] = 99;
        h.density()[0] = 99;
        assertThat(h.edges()[0]).isZero();
        assertThat(h.counts()[0]).isEqualTo(1);
        assertThat(h.density()[0]).isEqualTo(1.0);
        assertThat(h.toString()).contains("2 bins").contains("2 values");
    }
}
