package dev.makemore.training.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting as Python's {@code format} does it, so printed figures match the lecture's digit for digit. */
final class Format {
    private Format() {
    }

    /**
     * {@code f'{value:.{decimals}f}'}: the exact binary value rounded half-to-even (Java's
     * {@code %.4f} rounds the shortest decimal form half-up, which differs on rare ties), and
     * {@code nan}, {@code inf}, {@code -inf} as Python writes them.
     */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero: -0.0000.
        if ((value < 0 || (value == 0 && 1 / value < 0)) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }
}
