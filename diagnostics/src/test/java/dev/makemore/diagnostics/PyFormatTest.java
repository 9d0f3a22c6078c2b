package dev.makemore.diagnostics;

import dev.makemore.core.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected strings are what CPython 3.11 prints for the same {@code %} formats. */
class PyFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0.125|0.12|+0.12|+0.125000|1.250000e-01|+1.250000e-01",
            "2.675|2.67|+2.67|+2.675000|2.675000e+00|+2.675000e+00",
            "-0.0012|-0.00|-0.00|-0.001200|-1.200000e-03|-1.200000e-03",
            "0.0|0.00|+0.00|+0.000000|0.000000e+00|+0.000000e+00",
            "-0.0|-0.00|-0.00|-0.000000|-0.000000e+00|-0.000000e+00",
            "1.5|1.50|+1.50|+1.500000|1.500000e+00|+1.500000e+00",
            "2.5|2.50|+2.50|+2.500000|2.500000e+00|+2.500000e+00",
            "0.005|0.01|+0.01|+0.005000|5.000000e-03|+5.000000e-03",
            "123.456|123.46|+123.46|+123.456000|1.234560e+02|+1.234560e+02",
            "-9.99999|-10.00|-10.00|-9.999990|-9.999990e+00|-9.999990e+00",
            "1e-7|0.00|+0.00|+0.000000|1.000000e-07|+1.000000e-07",
    })
    void fixedAndExponentMatchPython(double v, String f2, String f2plus, String f6plus, String e, String eplus) {
        assertThat(PyFormat.fixed(v, 2, false)).isEqualTo(f2);
        assertThat(PyFormat.fixed(v, 2, true)).isEqualTo(f2plus);
        assertThat(PyFormat.fixed(v, 6, true)).isEqualTo(f6plus);
        assertThat(PyFormat.exponent(v, 6, false)).isEqualTo(e);
        assertThat(PyFormat.exponent(v, 6, true)).isEqualTo(eplus);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0.009241077|9.241077e-03",
            "0.002640702|2.640702e-03",
            "0.04881091|4.881091e-02",
            "1e100|1.000000e+100",
            "1e-100|1.000000e-100",
            "9.9999995e-5|9.999999e-05",
            "4.9e-324|4.940656e-324",
            "1.7976931348623157e308|1.797693e+308",
            "0.5|5.000000e-01",
            "9.9999999|1.000000e+01",
    })
    void exponentMatchesPython(double v, String expected) {
        assertThat(PyFormat.exponent(v, 6, false)).isEqualTo(expected);
    }

    @Test
    void nonFiniteValuesPrintAsPythonDoes() {
        assertThat(PyFormat.fixed(Double.NaN, 2, false)).isEqualTo("nan");
        assertThat(PyFormat.fixed(Double.NaN, 2, true)).isEqualTo("+nan");
        assertThat(PyFormat.exponent(Double.NaN, 6, false)).isEqualTo("nan");
        assertThat(PyFormat.fixed(Double.POSITIVE_INFINITY, 2, false)).isEqualTo("inf");
        assertThat(PyFormat.fixed(Double.POSITIVE_INFINITY, 2, true)).isEqualTo("+inf");
        assertThat(PyFormat.exponent(Double.NEGATIVE_INFINITY, 6, true)).isEqualTo("-inf");
    }

    @Test
    void stringsAreRightAlignedAndNeverCut() {
        assertThat(PyFormat.rightAligned("Tanh", 10)).isEqualTo("      Tanh");
        assertThat(PyFormat.rightAligned("BatchNorm1d", 10)).isEqualTo("BatchNorm1d");
        assertThat(PyFormat.rightAligned("(30, 100)", 10)).isEqualTo(" (30, 100)");
    }

    @Test
    void shapesPrintAsPythonTuples() {
        assertThat(PyFormat.tuple(Shape.of(30, 100))).isEqualTo("(30, 100)");
        assertThat(PyFormat.tuple(Shape.of(100))).isEqualTo("(100,)");
        assertThat(PyFormat.tuple(Shape.scalar())).isEqualTo("()");
        assertThat(PyFormat.tuple(Shape.of(32, 3, 10))).isEqualTo("(32, 3, 10)");
    }
}
