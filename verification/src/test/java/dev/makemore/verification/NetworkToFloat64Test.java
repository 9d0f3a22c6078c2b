package dev.makemore.verification;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code network.to(FLOAT64)}, as gradient checks use it (PyTorch's {@code model.double()}): every
 * parameter and buffer carried over exactly, the mode kept.
 */
class NetworkToFloat64Test {

    @Test
    void everyStageConvertsWithItsStateAndMode() {
        for (Stage stage : Stage.all()) {
            Network n = Network.build(stage, 27, new Generator(LectureNumbers.SEED));
            n.eval();
            var before = new LinkedHashMap<String, NdArray>();
            n.stateDict().forEach((name, a) -> before.put(name, a.copy()));
            n.to(DType.FLOAT64);
            assertThat(n.isTraining()).isFalse();
            assertThat(n.stateDict().keySet()).containsExactlyElementsOf(before.keySet());
            n.stateDict().values().forEach(a -> assertThat(a.dtype()).isEqualTo(DType.FLOAT64));
            n.parameters().forEach(p -> assertThat(p.requiresGrad()).isTrue());
            n.stateDict().forEach((name, a) -> {
                var original = before.get(name);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(a.get(i)).as("%s %s[%d]", stage.name(), name, i).isEqualTo(original.get(i));
                }
            });
        }
    }

    @Test
    void explicitBatchNormStatisticsComeAcross() {
        Network n = Network.build(Stage.byName("batchnorm"), 27, new Generator(LectureNumbers.SEED));
        var bn = (InlineBatchNorm) n.layers().get(1);
        bn.useStatistics(Values.signed(1, 1, 200).to(DType.FLOAT32), Values.positive(2, 1, 200).to(DType.FLOAT32));
        double expected = bn.explicitStatistics().get().mean().get(7);
        n.to(DType.FLOAT64);
        assertThat(bn.explicitStatistics()).isPresent();
        NdArray mean = bn.explicitStatistics().get().mean();
        assertThat(mean.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(mean.get(7)).isEqualTo(expected);
    }

    @Test
    void aLayerOfItsOwnConvertsThroughWhatItRegistered() {
        Module custom = new Module() {
            private final Tensor scale = registerParameter("scale", Tensor.of(new float[] {0.5f, 2f}, 2));

            @Override
            public Tensor forward(Tensor x) {
                return x.mul(scale);
            }
        };
        custom.to(DType.FLOAT64);
        assertThat(custom.parameters().get(0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(custom.parameters().get(0).data().toDoubleArray()).containsExactly(0.5, 2.0);
        assertThat(custom.call(Tensor.of(new double[] {1, 1}, 2)).data().toDoubleArray()).containsExactly(0.5, 2.0);
    }
}
