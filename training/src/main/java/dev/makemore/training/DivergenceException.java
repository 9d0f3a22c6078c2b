package dev.makemore.training;

/**
 * The loss became NaN or infinite: training stopped at that step, and no model is written from such
 * a run.
 */
public final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final double loss;

    /** A divergence at {@code step} with the offending {@code loss}. */
    public DivergenceException(String stage, int step, double loss, double learningRate) {
        super("stage " + stage + ": the loss became " + loss + " at step " + step + " (learning rate " + learningRate
                + "); likely causes: a learning rate too high for this network, or an initialisation that"
                + " saturates it (see the fix-softmax and fix-tanh stages)");
        this.step = step;
        this.loss = loss;
    }

    /** The step at which the loss stopped being finite. */
    public int step() {
        return step;
    }

    /** The non-finite loss. */
    public double loss() {
        return loss;
    }
}
