package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link Tensor#backward()} does to the graph and the grads: accumulation, retention, freeing, depth. */
class BackwardTest {

    private static Tensor param(double... v) {
        return Tensor.parameter(NdArray.of(v.clone()));
    }

    @Test
    void aTensorUsedTwiceAccumulatesBothContributions() {
        var b = param(5.0);
        var a = b.add(b);
        a.backward();
        assertThat(b.grad().item()).isEqualTo(2.0);
    }

    @Test
    void aDiamondAccumulatesThroughBothPaths() {
        // y = tanh(x) * tanh(x) + x: dy/dx = 2 tanh(x)(1 - tanh(x)^2) + 1
        var x = param(0.3);
        var t = x.tanh();
        t.mul(t).add(x).backward();
        double th = Math.tanh(0.3);
        assertThat(x.grad().item()).isCloseTo(2 * th * (1 - th * th) + 1, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void leafGradsAccumulateOverBackwardPassesUntilCleared() {
        var w = param(1.0, 2.0);
        w.mul(3).sum().backward();
        w.mul(3).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(6, 6);
        w.zeroGrad();
        assertThat(w.grad()).isNull();
        w.mul(w).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(2, 4);
        w.setGrad(null);
        assertThat(w.grad()).isNull();
        var g = NdArray.of(new double[]{10, 20});
        w.setGrad(g);
        assertThat(w.grad()).isSameAs(g);
        w.sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(11, 21);
    }

    @Test
    void intermediateGradsAreKeptOnlyWhenRetained() {
        var x = param(1.0, 2.0);
        var h = x.mul(2).retainGrad();
        var other = h.tanh();
        var loss = other.mul(3).sum();
        assertThat(h.retainsGrad()).isTrue();
        assertThat(other.retainsGrad()).isFalse();
        loss.backward();
        assertThat(other.grad()).isNull();
        assertThat(loss.grad()).isNull();
        double t1 = Math.tanh(2), t2 = Math.tanh(4);
        assertThat(h.grad().toDoubleArray()).usingComparatorWithPrecision(1e-15)
                .containsExactly(3 * (1 - t1 * t1), 3 * (1 - t2 * t2));
        assertThat(x.grad().toDoubleArray()).usingComparatorWithPrecision(1e-15)
                .containsExactly(6 * (1 - t1 * t1), 6 * (1 - t2 * t2));
    }

    @Test
    void theLossItselfCanRetainItsGrad() {
        var x = param(1.0, 2.0);
        var loss = x.sum().retainGrad();
        loss.backward();
        assertThat(loss.grad().item()).isEqualTo(1.0);
    }

    @Test
    void retainGradOnALeafIsHarmlessAndOnAConstantIsAnError() {
        var w = param(1.0);
        assertThat(w.retainGrad()).isSameAs(w);
        assertThat(w.retainsGrad()).isFalse();
        var c = Tensor.of(new double[]{1.0}, 1);
        assertThatThrownBy(c::retainGrad).isInstanceOf(IllegalStateException.class)
                .hasMessage("retainGrad: can't retain the grad of a tensor that does not require grad (op 'leaf', shape (1))");
    }

    @Test
    void theGraphIsFreedAfterBackward() {
        var x = param(1.0, 2.0);
        var h = x.tanh();
        var loss = h.sum();
        assertThat(h.inputs()).containsExactly(x);
        assertThat(h.op()).isEqualTo("tanh");
        assertThat(h.isLeaf()).isFalse();
        loss.backward();
        assertThat(h.inputs()).isEmpty();
        assertThat(loss.inputs()).isEmpty();
        assertThat(h.op()).isEqualTo("tanh");   // the name stays for messages
    }

    @Test
    void backwardTwiceThroughAFreedGraphSaysWhatToDo() {
        var x = param(1.0, 2.0);
        var loss = x.tanh().sum();
        loss.backward();
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: trying to backward through the graph a second time (or to reach 'sum' () whose"
                        + " graph was already freed by an earlier backward()): the saved values were released. Specify"
                        + " retainGraph=true (backward(true)) on the first backward if you need to backward through the"
                        + " graph a second time, or recompute the forward pass.");
        assertThat(x.grad().toDoubleArray()).usingComparatorWithPrecision(1e-15)
                .containsExactly(1 - Math.pow(Math.tanh(1), 2), 1 - Math.pow(Math.tanh(2), 2));
    }

    @Test
    void reachingAFreedNodeFromANewLossIsAlsoAnErrorAndChangesNothing() {
        var x = param(1.0);
        var h = x.tanh();
        h.sum().backward();
        var before = x.grad().item();
        var loss2 = h.mul(2).sum();
        assertThatThrownBy(loss2::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reach 'tanh' (1)");
        assertThat(x.grad().item()).isEqualTo(before);
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        var x = param(3.0);
        var h = x.mul(x).retainGrad();
        var loss = h.add(x);
        loss.backward(true);
        assertThat(h.inputs()).hasSize(2);
        loss.backward(true);
        assertThat(x.grad().item()).isEqualTo(14.0);
        assertThat(h.grad().item()).isEqualTo(2.0);   // retained grads accumulate too, as in PyTorch
        loss.backward();
        assertThat(x.grad().item()).isEqualTo(21.0);
        assertThat(h.inputs()).isEmpty();
    }

    @Test
    void backwardWithAnExplicitOutputGradient() {
        var x = param(1.0, 2.0, 3.0);
        var y = x.mul(x);
        y.backward(NdArray.of(new double[]{1, 10, 100}));
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 40, 600);
    }

    @Test
    void backwardFromALeafSeedsItsOwnGrad() {
        var w = param(4.0);
        w.backward();
        assertThat(w.grad().item()).isEqualTo(1.0);
    }

    @Test
    void inputsThatDoNotRequireGradGetNoGrad() {
        var x = Tensor.of(NdArray.of(new double[]{1, 2}));
        var w = param(3.0, 4.0);
        x.mul(w).sum().backward();
        assertThat(x.grad()).isNull();
        assertThat(w.grad().toDoubleArray()).containsExactly(1, 2);
        var constants = x.mul(x);
        assertThat(constants.requiresGrad()).isFalse();
        assertThat(constants.isLeaf()).isTrue();
        assertThat(constants.inputs()).isEmpty();
    }

    @Test
    void aTenThousandDeepChainOnASmallStack() throws InterruptedException {
        // y_0 = x, y_{k+1} = tanh(y_k) + x: x = 0 keeps y = 0, so dy/dx = 1 + (number of steps).
        var failure = new AtomicReference<Throwable>();
        var grad = new double[1];
        Runnable deep = () -> {
            try {
                var x = Tensor.parameter(NdArray.scalar(DType.FLOAT64, 0.0));
                var y = x;
                for (int i = 0; i < 10_000; i++) {
                    y = y.tanh().add(x);
                }
                assertThat(y.graphString()).startsWith("#0 leaf () float64 requiresGrad\n");
                y.backward();
                grad[0] = x.grad().item();
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        // 256 KiB of stack: a recursive topological sort or backward would overflow at this depth.
        var thread = new Thread(null, deep, "deep-chain", 256 * 1024);
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
        assertThat(grad[0]).isEqualTo(10_001.0);
    }

    @Test
    void detachSharesDataButNotTheGraph() {
        var x = param(1.0, 2.0);
        var h = x.mul(2);
        var d = h.detach();
        assertThat(d.data()).isSameAs(h.data());
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        assertThat(d.mul(x).requiresGrad()).isTrue();
        d.mul(x).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 4);   // d is a constant (2, 4)
    }

    @Test
    void setRequiresGradOnLeavesOnly() {
        var w = Tensor.of(NdArray.of(new double[]{1.0}));
        assertThat(w.setRequiresGrad(true)).isSameAs(w);
        assertThat(w.requiresGrad()).isTrue();
        var h = w.mul(2);
        assertThatThrownBy(() -> h.setRequiresGrad(false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("setRequiresGrad: you can only change requiresGrad of leaf tensors; this one was produced"
                        + " by 'mul'. Use detach() to get a leaf sharing its data.");
        w.setRequiresGrad(false);
        assertThat(w.mul(2).requiresGrad()).isFalse();
    }

    @Test
    void sgdStepIsDataMinusLearningRateTimesGrad() {
        var p = Tensor.parameter(NdArray.of(new float[]{1f, 2f}));
        p.mul(p.data().shape().dim(0) == 2 ? 0.5 : 0).sum().backward();   // grad 0.5 each
        p.sgdStep(0.1);
        assertThat(p.data().floats()).containsExactly(0.95f, 1.95f);
        var q = Tensor.parameter(NdArray.of(new float[]{1f}));
        assertThatThrownBy(() -> q.sgdStep(0.1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("sgdStep: tensor float32 (1) has no grad; call backward() on the loss first");
    }

    @Test
    void fromOpDefinesAFusedOpFromAnotherModule() {
        // A fused "x^2 * w" with a hand-written backward, as the layers module defines BatchNorm.
        var x = Tensor.parameter(NdArray.of(new double[]{1, 2, 3}, 1, 3));
        var w = Tensor.parameter(NdArray.of(new double[]{2, 2, 2, 3, 3, 3}, 2, 3));
        var out = NdArray.zeros(DType.FLOAT64, 2, 3);
        ArrayMath.binary(BinaryOp.MUL, w.data(), x.data(), out);
        ArrayMath.binary(BinaryOp.MUL, out, x.data(), out);
        var y = Tensor.fromOp("square_times", out, g -> {
            var xsq = NdArray.zeros(DType.FLOAT64, 1, 3);
            ArrayMath.binary(BinaryOp.MUL, x.data(), x.data(), xsq);
            w.accumulateProduct(BinaryOp.MUL, g, xsq, 1.0);
            var t = NdArray.zeros(DType.FLOAT64, 2, 3);
            ArrayMath.binary(BinaryOp.MUL, g, w.data(), t);
            ArrayMath.binary(BinaryOp.MUL, t, x.data(), t);
            x.accumulateGrad(t, 2.0);
        }, x, w);
        assertThat(y.op()).isEqualTo("square_times");
        assertThat(y.inputs()).containsExactly(x, w);
        assertThat(y.data().toDoubleArray()).containsExactly(2, 8, 18, 3, 12, 27);
        y.sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(10, 20, 30);   // 2 x (2 + 3)
        assertThat(w.grad().toDoubleArray()).containsExactly(1, 4, 9, 1, 4, 9);
    }

    @Test
    void accumulateGradSumsBroadcastDimensionsWithScale() {
        var row = Tensor.parameter(NdArray.zeros(DType.FLOAT64, 1, 2));
        var col = Tensor.parameter(NdArray.zeros(DType.FLOAT64, 2, 1));
        var one = Tensor.parameter(NdArray.zeros(DType.FLOAT64, 1));
        var delta = NdArray.of(new double[]{1, 2, 3, 4}, 2, 2);
        row.accumulateGrad(delta);
        row.accumulateGrad(delta, -0.5);
        col.accumulateGrad(delta, 2.0);
        col.accumulateGrad(delta, 2.0);
        one.accumulateGrad(delta, 0.5);
        one.accumulateGrad(delta);
        assertThat(row.grad().toDoubleArray()).containsExactly(2, 3);     // column sums (4, 6) * 0.5
        assertThat(col.grad().toDoubleArray()).containsExactly(12, 28);   // row sums (3, 7) * 4
        assertThat(one.grad().toDoubleArray()).containsExactly(15);       // 10 * 1.5
        assertThatThrownBy(() -> Tensor.parameter(NdArray.zeros(DType.FLOAT64, 3)).accumulateGrad(delta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accumulateGrad: a gradient of shape (2, 2) does not reduce to the tensor's shape (3)");
        var empty = Tensor.parameter(NdArray.zeros(DType.FLOAT64, 1, 0));
        empty.accumulateGrad(NdArray.zeros(DType.FLOAT64, 0, 0));
        assertThat(empty.grad().size()).isZero();
    }

    @Test
    void graphStringListsInputsFirst() {
        var x = Tensor.parameter(NdArray.zeros(DType.FLOAT32, 2, 3));
        var w = Tensor.of(NdArray.zeros(DType.FLOAT32, 3, 4));
        var y = x.matmul(w).tanh();
        assertThat(y.graphString()).isEqualTo("""
                #0 leaf (2, 3) float32 requiresGrad
                #1 leaf (3, 4) float32
                #2 matmul (2, 4) float32 requiresGrad <- #0, #1
                #3 tanh (2, 4) float32 requiresGrad <- #2
                """);
        assertThat(y.toString()).isEqualTo("Tensor(tensor([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], shape=(2, 4),"
                + " dtype=float32), op=tanh, requiresGrad)");
    }
}
