package dev.makemore.autograd;

import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mistakes are reported when the graph is built, naming the op and the shapes or types involved. */
class ErrorMessagesTest {

    private static Tensor f32(int... dims) {
        return Tensor.parameter(NdArray.zeros(DType.FLOAT32, dims));
    }

    @Test
    void matmulInnerDimensions() {
        assertThatThrownBy(() -> f32(32, 30).matmul(f32(20, 200))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: (32, 30) @ (20, 200): inner dimensions 30 and 20 differ");
        assertThatThrownBy(() -> f32(32, 3, 10).matmul(f32(30, 200))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: (32, 3, 10) @ (30, 200): both operands must be 2-D");
    }

    @Test
    void shapesThatDoNotBroadcast() {
        assertThatThrownBy(() -> f32(32, 200).add(f32(32, 27))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: shapes (32, 200) and (32, 27) do not broadcast (supported: equal shapes, or one side"
                        + " a row (D) or (1, D), a column (N, 1) or one element)");
        assertThatThrownBy(() -> f32(32, 1).mul(f32(1, 200))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mul: shapes (32, 1) and (1, 200) do not broadcast");
        assertThatThrownBy(() -> f32(4).div(f32(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("div: shapes (4) and (5) do not broadcast");
        assertThatThrownBy(() -> f32(2, 3).sub(f32(3, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sub: shapes (2, 3) and (3, 2) do not broadcast");
    }

    @Test
    void dtypeMismatchesAreNamed() {
        var d = Tensor.parameter(NdArray.zeros(DType.FLOAT64, 2, 3));
        assertThatThrownBy(() -> f32(2, 3).add(d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: expected both operands to have the same dtype, got float32 (2, 3) and float64 (2, 3)");
        assertThatThrownBy(() -> d.matmul(f32(3, 4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: expected both operands to have the same dtype, got float64 (2, 3) and float32 (3, 4)");
    }

    @Test
    void backwardFromANonScalar() {
        assertThatThrownBy(() -> f32(32, 27).tanh().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: grad can be implicitly created only for scalar outputs, but this tensor ('tanh')"
                        + " has shape (32, 27); reduce it to one element first (e.g. sum() or mean()) or pass the"
                        + " output gradient: backward(NdArray)");
        assertThatThrownBy(() -> f32(2).tanh().backward(NdArray.zeros(DType.FLOAT32, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backward: gradient float32 (3) does not match the tensor float32 (2)");
    }

    @Test
    void viewWithTheWrongNumberOfElements() {
        assertThatThrownBy(() -> f32(32, 3, 10).view(32, 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: shape (32, 31) is invalid for input of size 960 (shape (32, 3, 10))");
        assertThatThrownBy(() -> f32(2, 3).view(4, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: shape (4, -1) is invalid for input of size 6 (shape (2, 3))");
    }

    @Test
    void indexErrors() {
        assertThatThrownBy(() -> f32(27).index(IntArray.of(new int[]{1}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index: expected a 2-D table such as C (27, 10), got shape (27)");
        assertThatThrownBy(() -> f32(27, 10).index(IntArray.of(new int[]{3, 27})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 27 is out of bounds for dimension 0 with size 27");
    }

    @Test
    void reductionDimensionOutOfRange() {
        assertThatThrownBy(() -> f32(2, 3).sum(2, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: dimension 2 out of range for shape (2, 3) (expected to be in range of [-2, 1])");
        assertThatThrownBy(() -> f32(2, 3).var(-3, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("var: dimension -3 out of range");
        assertThatThrownBy(() -> f32(2, 3).mean(5, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mean: dimension 5 out of range");
        assertThatThrownBy(() -> F.softmax(f32(2, 3), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("softmax: dimension 2 out of range");
        assertThatThrownBy(() -> F.logSoftmax(f32(2, 3), -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("log_softmax: dimension -3 out of range");
    }

    @Test
    void crossEntropyShapesAndTargets() {
        assertThatThrownBy(() -> F.crossEntropy(f32(27), IntArray.of(new int[]{1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: expected logits of shape (N, C), got (27)");
        assertThatThrownBy(() -> F.crossEntropy(f32(32, 27), IntArray.of(new int[31])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: expected targets of shape (32) for logits (32, 27), got (31)");
        assertThatThrownBy(() -> F.crossEntropy(f32(2, 27), IntArray.of(new int[2], 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: expected targets of shape (2) for logits (2, 27), got (2, 1)");
        assertThatThrownBy(() -> F.crossEntropy(f32(2, 27), IntArray.of(new int[]{0, 27})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("cross_entropy: target 27 is out of bounds for 27 classes (at position 1)");
        assertThatThrownBy(() -> F.crossEntropy(f32(2, 27), IntArray.of(new int[]{-1, 0})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("cross_entropy: target -1 is out of bounds for 27 classes (at position 0)");
    }

    @Test
    void gradAssignmentAndItem() {
        assertThatThrownBy(() -> f32(2, 3).setGrad(NdArray.zeros(DType.FLOAT32, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setGrad: assigned grad float32 (3, 2) does not match the tensor float32 (2, 3)");
        assertThatThrownBy(() -> f32(2, 3).setGrad(NdArray.zeros(DType.FLOAT64, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setGrad: assigned grad float64 (2, 3) does not match the tensor float32 (2, 3)");
        assertThatThrownBy(() -> f32(2, 3).item()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a Tensor with 6 elements");
    }
}
