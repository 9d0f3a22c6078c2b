package dev.makemore.nn;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.Optional;

/**
 * What the two batch normalisation layers share ({@link InlineBatchNorm}, {@link BatchNorm1d}): they
 * are {@link BatchNorm}s of {@link Kind#NORMALIZATION}, and they keep the explicit statistics that
 * {@link #useStatistics} sets for evaluation mode (converted by {@link #to}, not saved in the state
 * dict: the lecture keeps them in variables of their own).
 */
abstract class BatchNormLayer extends Module implements BatchNorm {
    private NdArray explicitMean;
    private NdArray explicitSpread;

    @Override
    public final Optional<BatchNorm> asBatchNorm() {
        return Optional.of(this);
    }

    /** {@link Kind#NORMALIZATION}. */
    @Override
    public final Kind kind() {
        return Kind.NORMALIZATION;
    }

    /** Keeps {@code mean} and {@code spread}, already checked and copied, for evaluation mode. */
    final void setExplicit(NdArray mean, NdArray spread) {
        explicitMean = mean;
        explicitSpread = spread;
    }

    /** The explicit mean for evaluation mode, or {@code null} for the running one. */
    final NdArray explicitMean() {
        return explicitMean;
    }

    /** The explicit spread for evaluation mode, or {@code null} for the running one. */
    final NdArray explicitSpread() {
        return explicitSpread;
    }

    @Override
    public final void useRunningStatistics() {
        setExplicit(null, null);
    }

    @Override
    protected final void convertState(DType dtype) {
        if (explicitMean != null) {
            setExplicit(explicitMean.to(dtype), explicitSpread.to(dtype));
        }
    }
}
