package dev.makemore.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A tensor that feeds two matmuls receives the sum of both gradients: the second backward must add
 * to the grad the first one wrote, never overwrite it (the lecture's {@code +=} in every backward).
 */
class SharedInputTest {
    private static final float[] W1 = {1, 2, 3, 4, 5, 6};
    private static final float[] W2 = {0.5f, -1, 2, 0.25f, -3, 1};

    @Test
    void theLeftOperandOfTwoMatmulsGetsBothGradients() {
        var x = Tensor.parameter(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).data());
        var w1 = Tensor.of(W1, 3, 2);
        var w2 = Tensor.of(W2, 3, 2);
        x.matmul(w1).add(x.matmul(w2)).sum().backward();
        // d sum(x @ w1 + x @ w2) / dx[i][k] = sum over j of w1[k][j] + w2[k][j], the same for every row i.
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                expected[i * 3 + k] = W1[k * 2] + W1[k * 2 + 1] + W2[k * 2] + W2[k * 2 + 1];
            }
        }
        assertThat(x.grad().toDoubleArray()).containsExactly(expected, within(1e-6));
    }

    @Test
    void theRightOperandOfTwoMatmulsGetsBothGradients() {
        var w = Tensor.parameter(Tensor.of(W1, 3, 2).data());
        var a = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        var b = Tensor.of(new float[] {-2, 0.5f, 4}, 1, 3);
        a.matmul(w).add(b.matmul(w)).sum().backward();
        // d sum(a @ w + b @ w) / dw[k][j] = a[k] + b[k], the same for every column j.
        assertThat(w.grad().toDoubleArray()).containsExactly(new double[] {-1, -1, 2.5, 2.5, 7, 7}, within(1e-6));
    }
}
