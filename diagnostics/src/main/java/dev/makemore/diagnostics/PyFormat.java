package dev.makemore.diagnostics;

import dev.makemore.core.Shape;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code %}-formatting of numbers, character for character: what the lecture's diagnostic
 * prints ({@code '%+.2f'}, {@code '%e'}, {@code '%10s'} of a shape tuple) look like, so that this
 * project's text reports can be compared with the lecture's line by line.
 *
 * <p>Why not {@link String#format}: Java rounds the shortest decimal form of a double half up
 * ({@code 0.125 -> "0.13"}, {@code 2.675 -> "2.68"}), Python rounds the exact binary value
 * correctly, with ties to even ({@code "0.12"}, {@code "2.67"}); Java also prints {@code NaN} and
 * {@code Infinity} where Python prints {@code nan} and {@code inf}. Both print at least two
 * exponent digits ({@code 9.241077e-03}), and both keep the sign of a negative number that rounds to
 * zero ({@code -0.00}).
 */
public final class PyFormat {
    private PyFormat() {
    }

    /**
     * {@code '%.Nf' % value}, or {@code '%+.Nf'} when {@code plus} is set: fixed point with
     * {@code precision} decimals, correctly rounded (ties to even on the exact binary value).
     */
    public static String fixed(double value, int precision, boolean plus) {
        if (!Double.isFinite(value)) {
            return nonFinite(value, plus);
        }
        String digits = new BigDecimal(Math.abs(value)).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return sign(value, plus) + digits;
    }

    /**
     * {@code '%.Ne' % value}, or {@code '%+.Ne'} when {@code plus} is set: one digit, {@code precision}
     * decimals, {@code e}, the exponent's sign and at least two exponent digits.
     */
    public static String exponent(double value, int precision, boolean plus) {
        if (!Double.isFinite(value)) {
            return nonFinite(value, plus);
        }
        String sign = sign(value, plus);
        double abs = Math.abs(value);
        if (abs == 0.0) {
            return sign + BigDecimal.ZERO.setScale(precision, RoundingMode.UNNECESSARY).toPlainString() + "e+00";
        }
        BigDecimal rounded = new BigDecimal(abs).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exp).setScale(precision, RoundingMode.UNNECESSARY).toPlainString();
        String expDigits = Integer.toString(Math.abs(exp));
        return sign + mantissa + "e" + (exp < 0 ? '-' : '+') + (expDigits.length() < 2 ? "0" : "") + expDigits;
    }

    /** {@code '%Ns' % text}: right-aligned in {@code width} characters, never truncated. */
    public static String rightAligned(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /**
     * {@code str(tuple(shape))}: {@code (30, 100)}, {@code (100,)} for one dimension (Python's
     * one-element tuple), {@code ()} for a scalar. The lecture prints {@code tuple(p.shape)}.
     */
    public static String tuple(Shape shape) {
        int rank = shape.rank();
        var sb = new StringBuilder("(");
        for (int i = 0; i < rank; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape.dim(i));
        }
        return sb.append(rank == 1 ? ",)" : ")").toString();
    }

    private static String sign(double value, boolean plus) {
        // Negative zero prints as "-0.00" in Python too (and a tiny negative rounds to it).
        boolean negative = value < 0 || (value == 0.0 && 1.0 / value < 0);
        return negative ? "-" : plus ? "+" : "";
    }

    private static String nonFinite(double value, boolean plus) {
        if (Double.isNaN(value)) {
            return plus ? "+nan" : "nan";
        }
        return value < 0 ? "-inf" : plus ? "+inf" : "inf";
    }
}
