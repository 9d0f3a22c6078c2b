package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LectureLinesTest {

    private static TensorStats stats(double mean, double std, double percent) {
        return new TensorStats(Shape.of(32, 100), DType.FLOAT32, mean, std, -1, 1, 0.97, 0, percent);
    }

    @Test
    void activationLineIsTheLectures() {
        assertThat(LectureLines.activation(2, "Tanh", stats(-0.0012, 0.6297, 2.78125)))
                .isEqualTo("layer 2 (      Tanh): mean -0.00, std 0.63, saturated: 2.78%");
        assertThat(LectureLines.activation(11, "Tanh", stats(0.0004, 0.6512, 1.6875)))
                .isEqualTo("layer 11 (      Tanh): mean +0.00, std 0.65, saturated: 1.69%");
        assertThat(LectureLines.activation(1, "BatchNorm1d", stats(0.0, 1.0, 0.0)))
                .isEqualTo("layer 1 (BatchNorm1d): mean +0.00, std 1.00, saturated: 0.00%");
    }

    @Test
    void gradientLineIsTheLectures() {
        assertThat(LectureLines.gradient(2, "Tanh", stats(1e-9, 2.640702e-03, 0)))
                .isEqualTo("layer 2 (      Tanh): mean +0.000000, std 2.640702e-03");
        assertThat(LectureLines.gradient(14, "Tanh", stats(-3e-7, 1.952382e-03, 0)))
                .isEqualTo("layer 14 (      Tanh): mean -0.000000, std 1.952382e-03");
    }

    @Test
    void weightLineIsTheLectures() {
        assertThat(LectureLines.weight(Shape.of(30, 100), stats(0.000246, 9.241077e-03, 0), 4.881091e-02))
                .isEqualTo("weight  (30, 100) | mean +0.000246 | std 9.241077e-03 | grad:data ratio 4.881091e-02");
        assertThat(LectureLines.weight(Shape.of(100, 100), stats(-0.000086, 6.234305e-03, 0), 6.073741e-02))
                .isEqualTo("weight (100, 100) | mean -0.000086 | std 6.234305e-03 | grad:data ratio 6.073741e-02");
        assertThat(LectureLines.weight(Shape.of(27, 10), stats(0, 8.020534e-03, 0), 8.012630e-03))
                .isEqualTo("weight   (27, 10) | mean +0.000000 | std 8.020534e-03 | grad:data ratio 8.012630e-03");
    }

    @Test
    void ratiosAreListedWithTwoDecimals() {
        assertThat(LectureLines.ratios(new double[]{-3.1, -2.3149, -1.605})).isEqualTo("-3.10 -2.31 -1.60");
        assertThat(LectureLines.ratios(new double[0])).isEmpty();
    }
}
