package dev.makemore.core.kernels;

/** The elementwise binary operations of the lecture's code: {@code +}, {@code -}, {@code *}, {@code /}. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV;

    /** The operation on two floats, as the scalar kernels compute it. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
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
