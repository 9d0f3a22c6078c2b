package dev.makemore.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.core.ArrayMath.Broadcast;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.Kernels;
import dev.makemore.core.kernels.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shape checks, dtype dispatch and messages of {@link ArrayMath}, on small arrays worked by hand (the
 * kernels themselves are tested against each other in the kernels package). Every computation runs
 * in both dtypes, since each has its own dispatch branch.
 */
class ArrayMathTest {

    private static NdArray array(DType t, double[] values, int... dims) {
        NdArray a = NdArray.zeros(t, dims);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    @Test
    void dispatchesToTheSelectedKernels() {
        assertThat(ArrayMath.kernels()).isSameAs(Kernels.get());
        String expected = "scalar".equalsIgnoreCase(System.getProperty("makemore.kernels")) ? "scalar" : "vector";
        assertThat(Kernels.get().name()).isEqualTo(expected);
    }

    // ---- matmul ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void matmulInAllThreeForms(DType t) {
        NdArray a = array(t, new double[] {1, 2, 3, 4, 5, 6}, 2, 3); // (2, 3)
        NdArray b = array(t, new double[] {1, 0, 0, 1, 1, 1}, 3, 2); // (3, 2)
        NdArray c = NdArray.zeros(t, 2, 2);
        ArrayMath.matmul(a, b, c, false);
        assertThat(c.toDoubleArray()).containsExactly(4, 5, 10, 11);
        ArrayMath.matmul(a, b, c, true);
        assertThat(c.toDoubleArray()).containsExactly(8, 10, 20, 22);

        // a^T (3, 2) . a (2, 3) = (3, 3)
        NdArray ata = NdArray.zeros(t, 3, 3);
        ArrayMath.matmulTransA(a, a, ata, false);
        assertThat(ata.toDoubleArray()).containsExactly(17, 22, 27, 22, 29, 36, 27, 36, 45);
        // a (2, 3) . a^T (3, 2) = (2, 2)
        NdArray aat = NdArray.zeros(t, 2, 2);
        ArrayMath.matmulTransB(a, a, aat, false);
        assertThat(aat.toDoubleArray()).containsExactly(14, 32, 32, 77);
    }

