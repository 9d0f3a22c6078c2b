package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d.Variance;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    /** Training-mode forwards of a few random batches, so the running statistics are far from 0 and 1. */
    private static void warmUp(Module network, int fanIn, Generator g) {
        network.train();
        try (var off = Grad.disabled()) {
            for (int step = 0; step < 20; step++) {
                var x = Tensor.randn(g, 32, fanIn);
                for (int i = 0; i < x.size(); i++) {
                    x.data().set(i, 3 * x.data().get(i) + 1.5);
                }
                network.call(x);
            }
        }
        network.eval();
    }

    private static void randomAffine(Tensor gamma, Tensor beta, Generator g) {
        var r = Tensor.randn(g, 2, gamma.size());
        for (int k = 0; k < gamma.size(); k++) {
            gamma.data().set(k, 1 + 0.5 * r.data().get(k));
            beta.data().set(k, r.data().get(gamma.size() + k));
        }
    }

    /** The largest difference between two outputs, in units of float32's epsilon times the larger magnitude (at least 1). */
    private static double epsilons(NdArray a, NdArray b) {
        assertThat(b.shape()).isEqualTo(a.shape());
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            double scale = Math.max(1, Math.max(Math.abs(a.get(i)), Math.abs(b.get(i))));
            worst = Math.max(worst, Math.abs(a.get(i) - b.get(i)) / (scale * Math.ulp(1.0f)));
        }
        return worst;
    }

    private static NdArray eval(Module network, Tensor x) {
        try (var off = Grad.disabled()) {
            return network.call(x).data().copy();
        }
    }

    @Test
    void aLinearAndItsBatchNorm1dFoldIntoOneLinear() {
        var g = new Generator(42);
        var linear = new Linear(8, 5, true, g);
        var norm = BatchNorm1d.lecture(5);
        randomAffine(norm.gamma(), norm.beta(), g);
        var pair = new Sequential(linear, norm);
        warmUp(pair, 8, g);
        NdArray weightBefore = linear.weight().data().copy();

        Linear folded = BatchNormFolding.fold(linear, norm);

        var x = Tensor.randn(g, 64, 8);
        assertThat(epsilons(eval(pair, x), eval(folded, x))).isLessThan(64);
        assertThat(folded.fanIn()).isEqualTo(8);
        assertThat(folded.fanOut()).isEqualTo(5);
        assertThat(folded.hasBias()).isTrue();
        assertThat(linear.weight().data().toFloatArray()).as("the Linear is left as it was")
                .containsExactly(weightBefore.toFloatArray());
        // Folded by hand for one weight: W' = W * gamma / sqrt(running_var + eps).
        double scale = norm.gamma().data().get(3) / Math.sqrt(norm.runningVar().data().get(3) + norm.eps());
        assertThat(folded.weight().data().get(2 * 5 + 3))
                .isCloseTo(linear.weight().data().get(2 * 5 + 3) * scale, org.assertj.core.api.Assertions.within(1e-6));
        // Variances as small as eps: a fold that forgot eps (or used the std for the variance) shows.
        for (int k = 0; k < 5; k++) {
            norm.runningVar().data().set(k, 1e-5 * (k + 1));
        }
        assertThat(epsilons(eval(pair, x), eval(BatchNormFolding.fold(linear, norm), x))).isLessThan(64);
    }

    @Test
    void theLecturesInlineBatchNormFoldsWithItsCalibratedStatistics() {
        var g = new Generator(7);
        var linear = new Linear(6, 4, false, g);
        var norm = new InlineBatchNorm(4);
        randomAffine(norm.bngain(), norm.bnbias(), g);
        var pair = new Sequential(linear, norm);
        warmUp(pair, 6, g);
        var x = Tensor.randn(g, 40, 6);
        assertThat(epsilons(eval(pair, x), eval(BatchNormFolding.fold(linear, norm), x))).isLessThan(64);

        var mean = NdArray.zeros(DType.FLOAT32, 4);
        var std = NdArray.zeros(DType.FLOAT32, 4);
        for (int k = 0; k < 4; k++) {
            mean.set(k, 0.3 * k - 0.5);
            std.set(k, 0.5 + k);
        }
        norm.useStatistics(mean, std);
        assertThat(epsilons(eval(pair, x), eval(BatchNormFolding.fold(linear, norm), x))).isLessThan(64);
    }

    @Test
    void aWholeSequentialFoldsEveryBatchNormAndKeepsTheRest() {
        var g = new Generator(2147483647L);
        var tanh = new Tanh();
        var network = new Sequential(new Linear(30, 20, false, g), BatchNorm1d.lecture(20), tanh,
                new Linear(20, 20, false, g), BatchNorm1d.torch(20), new Tanh(), new Linear(20, 27, true, g));
        for (Module m : network.layers()) {
            if (m instanceof BatchNorm1d bn) {
                randomAffine(bn.gamma(), bn.beta(), g);
            }
        }
        warmUp(network, 30, g);

        Sequential folded = BatchNormFolding.fold(network);

        assertThat(folded.layers()).hasSize(5);
        assertThat(folded.layers()).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("Linear", "Tanh", "Linear", "Tanh", "Linear");
        assertThat(folded.get(1)).isSameAs(tanh);
        assertThat(folded.get(4)).isSameAs(network.get(6));
        assertThat(BatchNormFolding.hasBatchNorm(network)).isTrue();
        assertThat(BatchNormFolding.hasBatchNorm(folded)).isFalse();
        var x = Tensor.randn(g, 128, 30);
        assertThat(epsilons(eval(network, x), eval(folded, x))).isLessThan(64);
    }

    @Test
    void whatCannotBeFoldedIsNamed() {
        var g = new Generator(1);
        assertThatThrownBy(() -> BatchNormFolding.fold(new Sequential(new Tanh(), BatchNorm1d.lecture(4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1 (BatchNorm1d) follows layer 0 (Tanh), not a Linear");
        assertThatThrownBy(() -> BatchNormFolding.fold(new Sequential(BatchNorm1d.lecture(4))))
                .hasMessageContaining("layer 0 (BatchNorm1d) follows nothing");
        assertThatThrownBy(() -> BatchNormFolding.fold(new Linear(3, 4, false, g), BatchNorm1d.lecture(5)))
                .hasMessageContaining("Linear(3, 4)").hasMessageContaining("4 outputs, the BatchNorm 5 features");
        var noStats = new BatchNorm1d(4, 1e-5, 0.1, true, false, Variance.TORCH_NN);
        assertThatThrownBy(() -> BatchNormFolding.fold(new Linear(3, 4, false, g), noStats))
                .hasMessageContaining("keeps no running statistics");
    }
}
