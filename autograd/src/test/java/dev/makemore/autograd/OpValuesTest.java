package dev.makemore.autograd;

import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.random.Generator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Forward values and gradients of small cases computed by hand (or with java.lang.Math). */
class OpValuesTest {
    private static final double TIGHT = 1e-12;

    private static Tensor p64(double[] v, int... dims) {
        return Tensor.parameter(NdArray.of(v, dims));
    }

    private static Tensor p32(float[] v, int... dims) {
        return Tensor.parameter(NdArray.of(v, dims));
    }

    private static double[] values(NdArray a) {
        return a.toDoubleArray();
    }

    @Test
    void derivativeOfXTimesXPlusXAtThreeIsSeven() {
        var x = p64(new double[]{3.0});
        var y = x.mul(x).add(x);
        assertThat(y.item()).isEqualTo(12.0);
        y.backward();
        assertThat(x.grad().item()).isEqualTo(7.0);
    }

    @Test
    void sameInFloat32() {
        var x = p32(new float[]{3f});
        var y = x.mul(x).add(x);
        y.backward();
        assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.grad().item()).isEqualTo(7.0);
    }

    @Test
    void micrographsNeuronExample() {
        // micrograd's README: a = -4, b = 2; c = a + b; d = a * b + b**3; ... simplified to d = a*b + b^3.
        var a = p64(new double[]{-4.0});
        var b = p64(new double[]{2.0});
        var d = a.mul(b).add(b.pow(3));
        assertThat(d.item()).isEqualTo(0.0);   // -8 + 8
        d.backward();
        assertThat(a.grad().item()).isEqualTo(2.0);               // dd/da = b
        assertThat(b.grad().item()).isEqualTo(-4.0 + 3 * 4.0);    // dd/db = a + 3 b^2 = 8
    }

    @Test
    void matmulByHand() {
        var x = p64(new double[]{1, 2, 3, 4}, 2, 2);
        var w = p64(new double[]{5, 6, 7, 8}, 2, 2);
        var out = x.matmul(w);
        assertThat(values(out.data())).containsExactly(19, 22, 43, 50);
        out.sum().backward();
        // dx = ones @ w^T: every row is (5+6, 7+8); dw = x^T @ ones: rows (1+3, 1+3), (2+4, 2+4).
        assertThat(values(x.grad())).containsExactly(11, 15, 11, 15);
        assertThat(values(w.grad())).containsExactly(4, 4, 6, 6);
    }

    @Test
    void indexGathersRowsAndScattersGradients() {
        var c = p64(new double[]{0, 1, 10, 11, 20, 21}, 3, 2);
        var ix = IntArray.of(new int[]{2, 0, 2, 2}, 2, 2);
        var emb = c.index(ix);
        assertThat(emb.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(values(emb.data())).containsExactly(20, 21, 0, 1, 20, 21, 20, 21);
        // Mutating the caller's index buffer after the forward pass must not change the backward.
        ix.data()[0] = 1;
        emb.sum().backward();
        assertThat(values(c.grad())).containsExactly(1, 1, 0, 0, 3, 3);
    }

    @Test
    void viewSharesStorageAndInfersMinusOne() {
        var x = p64(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        var v = x.view(3, -1);
        assertThat(v.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(v.data().sharesStorageWith(x.data())).isTrue();
        v.mul(p64(new double[]{1, 2}, 2)).sum().backward();
        assertThat(values(x.grad())).containsExactly(1, 2, 1, 2, 1, 2);
    }

    @Test
    void broadcastRowOnTheLeftLikeBngainTimesXhat() {
        var gain = p64(new double[]{2, 3, 4}, 1, 3);
        var x = p64(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        var bias = p64(new double[]{10, 20, 30}, 1, 3);
        var y = gain.mul(x).add(bias);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(values(y.data())).containsExactly(12, 26, 42, 18, 35, 54);
        y.sum().backward();
        assertThat(gain.grad().shape()).isEqualTo(Shape.of(1, 3));
        assertThat(values(gain.grad())).containsExactly(5, 7, 9);      // column sums of x
        assertThat(values(bias.grad())).containsExactly(2, 2, 2);
        assertThat(values(x.grad())).containsExactly(2, 3, 4, 2, 3, 4);
    }

    @Test
    void broadcastRowOneDimensionalOnTheRight() {
        var x = p64(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        var b = p64(new double[]{1, 2, 4}, 3);
        var y = x.div(b);
        assertThat(values(y.data())).containsExactly(1, 1, 0.75, 4, 2.5, 1.5);
        y.sum().backward();
        // d/db sum(x / b) = -sum_rows(x) / b^2
        assertThat(values(b.grad())).containsExactly(-5.0, -7.0 / 4, -9.0 / 16);
        assertThat(values(x.grad())).containsExactly(1, 0.5, 0.25, 1, 0.5, 0.25);
    }

    @Test
    void broadcastColumnBothWays() {
        var x = p64(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        var c = p64(new double[]{10, 20}, 2, 1);
        var left = c.sub(x);
        assertThat(values(left.data())).containsExactly(9, 8, 7, 16, 15, 14);
        var right = x.sub(c);
        assertThat(values(right.data())).containsExactly(-9, -8, -7, -16, -15, -14);
        left.sum().backward();
        assertThat(values(c.grad())).containsExactly(3, 3);
        assertThat(values(x.grad())).containsExactly(-1, -1, -1, -1, -1, -1);
    }

    @Test
    void scalarTensorMinusMatrixAndDivisionByIt() {
        var one = p64(new double[]{1.0});
        var x = p64(new double[]{0.5, 2.0, 4.0}, 1, 3);
        var y = one.sub(x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(values(y.data())).containsExactly(0.5, -1.0, -3.0);
        var z = one.div(x);
        assertThat(values(z.data())).containsExactly(2.0, 0.5, 0.25);
        y.add(z).sum().backward();
        assertThat(one.grad().item()).isEqualTo(3 + 2 + 0.5 + 0.25);           // 3 ones + sum(1/x)
        assertThat(values(x.grad())).containsExactly(-1 - 4.0, -1 - 0.25, -1 - 1.0 / 16);
    }

    @Test
    void leftOperandOfShapeDAgainstOneByD() {
        var a = p64(new double[]{1, 2}, 2);
        var b = p64(new double[]{3, 4}, 1, 2);
        var y = a.sub(b);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2));
        assertThat(values(y.data())).containsExactly(-2, -2);
        y.sum().backward();
        assertThat(a.grad().shape()).isEqualTo(Shape.of(2));
        assertThat(values(a.grad())).containsExactly(1, 1);
        assertThat(values(b.grad())).containsExactly(-1, -1);
    }

    @Test
    void javaDoubleOperands() {
        var x = p64(new double[]{1, 2, 4}, 3);
        assertThat(values(x.add(1).data())).containsExactly(2, 3, 5);
        assertThat(values(x.sub(1).data())).containsExactly(0, 1, 3);
        assertThat(values(x.rsub(1).data())).containsExactly(0, -1, -3);
        assertThat(values(x.mul(3).data())).containsExactly(3, 6, 12);
        assertThat(values(x.div(2).data())).containsExactly(0.5, 1, 2);
        assertThat(values(x.rdiv(2).data())).containsExactly(2, 1, 0.5);
        assertThat(values(x.neg().data())).containsExactly(-1, -2, -4);
        x.rdiv(2).sum().backward();
        assertThat(values(x.grad())).containsExactly(-2, -0.5, -0.125);   // -2 / x^2
    }

    @Test
    void elementwiseFunctions() {
        double[] v = {0.5, 1.5, 2.0};
        var x = p64(v.clone(), 3);
        var t = x.tanh();
        var e = x.exp();
        var l = x.log();
        var s = x.sqrt();
        var p = x.pow(3);
        for (int i = 0; i < 3; i++) {
            assertThat(t.data().get(i)).isCloseTo(Math.tanh(v[i]), within(TIGHT));
            assertThat(e.data().get(i)).isCloseTo(Math.exp(v[i]), within(TIGHT));
            assertThat(l.data().get(i)).isCloseTo(Math.log(v[i]), within(TIGHT));
            assertThat(s.data().get(i)).isCloseTo(Math.sqrt(v[i]), within(TIGHT));
            assertThat(p.data().get(i)).isCloseTo(v[i] * v[i] * v[i], within(TIGHT));
        }
        t.add(e).add(l).add(s).add(p).sum().backward();
        for (int i = 0; i < 3; i++) {
            double th = Math.tanh(v[i]);
            double expected = (1 - th * th) + Math.exp(v[i]) + 1 / v[i] + 0.5 / Math.sqrt(v[i]) + 3 * v[i] * v[i];
            assertThat(x.grad().get(i)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void powZeroHasZeroGradientEvenAtZero() {
        var x = p64(new double[]{0.0, 2.0}, 2);
        var y = x.pow(0);
        assertThat(values(y.data())).containsExactly(1, 1);
        y.sum().backward();
        assertThat(values(x.grad())).containsExactly(0, 0);
    }

    @Test
    void sumAndMeanOverAllAndAlongDimensions() {
        var x = p64(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(x.sum().item()).isEqualTo(21);
        assertThat(x.sum().shape()).isEqualTo(Shape.scalar());
        assertThat(x.mean().item()).isEqualTo(3.5);
        var s0 = x.sum(0, true);
        assertThat(s0.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(values(s0.data())).containsExactly(5, 7, 9);
        var s1 = x.sum(1, false);
        assertThat(s1.shape()).isEqualTo(Shape.of(2));
        assertThat(values(s1.data())).containsExactly(6, 15);
        var m1 = x.mean(-1, true);
        assertThat(m1.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(values(m1.data())).containsExactly(2, 5);
        x.mean().backward();
        assertThat(values(x.grad())).containsOnly(1.0 / 6);
        x.zeroGrad();
        x.mean(0, false).mul(p64(new double[]{1, 2, 3}, 3)).sum().backward();
        assertThat(values(x.grad())).containsExactly(0.5, 1, 1.5, 0.5, 1, 1.5);
    }

    @Test
    void varianceAndStdAreUnbiasedByDefault() {
        var x = p64(new double[]{1, 2, 3, 4}, 4);
        assertThat(x.var().item()).isCloseTo(5.0 / 3, within(TIGHT));
        assertThat(x.var(false).item()).isCloseTo(1.25, within(TIGHT));
        assertThat(x.std().item()).isCloseTo(Math.sqrt(5.0 / 3), within(TIGHT));
        assertThat(x.std(false).item()).isCloseTo(Math.sqrt(1.25), within(TIGHT));
        x.var().backward();
        // 2 (x - 2.5) / 3
        assertThat(values(x.grad())).usingComparatorWithPrecision(1e-12).containsExactly(-1, -1.0 / 3, 1.0 / 3, 1);
        var m = p64(new double[]{1, 10, 3, 20}, 2, 2);
        var v0 = m.var(0, true);
        assertThat(v0.shape()).isEqualTo(Shape.of(1, 2));
        assertThat(values(v0.data())).usingComparatorWithPrecision(1e-12).containsExactly(2, 50);
        assertThat(values(m.var(0, false, false).data())).usingComparatorWithPrecision(1e-12).containsExactly(1, 25);
        assertThat(values(m.std(1, false).data())).usingComparatorWithPrecision(1e-12)
                .containsExactly(Math.sqrt(40.5), Math.sqrt(144.5));
        assertThat(values(m.std(1, true, false).data())).usingComparatorWithPrecision(1e-12).containsExactly(4.5, 8.5);
        m.var(0, false, false).sum().backward();
        // biased: 2 (x - mean) / 2 = x - mean per column
        assertThat(values(m.grad())).usingComparatorWithPrecision(1e-12).containsExactly(-1, -5, 1, 5);
    }

    @Test
    void softmaxAndLogSoftmaxValues() {
        var x = p64(new double[]{0, Math.log(2), Math.log(3)}, 1, 3);
        assertThat(values(x.softmax(1).data())).usingComparatorWithPrecision(1e-12).containsExactly(1 / 6.0, 2 / 6.0, 3 / 6.0);
        assertThat(values(x.logSoftmax(-1).data())).usingComparatorWithPrecision(1e-12)
                .containsExactly(Math.log(1 / 6.0), Math.log(2 / 6.0), Math.log(3 / 6.0));
        // Softmax along a dimension of size 1 is all ones, whose gradient is zero.
        var s0 = x.softmax(0);
        assertThat(values(s0.data())).containsExactly(1, 1, 1);
        s0.sum().backward();
        assertThat(values(x.grad())).containsExactly(0, 0, 0);
    }

    @Test
    void factories() {
        assertThat(values(Tensor.zeros(DType.FLOAT64, 2, 2).data())).containsExactly(0, 0, 0, 0);
        var ones = Tensor.ones(DType.FLOAT32, 1, 3);
        assertThat(ones.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(ones.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(values(ones.data())).containsExactly(1, 1, 1);
        var s = Tensor.scalar(DType.FLOAT64, 2.5);
        assertThat(s.rank()).isZero();
        assertThat(s.item()).isEqualTo(2.5);
        var f = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(f.dim(-1)).isEqualTo(3);
        assertThat(f.size()).isEqualTo(6);
        assertThat(f.requiresGrad()).isFalse();
        assertThat(f.op()).isEqualTo("leaf");
        assertThat(f.inputs()).isEmpty();
    }

    @Test
    void randnDrawsWhatTheGeneratorDraws() {
        var w = Tensor.randn(new Generator(Generator.LECTURE_SEED), 27, 10);
        assertThat(w.shape()).isEqualTo(Shape.of(27, 10));
        assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w.requiresGrad()).isFalse();
        float[] expected = new float[270];
        new Generator(Generator.LECTURE_SEED).randn(expected);
        assertThat(w.data().floats()).containsExactly(expected);
        assertThat(w.data().floats()).isNotEqualTo(new float[270]);
    }
}
