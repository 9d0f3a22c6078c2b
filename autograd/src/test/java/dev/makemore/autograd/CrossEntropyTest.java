package dev.makemore.autograd;

import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link F#crossEntropy} against a hand computation with Math.log and Math.exp. */
class CrossEntropyTest {

    @Test
    void matchesTheDefinitionComputedByHand() {
        double[] logits = {1, 2, 3, 1, 1, 1, -2, 0.5, 4};
        int[] y = {2, 0, 1};
        var x = Tensor.parameter(NdArray.of(logits.clone(), 3, 3));
        var loss = F.crossEntropy(x, IntArray.of(y));
        double expected = 0;
        double[][] softmax = new double[3][3];
        for (int i = 0; i < 3; i++) {
            double z = 0;
            for (int j = 0; j < 3; j++) {
                z += Math.exp(logits[3 * i + j]);
            }
            expected -= Math.log(Math.exp(logits[3 * i + y[i]]) / z);
            for (int j = 0; j < 3; j++) {
                softmax[i][j] = Math.exp(logits[3 * i + j]) / z;
            }
        }
        expected /= 3;
        assertThat(loss.item()).isCloseTo(expected, within(1e-12));
        assertThat(loss.shape().rank()).isZero();
        loss.backward();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double onehot = j == y[i] ? 1 : 0;
                assertThat(x.grad().get(i, j)).isCloseTo((softmax[i][j] - onehot) / 3, within(1e-12));
            }
        }
    }

    @Test
    void uniformLogitsGiveLogOfTheClassCount() {
        // The lecture's "expected initial loss": -log(1/27) = 3.2958 when all logits are equal.
        var x = Tensor.parameter(NdArray.zeros(DType.FLOAT32, 4, 27));
        var loss = F.crossEntropy(x, IntArray.of(new int[]{0, 5, 26, 13}));
        assertThat(loss.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(loss.item()).isCloseTo(Math.log(27), within(1e-6));
    }

    @Test
    void isStableForHugeLogits() {
        // exp(1000) overflows; a fused log-softmax does not: loss = log(1 + e^-1000) ~ 0 and 1000.
        var x = Tensor.parameter(NdArray.of(new float[]{1000f, 0f, 0f, 1000f}, 2, 2));
        var loss = F.crossEntropy(x, IntArray.of(new int[]{0, 0}));
        assertThat(loss.item()).isCloseTo(500.0, within(1e-3));
        loss.backward();
        assertThat(x.grad().toDoubleArray()).usingComparatorWithPrecision(1e-6).containsExactly(0, 0, -0.5, 0.5);
    }

    @Test
    void scalesWithTheUpstreamGradient() {
        var x = Tensor.parameter(NdArray.of(new double[]{0, 0}, 1, 2));
        F.crossEntropy(x, IntArray.of(new int[]{1})).mul(4).backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2, -2);   // 4 * (0.5 - onehot)
    }
}
