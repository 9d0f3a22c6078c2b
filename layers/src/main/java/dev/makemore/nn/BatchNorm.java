package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;

import java.util.Locale;

/**
 * What the lecture's "calibrate the batch norm at the end of training" cell needs from a batch
 * normalisation layer, whichever form it is ({@link InlineBatchNorm}, the lecture's first, or
 * {@link BatchNorm1d}): the running statistics kept during training, and a way to evaluate with
 * explicit statistics instead. A layer offers itself through {@link Module#asBatchNorm()}.
 */
public interface BatchNorm {

    /** What a layer keeps beside the mean: the lecture's first form a std, {@code BatchNorm1d} a variance. */
    enum Spread {
        /** The unbiased standard deviation (the lecture's {@code bnstd_running}). */
        STD,
        /** The unbiased variance ({@code running_var}). */
        VAR;

        /** {@code "std"} or {@code "var"}, as reports print it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Number of units normalised. */
    int dim();

    /** Which spread {@link #runningSpread()} and {@link #useStatistics} hold. */
    Spread spread();

    /** The running mean kept in training mode. */
    Tensor runningMean();

    /** The running std or variance ({@link #spread()}) kept in training mode. */
    Tensor runningSpread();

    /**
     * Evaluates with copies of the given mean and spread (each {@code (dim)} or {@code (1, dim)}, the
     * layer's dtype) instead of the running statistics, until {@link #useRunningStatistics()}.
     *
     * @throws IllegalArgumentException for a wrong shape or dtype
     */
    void useStatistics(NdArray mean, NdArray spread);

    /** Goes back to the running statistics in evaluation mode. */
    void useRunningStatistics();
}
