package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import org.junit.jupiter.api.Test;

/**
 * The edges of the layers' contracts that mutation testing found unchecked: the ends of each allowed
 * range are allowed, bad input is refused with its message, the float64 path adds eps, and the mode
 * setters return the module they were called on.
 */
class LayerGuardsTest {

    @Test
    void momentumZeroAndOneAndEpsZeroAreAllowed() {
        for (double momentum : new double[] {0, 1}) {
            assertThatCode(() -> new BatchNorm1d(3, 0, momentum, true, true, BatchNorm1d.Variance.LECTURE))
                    .doesNotThrowAnyException();
            assertThatCode(() -> new InlineBatchNorm(3, momentum, DType.FLOAT32)).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> new InlineBatchNorm(3, -0.01, DType.FLOAT32))
                .hasMessage("InlineBatchNorm: momentum must be in [0, 1], got -0.01");
        assertThatThrownBy(() -> new InlineBatchNorm(3, 1.01, DType.FLOAT32))
                .hasMessage("InlineBatchNorm: momentum must be in [0, 1], got 1.01");
        assertThatThrownBy(() -> new BatchNorm1d(3, 1e-5, -0.01, true, true, BatchNorm1d.Variance.LECTURE))
                .hasMessage("BatchNorm1d: momentum must be in [0, 1], got -0.01");
    }

    @Test
    void aLinearOfNoInputsOrOutputsIsRefused() {
        assertThatThrownBy(() -> Linear.torchDefault(0, 5, true, new Generator(1)))
                .hasMessage("Linear: fan_in and fan_out must be positive, got 0, 5");
        assertThatThrownBy(() -> Linear.torchDefault(3, 0, false, new Generator(1)))
                .hasMessage("Linear: fan_in and fan_out must be positive, got 3, 0");
        assertThat(Linear.torchDefault(1, 1, false, new Generator(1)).weight().shape().dims()).containsExactly(1, 1);
    }

    @Test
    void inlineBatchNormRefusesTheWrongShape() {
        var bn = new InlineBatchNorm(4, InlineBatchNorm.LECTURE_MOMENTUM, DType.FLOAT64);
        var h = Tensor.of(NdArray.of(new double[6], 2, 3));
        var stats = NdArray.of(new double[4], 1, 4);
        assertThatThrownBy(() -> bn.forward(h, stats, stats))
                .hasMessageContaining("expected input of shape (N, 4), got (2, 3)");
        assertThatThrownBy(() -> bn.calibrate(Tensor.of(NdArray.of(new double[4], 1, 4))))
                .hasMessageStartingWith("Expected more than 1 value per channel when training");
    }

    @Test
    void childNamesMustBeNonEmptyWithoutDotsAndUnique() {
        assertThatThrownBy(() -> new Parent("a.b"))
                .hasMessage("invalid name 'a.b': names are non-empty and have no dots");
        assertThatThrownBy(() -> new Parent("")).hasMessage("invalid name '': names are non-empty and have no dots");
        assertThatThrownBy(() -> new Parent("w")).hasMessageEndingWith("already has something named 'w'");
        assertThat(new Parent("child").children()).hasSize(1);
    }

    @Test
    void modeSettersReturnTheModule() {
        var m = new Sequential(new Tanh());
        assertThat(m.eval()).isSameAs(m);
        assertThat(m.isTraining()).isFalse();
        assertThat(m.train()).isSameAs(m);
        assertThat(m.isTraining()).isTrue();
        assertThat(m.train(false)).isSameAs(m);
    }

    @Test
    void float64BatchNormAddsEpsToTheVariance() {
        // Column 0 varies by 1e-3 (variance 1.67e-6, below eps = 1e-5): eps decides the output's scale.
        double[] x = {1.000, 0, 1.001, 2, 1.002, 4, 1.003, 6};
        for (var variance : BatchNorm1d.Variance.values()) {
            var bn = new BatchNorm1d(2, 1e-5, 0.1, false, true, variance, DType.FLOAT64);
            var out = bn.forward(Tensor.of(NdArray.of(x.clone(), 4, 2))).data();
            for (int c = 0; c < 2; c++) {
                double mean = 0;
                for (int i = 0; i < 4; i++) {
                    mean += x[i * 2 + c] / 4;
                }
                double squares = 0;
                for (int i = 0; i < 4; i++) {
                    squares += (x[i * 2 + c] - mean) * (x[i * 2 + c] - mean);
                }
                double var = squares / (variance.unbiasedNormalization() ? 3 : 4);
                for (int i = 0; i < 4; i++) {
                    assertThat(out.get(i * 2 + c)).as("%s, row %d, column %d", variance, i, c)
                            .isCloseTo((x[i * 2 + c] - mean) / Math.sqrt(var + 1e-5), within(1e-12));
                }
            }
        }
    }

    /** A module with a parameter {@code w} and one child registered under a given name. */
    private static final class Parent extends Module {
        Parent(String childName) {
            registerParameter("w", Tensor.parameter(NdArray.of(new double[] {1})));
            registerModule(childName, new Tanh());
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }
}
