package dev.makemore.verification;

/**
 * A gradient check failed: backpropagation and the finite difference disagree beyond the tolerance.
 * An {@link AssertionError}, so that a test running a check reports a failure (not an error), with a
 * message that says where to look: the input, the element, both values and the allowance, e.g.
 * <pre>
 * tanh (2, 3): 6 of 36 Jacobian entries outside |analytic - numeric| &lt;= 1e-5 + 1e-3 |numeric|;
 * worst d out[1, 2] / d x0[1, 2]: analytic 0.41997, numeric 0.83994, |difference| 0.41997, allowed 0.00085
 * </pre>
 */
public final class GradientMismatchError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient GradCheck.Entry worst;

    /**
     * @param name     what was checked
     * @param worst    the entry furthest outside its tolerance
     * @param failures how many entries failed
     * @param compared how many were compared
     */
    GradientMismatchError(String name, GradCheck.Entry worst, int failures, long compared) {
        super(name + ": " + failures + " of " + compared + " Jacobian entries outside |analytic - numeric| <= "
                + GradCheck.ATOL + " + " + GradCheck.RTOL + " |numeric|; worst " + worst);
        this.worst = worst;
    }

    /** The entry furthest outside its tolerance. */
    public GradCheck.Entry worst() {
        return worst;
    }
}
