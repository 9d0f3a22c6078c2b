package dev.makemore.verification;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The float64 copy of a network: every value, buffer and mode carried over; unknown layers refused. */
class Float64NetworksTest {

    @Test
    void everyStageConvertsWithItsStateAndMode() {
        for (Stage stage : Stage.all()) {
            Network n = Network.build(stage, 27, new Generator(LectureNumbers.SEED));
            n.eval();
            Network copy = Float64Networks.toFloat64(n);
            assertThat(copy.isTraining()).isFalse();
            assertThat(copy.stateDict().keySet()).containsExactlyElementsOf(n.stateDict().keySet());
            copy.stateDict().values().forEach(a -> assertThat(a.dtype()).isEqualTo(DType.FLOAT64));
            copy.parameters().forEach(p -> assertThat(p.requiresGrad()).isTrue());
            // New storage: training the copy does not touch the original.
            assertThat(copy.parameters().get(0).data().sharesStorageWith(n.parameters().get(0).data())).isFalse();
        }
    }

    @Test
    void explicitBatchNormStatisticsComeAcross() {
        Network n = Network.build(Stage.byName("batchnorm"), 27, new Generator(LectureNumbers.SEED));
        var bn = (InlineBatchNorm) n.layers().get(1);
        bn.useStatistics(Values.signed(1, 1, 200).to(DType.FLOAT32), Values.positive(2, 1, 200).to(DType.FLOAT32));
        var copy = (InlineBatchNorm) Float64Networks.toFloat64(n).layers().get(1);
        assertThat(copy.explicitStatistics()).isPresent();
        NdArray mean = copy.explicitStatistics().get().mean();
        assertThat(mean.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(mean.get(7)).isEqualTo(bn.explicitStatistics().get().mean().get(7));
    }

    @Test
    void anUnknownLayerIsRefusedByName() {
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public String displayName() {
                return "Custom";
            }
        };
        var n = new Network(new Embedding(Tensor.parameter(NdArray.zeros(DType.FLOAT32, 27, 10))),
                new Sequential(new Tanh(), custom));
        assertThatThrownBy(() -> Float64Networks.toFloat64(n)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Custom").hasMessageContaining("add one here");
    }
}
