package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Python's {@code .4f}, digit for digit. */
class FormatTest {

    @Test
    void roundsTheExactBinaryValueHalfToEven() {
        assertThat(Format.fixed(3.32386255264282227, 4)).isEqualTo("3.3239");
        assertThat(Format.fixed(2.5, 0)).isEqualTo("2");
        assertThat(Format.fixed(3.5, 0)).isEqualTo("4");
        assertThat(Format.fixed(0.125, 2)).isEqualTo("0.12");
        // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary: Python prints 2.67.
        assertThat(Format.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(Format.fixed(27.8817, 4)).isEqualTo("27.8817");
        assertThat(Format.fixed(1, 4)).isEqualTo("1.0000");
    }

    @Test
    void signsAndNonFiniteValuesAsPython() {
        assertThat(Format.fixed(-0.00001, 4)).isEqualTo("-0.0000");
        assertThat(Format.fixed(-0.0, 2)).isEqualTo("-0.00");
        assertThat(Format.fixed(-1.5, 1)).isEqualTo("-1.5");
        assertThat(Format.fixed(Double.NaN, 4)).isEqualTo("nan");
        assertThat(Format.fixed(Double.POSITIVE_INFINITY, 4)).isEqualTo("inf");
        assertThat(Format.fixed(Double.NEGATIVE_INFINITY, 4)).isEqualTo("-inf");
    }

    @Test
    void theLecturesLogLine() {
        assertThat(Progress.logLine(0, 200_000, 3.3238625526428223)).isEqualTo("      0/ 200000: 3.3239");
        assertThat(Progress.logLine(190_000, 200_000, 2.1707)).isEqualTo(" 190000/ 200000: 2.1707");
    }
}