    @Test
    void matmulMessages() {
        NdArray x = NdArray.zeros(DType.FLOAT32, 32, 30);
        NdArray w = NdArray.zeros(DType.FLOAT32, 20, 200);
        NdArray out = NdArray.zeros(DType.FLOAT32, 32, 200);
        assertThatThrownBy(() -> ArrayMath.matmul(x, w, out, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: (32, 30) @ (20, 200): inner dimensions 30 and 20 differ");
        assertThatThrownBy(() -> ArrayMath.matmulTransA(NdArray.zeros(DType.FLOAT32, 30, 32), w, out, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: (30, 32)^T @ (20, 200): inner dimensions 30 and 20 differ");
        assertThatThrownBy(() -> ArrayMath.matmulTransB(x, NdArray.zeros(DType.FLOAT32, 200, 20), out, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: (32, 30) @ (200, 20)^T: inner dimensions 30 and 20 differ");
        assertThatThrownBy(() -> ArrayMath.matmul(x, NdArray.zeros(DType.FLOAT32, 30, 200), NdArray.zeros(DType.FLOAT32, 3, 3), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: output shape (3, 3), expected (32, 200)");
        assertThatThrownBy(() -> ArrayMath.matmul(x, NdArray.zeros(DType.FLOAT32, 30, 200), NdArray.zeros(DType.FLOAT32, 6400), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: output shape (6400), expected (32, 200)");
        assertThatThrownBy(() -> ArrayMath.matmul(NdArray.zeros(DType.FLOAT32, 30), w, out, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: expected a 2-D array, got shape (30)");
        assertThatThrownBy(() -> ArrayMath.matmul(x, NdArray.zeros(DType.FLOAT64, 30, 200), out, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: expected both operands to be of the same dtype, got float32 and float64");
    }

    // ---- broadcasting ----

    @Test
    void broadcastClassification() {
        Shape h = Shape.of(32, 200);
        assertThat(ArrayMath.broadcast(h, Shape.of(32, 200))).isEqualTo(Broadcast.SAME);
        assertThat(ArrayMath.broadcast(h, Shape.of(200))).isEqualTo(Broadcast.ROW);
        assertThat(ArrayMath.broadcast(h, Shape.of(1, 200))).isEqualTo(Broadcast.ROW);
        assertThat(ArrayMath.broadcast(h, Shape.of(32, 1))).isEqualTo(Broadcast.COLUMN);
        assertThat(ArrayMath.broadcast(h, Shape.of(1))).isEqualTo(Broadcast.SCALAR);
        assertThat(ArrayMath.broadcast(h, Shape.of(1, 1))).isEqualTo(Broadcast.SCALAR);
        assertThat(ArrayMath.broadcast(h, Shape.scalar())).isEqualTo(Broadcast.SCALAR);
        assertThat(ArrayMath.broadcast(Shape.of(2, 4, 3), Shape.of(2, 4, 1))).isEqualTo(Broadcast.COLUMN);
        assertThat(ArrayMath.broadcast(Shape.of(2, 4, 3), Shape.of(1, 1, 3))).isEqualTo(Broadcast.ROW);
        assertThat(ArrayMath.broadcast(Shape.scalar(), Shape.scalar())).isEqualTo(Broadcast.SAME);
        // not in the supported forms
        assertThat(ArrayMath.broadcast(h, Shape.of(32))).isNull();
        assertThat(ArrayMath.broadcast(h, Shape.of(200, 32))).isNull();
        assertThat(ArrayMath.broadcast(h, Shape.of(2, 200))).isNull();
        assertThat(ArrayMath.broadcast(h, Shape.of(1, 1, 1))).isNull();
        assertThat(ArrayMath.broadcast(Shape.scalar(), Shape.of(3))).isNull();
        assertThat(ArrayMath.broadcast(Shape.of(2, 4, 3), Shape.of(4, 1))).isNull();
        assertThat(ArrayMath.broadcast(Shape.of(2, 4, 3), Shape.of(2, 1, 3))).isNull();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void binaryInEveryBroadcastForm(DType t) {
        NdArray a = array(t, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NdArray out = NdArray.zeros(t, 2, 3);
        ArrayMath.binary(BinaryOp.ADD, a, array(t, new double[] {10, 20, 30, 40, 50, 60}, 2, 3), out);
        assertThat(out.toDoubleArray()).containsExactly(11, 22, 33, 44, 55, 66);
        ArrayMath.binary(BinaryOp.SUB, a, array(t, new double[] {1, 2, 3}, 3), out);
        assertThat(out.toDoubleArray()).containsExactly(0, 0, 0, 3, 3, 3);
        ArrayMath.binary(BinaryOp.MUL, a, array(t, new double[] {2, 10}, 2, 1), out);
        assertThat(out.toDoubleArray()).containsExactly(2, 4, 6, 40, 50, 60);
        ArrayMath.binary(BinaryOp.DIV, a, array(t, new double[] {2}, 1), out);
        assertThat(out.toDoubleArray()).containsExactly(0.5, 1, 1.5, 2, 2.5, 3);
        ArrayMath.binary(BinaryOp.MUL, a, -1, out);
        assertThat(out.toDoubleArray()).containsExactly(-1, -2, -3, -4, -5, -6);
        // a 0-dimensional loss times a scalar
        NdArray loss = NdArray.scalar(t, 3);
        NdArray half = NdArray.zerosLike(loss);
        ArrayMath.binary(BinaryOp.MUL, loss, NdArray.scalar(t, 0.5), half);
        assertThat(half.item()).isEqualTo(1.5);
    }

    @Test
    void binaryMessages() {
        NdArray a = NdArray.zeros(DType.FLOAT32, 3, 4);
        assertThatThrownBy(() -> ArrayMath.binary(BinaryOp.ADD, a, NdArray.zeros(DType.FLOAT32, 3), NdArray.zeros(DType.FLOAT32, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("add: shapes (3, 4) and (3) do not broadcast");
        assertThatThrownBy(() -> ArrayMath.binary(BinaryOp.MUL, a, NdArray.zeros(DType.FLOAT32, 4), NdArray.zeros(DType.FLOAT32, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mul: output shape (2) holds 2 elements, expected 12");
        assertThatThrownBy(() -> ArrayMath.binary(BinaryOp.SUB, a, NdArray.zeros(DType.FLOAT64, 4), NdArray.zeros(DType.FLOAT32, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sub: expected both operands to be of the same dtype, got float32 and float64");
        assertThatThrownBy(() -> ArrayMath.binary(BinaryOp.DIV, a, 2.0, NdArray.zeros(DType.FLOAT64, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("div: expected both operands to be of the same dtype, got float32 and float64");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void axpyUnaryPowAndTanhBackward(DType t) {
        NdArray p = array(t, new double[] {1, 2, 3}, 3);
        NdArray grad = array(t, new double[] {10, 20, 30}, 3);
        ArrayMath.axpy(-0.5, grad, p);
        assertThat(p.toDoubleArray()).containsExactly(-4, -8, -12);

        NdArray out = NdArray.zerosLike(p);
        ArrayMath.unary(UnaryOp.ABS, p, out);
        assertThat(out.toDoubleArray()).containsExactly(4, 8, 12);
        ArrayMath.unary(UnaryOp.TANH, array(t, new double[] {0, 0.5, -0.5}, 3), out);
        assertThat(out.get(1)).isCloseTo(Math.tanh(0.5), within(1e-7));
        assertThat(out.get(2)).isCloseTo(-Math.tanh(0.5), within(1e-7));
        ArrayMath.pow(p, 2, out);
        assertThat(out.toDoubleArray()).containsExactly(16, 64, 144);
        ArrayMath.pow(array(t, new double[] {4, 9, 16}, 3), 0.5, out);
        assertThat(out.toDoubleArray()).containsExactly(new double[] {2, 3, 4}, within(1e-6));

        NdArray tanh = array(t, new double[] {0, 0.5, -1}, 3);
        NdArray g = array(t, new double[] {2, 4, 8}, 3);
        NdArray dx = array(t, new double[] {1, 1, 1}, 3);
        ArrayMath.tanhBackward(tanh, g, dx, false);
        assertThat(dx.toDoubleArray()).containsExactly(2, 3, 0);
        ArrayMath.tanhBackward(tanh, g, dx, true);
        assertThat(dx.toDoubleArray()).containsExactly(4, 6, 0);
    }

    @Test
    void elementwiseMessages() {
        NdArray f3 = NdArray.zeros(DType.FLOAT32, 3);
        NdArray f4 = NdArray.zeros(DType.FLOAT32, 4);
        NdArray d3 = NdArray.zeros(DType.FLOAT64, 3);
        assertThatThrownBy(() -> ArrayMath.axpy(1, f3, f4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("axpy: output shape (4) holds 4 elements, expected 3");
        assertThatThrownBy(() -> ArrayMath.axpy(1, f3, d3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("axpy: expected both operands to be of the same dtype, got float32 and float64");
        assertThatThrownBy(() -> ArrayMath.unary(UnaryOp.EXP, f3, f4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exp: output shape (4) holds 4 elements, expected 3");
        assertThatThrownBy(() -> ArrayMath.pow(f3, 2, d3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pow: expected both operands to be of the same dtype, got float32 and float64");
        assertThatThrownBy(() -> ArrayMath.tanhBackward(f3, f4, f3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tanh backward: output shape (4) holds 4 elements, expected 3");
        assertThatThrownBy(() -> ArrayMath.tanhBackward(f3, f3, f4, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tanh backward: output shape (4) holds 4 elements, expected 3");
    }

    // ---- reductions ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void wholeArrayReductions(DType t) {
        NdArray a = array(t, new double[] {1, 2, 3, 4, 7, 1}, 2, 3);
        assertThat(ArrayMath.sum(a)).isEqualTo(18);
        assertThat(ArrayMath.mean(a)).isEqualTo(3);
        // deviations -2, -1, 0, 1, 4, -2: squares sum to 26
        assertThat(ArrayMath.variance(a, true)).isCloseTo(26.0 / 5, within(1e-12));
        assertThat(ArrayMath.variance(a, false)).isCloseTo(26.0 / 6, within(1e-12));
        assertThat(ArrayMath.max(a)).isEqualTo(7);
        assertThat(ArrayMath.argmax(a)).isEqualTo(4);
        a.set(2, Double.NaN);
        assertThat(ArrayMath.max(a)).isNaN();
        assertThat(ArrayMath.argmax(a)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void reductionsAlongADimension(DType t) {
        NdArray a = array(t, new double[] {1, 2, 3, 4, 7, 1}, 2, 3);
        NdArray cols = NdArray.zeros(t, 1, 3); // keepdim shape: any shape with the right size
        ArrayMath.sum(a, 0, cols, false);
        assertThat(cols.toDoubleArray()).containsExactly(5, 9, 4);
        NdArray rows = NdArray.zeros(t, 2);
        ArrayMath.sum(a, -1, rows, false);
        assertThat(rows.toDoubleArray()).containsExactly(6, 12);
        ArrayMath.sum(a, 1, rows, true);
        assertThat(rows.toDoubleArray()).containsExactly(12, 24);

        NdArray var = NdArray.zeros(t, 3);
        ArrayMath.variance(a, 0, true, var);
        assertThat(var.toDoubleArray()).containsExactly(4.5, 12.5, 2);
        NdArray rowVar = NdArray.zeros(t, 2, 1);
        ArrayMath.variance(a, 1, false, rowVar);
        assertThat(rowVar.get(0)).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(rowVar.get(1)).isCloseTo(6.0, within(1e-6));

        NdArray values = NdArray.zeros(t, 2);
        int[] indices = new int[2];
        ArrayMath.max(a, 1, values, indices);
        assertThat(values.toDoubleArray()).containsExactly(3, 7);
        assertThat(indices).containsExactly(2, 1);
        NdArray colMax = NdArray.zeros(t, 3);
        int[] colIdx = new int[3];
        ArrayMath.max(a, 0, colMax, colIdx);
        assertThat(colMax.toDoubleArray()).containsExactly(4, 7, 3);
        assertThat(colIdx).containsExactly(1, 1, 0);
    }

    @Test
    void reductionMessages() {
        NdArray a = NdArray.zeros(DType.FLOAT32, 2, 3);
        assertThatThrownBy(() -> ArrayMath.sum(a, 0, NdArray.zeros(DType.FLOAT32, 2), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: output shape (2) holds 2 elements, expected 3");
        assertThatThrownBy(() -> ArrayMath.sum(a, 2, NdArray.zeros(DType.FLOAT32, 2), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension 2 out of range for shape (2, 3) (expected to be in range of [-2, 1])");
        assertThatThrownBy(() -> ArrayMath.variance(a, 0, true, NdArray.zeros(DType.FLOAT64, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("var: expected both operands to be of the same dtype, got float32 and float64");
        assertThatThrownBy(() -> ArrayMath.variance(a, 1, true, NdArray.zeros(DType.FLOAT32, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("var: output shape (3) holds 3 elements, expected 2");
        assertThatThrownBy(() -> ArrayMath.max(a, 1, NdArray.zeros(DType.FLOAT32, 2), new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: indices hold 3, expected 2");
        assertThatThrownBy(() -> ArrayMath.max(a, 1, NdArray.zeros(DType.FLOAT32, 3), new int[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: output shape (3) holds 3 elements, expected 2");
        assertThatThrownBy(() -> ArrayMath.max(NdArray.zeros(DType.FLOAT32, 0, 3), 0, NdArray.zeros(DType.FLOAT32, 3), new int[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: cannot reduce over an empty dimension of shape (0, 3)");
    }

    // ---- softmax ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void softmaxAndLogSoftmaxAlongEitherDimension(DType t) {
        double l3 = Math.log(3);
        NdArray logits = array(t, new double[] {0, l3, l3, 0}, 2, 2);
        NdArray p = NdArray.zeros(t, 2, 2);
        ArrayMath.softmax(logits, 1, p);
        assertThat(p.toDoubleArray()).containsExactly(new double[] {0.25, 0.75, 0.75, 0.25}, within(1e-6));
        ArrayMath.softmax(logits, 0, p);
        assertThat(p.toDoubleArray()).containsExactly(new double[] {0.25, 0.75, 0.75, 0.25}, within(1e-6));
        ArrayMath.logSoftmax(logits, -1, p);
        assertThat(p.get(0)).isCloseTo(Math.log(0.25), within(1e-6));
        assertThat(p.get(1)).isCloseTo(Math.log(0.75), within(1e-6));
        ArrayMath.logSoftmax(logits, 0, p);
        assertThat(p.get(2)).isCloseTo(Math.log(0.75), within(1e-6));
        assertThatThrownBy(() -> ArrayMath.softmax(logits, 1, NdArray.zeros(t, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("softmax: output shape (3) holds 3 elements, expected 4");
        assertThatThrownBy(() -> ArrayMath.logSoftmax(logits, 1, NdArray.zeros(t, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log_softmax: output shape (3) holds 3 elements, expected 4");
    }

    // ---- embedding rows ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void gatherAndScatterRows(DType t) {
        NdArray table = array(t, new double[] {0, 1, 10, 11, 20, 21}, 3, 2); // C: 3 rows of 2
        IntArray ix = IntArray.of(new int[] {2, 0, 2, 1}, 2, 2);
        NdArray emb = NdArray.zeros(t, 2, 2, 2);
        ArrayMath.gatherRows(table, ix, emb);
        assertThat(emb.toDoubleArray()).containsExactly(20, 21, 0, 1, 20, 21, 10, 11);

        NdArray grad = NdArray.zeros(t, 3, 2);
        ArrayMath.scatterAddRows(array(t, new double[] {1, 1, 2, 2, 3, 3, 4, 4}, 2, 2, 2), ix, grad);
        assertThat(grad.toDoubleArray()).containsExactly(2, 2, 4, 4, 4, 4);
    }

    @Test
    void indexMessages() {
        NdArray table = NdArray.zeros(DType.FLOAT32, 27, 10);
        IntArray bad = IntArray.of(new int[] {3, 27});
        assertThatThrownBy(() -> ArrayMath.gatherRows(table, bad, NdArray.zeros(DType.FLOAT32, 2, 10)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 27 is out of bounds for dimension 0 with size 27 (at position 1 of the index array of shape (2))");
        IntArray negative = IntArray.of(new int[] {-1, 0, 0, 0}, 2, 2);
        assertThatThrownBy(() -> ArrayMath.scatterAddRows(NdArray.zeros(DType.FLOAT32, 2, 2, 10), negative, table))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index -1 is out of bounds for dimension 0 with size 27 (at position 0 of the index array of shape (2, 2))");
        assertThatThrownBy(() -> ArrayMath.gatherRows(NdArray.zeros(DType.FLOAT32, 27), IntArray.of(new int[] {0}),
                NdArray.zeros(DType.FLOAT32, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index: expected a 2-D array, got shape (27)");
        assertThatThrownBy(() -> ArrayMath.gatherRows(table, IntArray.of(new int[] {0, 1}), NdArray.zeros(DType.FLOAT32, 2, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index: output shape (2, 9) holds 18 elements, expected 20");
        assertThatThrownBy(() -> ArrayMath.scatterAddRows(NdArray.zeros(DType.FLOAT64, 1, 10), IntArray.of(new int[] {0}), table))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index backward: expected both operands to be of the same dtype, got float32 and float64");
    }

    // ---- histogram ----

    @ParameterizedTest
    @EnumSource(DType.class)
    void histogramCountsIntoClosedBins(DType t) {
        NdArray a = array(t, new double[] {-1, -0.5, 0, 0.5, 1, 2, Double.NaN}, 7);
        assertThat(ArrayMath.histogram(a, 4, -1, 1)).containsExactly(1, 1, 1, 2);
        assertThat(ArrayMath.histogram(a, 1, -1, 1)).containsExactly(5);
        assertThatThrownBy(() -> ArrayMath.histogram(a, 0, -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("histogram: bins must be positive, got 0");
    }
}
