package dev.makemore.core.kernels;

/** The elementwise binary operations of the lecture's code: {@code +}, {@code -}, {@code *}, {@code /}. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV;

    /**
     * The operation on two floats, as the scalar kernels compute it: in double, rounded once, which for
     * these four is exactly the float operation (a double holds more than 2 * 24 + 2 bits, so the
     * double result rounds to the correctly rounded float result).
     */
    public float apply(float a, float b) {
        return (float) apply((double) a, (double) b);
    }

    /** The operation on two doubles. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }
}
