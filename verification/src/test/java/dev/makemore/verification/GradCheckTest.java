package dev.makemore.verification;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The checker itself: it must pass right gradients, and catch and locate wrong ones. */
class GradCheckTest {

    /** {@code x^2} with a backward that forgets the factor 2: the classic mistake. */
    private static Tensor badSquare(Tensor x) {
        var out = NdArray.zerosLike(x.data());
        ArrayMath.binary(BinaryOp.MUL, x.data(), x.data(), out);
        return Tensor.fromOp("bad_square", out, g -> x.accumulateGrad(timesData(g, x)), x);
    }

    /** {@code x^2} with a backward that ignores element 4 of the input. */
    private static Tensor holeySquare(Tensor x) {
        var out = NdArray.zerosLike(x.data());
        ArrayMath.binary(BinaryOp.MUL, x.data(), x.data(), out);
        return Tensor.fromOp("holey_square", out, g -> {
            var d = timesData(g, x);
            ArrayMath.binary(BinaryOp.MUL, d, 2.0, d);
            d.set(4, 0);
            x.accumulateGrad(d);
        }, x);
    }

    private static NdArray timesData(NdArray g, Tensor x) {
        var d = NdArray.zerosLike(g);
        ArrayMath.binary(BinaryOp.MUL, g, x.data(), d);
        return d;
    }

    @Test
    void aRightGradientPassesWithItsFullJacobianCompared() {
        var x = Values.signed(1, 2, 3);
        var report = GradCheck.check("tanh", t -> t[0].tanh(), x);
        // 6 outputs, 6 inputs: every entry of the 6 x 6 Jacobian (the off-diagonal zeros included).
        assertThat(report.entries()).isEqualTo(36);
        assertThat(report.worstRatio()).isLessThan(1e-3);
        assertThat(report.worstRelative()).isLessThan(1e-6);
        assertThat(report.toString()).contains("tanh: 36 entries");
    }

    @Test
    void aWrongGradientFailsNamingTheWorstEntryWithBothValues() {
        var x = NdArray.of(new double[]{0.5, -1.0, 2.0, 1.5, -0.25, 3.0}, 2, 3);
        var e = catchThrowableOfType(GradientMismatchError.class,
                () -> GradCheck.check("bad square", t -> badSquare(t[0]), x));
        // The analytic derivative is x instead of 2x; the largest miss is at x = 3.0, element (1, 2).
        GradCheck.Entry worst = e.worst();
        assertThat(worst.input()).isEqualTo("x0");
        assertThat(worst.index()).containsExactly(1, 2);
        assertThat(worst.output()).containsExactly(1, 2);
        assertThat(worst.analytic()).isCloseTo(3.0, within(1e-12));
        assertThat(worst.numeric()).isCloseTo(6.0, within(1e-6));
        assertThat(e.getMessage()).contains("bad square", "6 of 36", "d out[1, 2] / d x0[1, 2]", "analytic 3.0", "allowed")
                .containsPattern("numeric (5\\.9999|6\\.0000)");
    }

    @Test
    void aGradientMissingForOneElementIsFoundThroughAProjection() {
        // 100 outputs: more than FULL_JACOBIAN_LIMIT, so the rows compared are random projections.
        var x = Values.signed(2, 10, 10);
        var e = catchThrowableOfType(GradientMismatchError.class,
                () -> GradCheck.check("holey square", t -> holeySquare(t[0]), x));
        assertThat(e.worst().index()).containsExactly(0, 4);
        assertThat(e.worst().output()).isNull();
        assertThat(e.worst().analytic()).isZero();
        assertThat(e.getMessage()).contains("(w", "d x0[0, 4]");
        // The right op on the same shape passes with PROJECTIONS rows per input element.
        var ok = GradCheck.check("square", t -> t[0].pow(2), x);
        assertThat(ok.entries()).isEqualTo(100L * GradCheck.PROJECTIONS);
    }

    @Test
    void anInputWithoutGradientIsComparedAsZero() {
        // y is an input of the check but the output does not depend on it: numeric and analytic are 0.
        var x = Tensor.parameter(Values.signed(3, 3));
        var y = Tensor.parameter(Values.signed(4, 3));
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        inputs.put("x", x);
        inputs.put("y", y);
        var r = GradCheck.check("exp of x", x::exp, inputs);
        assertThat(r.entries()).isEqualTo(3 * 6);
    }

    @Test
    void theToleranceIsPyTorchs() {
        assertThat(GradCheck.EPS).isEqualTo(1e-6);
        assertThat(GradCheck.ATOL).isEqualTo(1e-5);
        assertThat(GradCheck.RTOL).isEqualTo(1e-3);
        var e = new GradCheck.Entry("x", new int[]{0}, new int[]{0}, -1, 2.0021, 2.0);
        assertThat(e.allowed()).isCloseTo(1e-5 + 2e-3, within(1e-15));
        assertThat(e.ratio()).isGreaterThan(1);
        assertThat(new GradCheck.Entry("x", new int[]{0}, new int[]{0}, -1, 2.0019, 2.0).ratio()).isLessThan(1);
    }

    @Test
    void refusesWhatCannotBeCheckedMeaningfully() {
        var f32 = Tensor.parameter(Values.signed(5, 3).to(DType.FLOAT32));
        assertThatThrownBy(() -> GradCheck.check("f32", f32::tanh, Map.of("x", f32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64 leaf");
        var constant = Tensor.of(Values.signed(6, 3));
        assertThatThrownBy(() -> GradCheck.check("no grad", constant::tanh, Map.of("x", constant)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requires grad");
        var x = Tensor.parameter(Values.signed(7, 3));
        assertThatThrownBy(() -> GradCheck.check("float32 output", () -> Tensor.of(new float[]{1f}, 1), Map.of("x", x)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64");
        assertThatThrownBy(() -> GradCheck.check("constant output", () -> Tensor.of(new double[]{1}, 1), Map.of("x", x)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not depend");
        var calls = new AtomicInteger();
        assertThatThrownBy(() -> GradCheck.check("drifting", () -> x.mul(calls.incrementAndGet()), Map.of("x", x)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("deterministic");
    }

    @Test
    void roundingNoiseBetweenEvaluationsIsTolerated() {
        // Evaluations that differ by an ulp (as SIMD kernels may once the JIT compiles them) are fine:
        // divided by 2 eps that is 1e-10, far below atol.
        var x = Tensor.parameter(Values.signed(8, 3));
        var calls = new AtomicInteger();
        var r = GradCheck.check("jittery exp", () -> x.exp().add(1e-15 * (calls.incrementAndGet() % 2)), Map.of("x", x));
        assertThat(r.worstRatio()).isLessThan(0.01);
        assertThat(GradCheck.NOISE).isCloseTo(2e-13, within(1e-27));
    }

    @Test
    void unravelIsRowMajor() {
        assertThat(GradCheck.unravel(23, dev.makemore.core.Shape.of(2, 3, 4))).containsExactly(1, 2, 3);
        assertThat(GradCheck.unravel(5, dev.makemore.core.Shape.of(2, 3, 4))).containsExactly(0, 1, 1);
        assertThat(GradCheck.unravel(0, dev.makemore.core.Shape.scalar())).isEmpty();
    }
}
