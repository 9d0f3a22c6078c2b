package dev.makemore.core.kernels;

/**
 * The elementwise unary functions the lecture's networks and diagnostics use. {@code TANH} is the
 * non-linearity whose saturation is the lecture's first subject; {@code EXP}, {@code LOG} build
 * softmax and cross-entropy; {@code SQRT} the BatchNorm standard deviation.
 */
public enum UnaryOp {
    NEG, ABS, TANH, EXP, LOG, SQRT;

    /** The function on a float, evaluated in double and rounded once (the scalar kernels' reference). */
    public float apply(float x) {
        return (float) apply((double) x);
    }

    /** The function on a double. */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case TANH -> Math.tanh(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
        };
    }
}
