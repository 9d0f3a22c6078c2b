package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitTest {

    @Test
    void gainsAreTorchs() {
        for (var n : new Nonlinearity[] {Nonlinearity.LINEAR, Nonlinearity.CONV1D, Nonlinearity.CONV2D,
                Nonlinearity.CONV3D, Nonlinearity.CONV_TRANSPOSE1D, Nonlinearity.CONV_TRANSPOSE2D,
                Nonlinearity.CONV_TRANSPOSE3D, Nonlinearity.SIGMOID}) {
            assertThat(Init.calculateGain(n)).as("%s", n).isEqualTo(1.0);
        }
        assertThat(Init.calculateGain(Nonlinearity.TANH)).isEqualTo(5.0 / 3);
        assertThat(Init.calculateGain(Nonlinearity.RELU)).isEqualTo(Math.sqrt(2.0));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU)).isEqualTo(Math.sqrt(2.0 / (1 + 0.01 * 0.01)));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2)).isEqualTo(Math.sqrt(2.0 / 1.04));
        assertThat(Init.calculateGain(Nonlinearity.SELU)).isEqualTo(0.75);
        assertThat(Init.calculateGain(Nonlinearity.TANH, 123)).as("param ignored").isEqualTo(5.0 / 3);
    }

    @ParameterizedTest
    @EnumSource(Nonlinearity.class)
    void namesRoundTrip(Nonlinearity n) {
        assertThat(Nonlinearity.fromTorchName(n.torchName())).isEqualTo(n);
    }

    @Test
    void unknownNamesAreRejectedAsInPyTorch() {
        assertThatThrownBy(() -> Nonlinearity.fromTorchName("gelu")).hasMessage("Unsupported nonlinearity gelu");
    }

    @Test
    void fansFollowOurFanInFanOutLayout() {
        var fans = Init.Fans.of(Shape.of(30, 200));
        assertThat(fans).isEqualTo(new Init.Fans(30, 200));
        assertThat(fans.select(FanMode.FAN_IN)).isEqualTo(30);
        assertThat(fans.select(FanMode.FAN_OUT)).isEqualTo(200);
        assertThat(Init.kaimingStd(Shape.of(30, 200), 5.0 / 3, FanMode.FAN_IN)).isEqualTo((5.0 / 3) / Math.sqrt(30));
        assertThat(Init.kaimingStd(Shape.of(30, 200), 5.0 / 3, FanMode.FAN_OUT)).isEqualTo((5.0 / 3) / Math.sqrt(200));
        assertThatThrownBy(() -> Init.Fans.of(Shape.of(200)))
                .hasMessageStartingWith("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        assertThatThrownBy(() -> Init.Fans.of(Shape.of(2, 3, 4))).hasMessageContaining("2-D");
        assertThatThrownBy(() -> Init.kaimingStd(Shape.of(0, 3), 1, FanMode.FAN_IN)).hasMessageContaining("zero");
    }

    @Test
    void theKaimingStagesHandScaleIsTanhGainOverSqrtFanIn() {
        // The lecture: W1 = torch.randn((30, 200), generator=g) * (5/3)/((30)**0.5)
        double lectureScale = (5.0 / 3) / Math.sqrt(30);
        assertThat(Init.calculateGain(Nonlinearity.TANH) / Math.sqrt(30)).isEqualTo(lectureScale);
        assertThat(Init.kaimingStd(Shape.of(30, 200), Init.calculateGain(Nonlinearity.TANH), FanMode.FAN_IN))
                .isEqualTo(lectureScale);

        var g1 = new Generator(Generator.LECTURE_SEED);
        var g2 = new Generator(Generator.LECTURE_SEED);
        var lecture = Tensor.randn(g1, 30, 200).data();
        ArrayMath.binary(BinaryOp.MUL, lecture, 5.0 / 3, lecture);               // randn * (5/3)
        ArrayMath.binary(BinaryOp.DIV, lecture, Math.sqrt(30), lecture);         // ... / 30**0.5
        var kaiming = Init.kaimingNormal(Tensor.zeros(DType.FLOAT32, 30, 200), Nonlinearity.TANH, FanMode.FAN_IN, g2)
                .data();
        // Same draws, same scale; the lecture rounds twice (and Init rounds the scale to float32 once and
        // the product once), so the two agree to a few ulps, not bit for bit.
        for (int i = 0; i < lecture.size(); i++) {
            float a = (float) lecture.get(i), b = (float) kaiming.get(i);
            assertThat(Math.abs(a - b)).as("element %d", i).isLessThanOrEqualTo(4 * Math.ulp(Math.abs(a)));
        }
        assertThat(g1.random()).as("both leave the generator in the same state").isEqualTo(g2.random());
    }

    @Test
    void normalIsAFusedScaleOfOneRandnForSixteenOrMoreElements() {
        var g = new Generator(9);
        var copy = g.copy();
        var a = Init.normal(NdArray.zeros(DType.FLOAT32, 40), 0.5, 0.3, g);
        float[] n = copy.randn(40);
        for (int i = 0; i < 40; i++) {
            assertThat((float) a.get(i)).isEqualTo(Math.fma(n[i], 0.3f, 0.5f));
        }
        // Statistically a normal of that mean and std.
        var big = Init.normal(NdArray.zeros(DType.FLOAT32, 100_000), 0.5, 0.3, g);
        assertThat(ArrayMath.mean(big)).isCloseTo(0.5, within(0.01));
        assertThat(Math.sqrt(ArrayMath.variance(big, true))).isCloseTo(0.3, within(0.01));
    }

    @Test
    void normalDrawsDoublesForFewerThanSixteenElements() {
        var g = new Generator(10);
        var copy = g.copy();
        var a = Init.normal(NdArray.zeros(DType.FLOAT32, 5), 1.0, 2.0, g);
        for (int i = 0; i < 5; i++) {
            assertThat((float) a.get(i)).isEqualTo((float) (copy.nextNormal() * 2.0 + 1.0));
        }
    }

    @Test
    void uniformUsesOneDrawPerElement() {
        var g = new Generator(11);
        var copy = g.copy();
        var unit = Init.uniform(NdArray.zeros(DType.FLOAT32, 20), 0, 1, g);
        assertThat(unit.toFloatArray()).containsExactly(copy.rand(20));
        var wide = Init.uniform(NdArray.zeros(DType.FLOAT32, 10_000), -0.25, 0.25, g);
        for (float v : wide.toFloatArray()) {
            assertThat(v).isBetween(-0.25f, 0.25f);
        }
        assertThat(ArrayMath.mean(wide)).isCloseTo(0, within(0.01));
    }

    @Test
    void kaimingNormalOverloads() {
        var g = new Generator(12);
        var copy = g.copy();
        var t = Tensor.zeros(DType.FLOAT32, 100, 50);
        assertThat(Init.kaimingNormal(t, Math.sqrt(2.0), FanMode.FAN_OUT, g)).isSameAs(t);
        var same = Init.kaimingNormal(NdArray.zeros(DType.FLOAT32, 100, 50), Nonlinearity.RELU, FanMode.FAN_OUT, copy);
        assertThat(t.data().toFloatArray()).containsExactly(same.toFloatArray());
        assertThat(Math.sqrt(ArrayMath.variance(same, true))).isCloseTo(Math.sqrt(2.0 / 50), within(0.005));
    }

    @Test
    void onlyFloat32IsDrawn() {
        var a = NdArray.zeros(DType.FLOAT64, 4, 4);
        assertThatThrownBy(() -> Init.normal(a, 0, 1, new Generator(1)))
                .hasMessageStartingWith("normal_: draws float32 values exactly as PyTorch does; got a float64 array");
        assertThatThrownBy(() -> Init.uniform(a, 0, 1, new Generator(1))).hasMessageStartingWith("uniform_");
    }
}
