package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;

import java.util.Objects;
import java.util.Optional;

/**
 * What the two batch normalisation layers share ({@link InlineBatchNorm}, {@link BatchNorm1d}): they
 * are {@link BatchNorm}s of {@link Kind#NORMALIZATION} over {@code dim} units, they keep a running mean
 * and a running spread (a std or a variance, {@link Spread}) with a momentum, and they keep the
 * explicit statistics that {@link #useStatistics} sets for evaluation mode (converted by {@link #to},
 * not saved in the state dict: the lecture keeps them in variables of their own). The two differ in
 * the names and shape of their buffers ({@link Running}) and in their arithmetic, which stays in each
 * layer's {@code forward}.
 */
abstract class BatchNormLayer extends Module implements BatchNorm {

    /**
     * How a layer keeps its running statistics: their state-dict names, and their shape, {@code (dim)}
     * as {@code torch.nn}'s buffers or {@code (1, dim)} as the lecture's inline variables.
     */
    record Running(String meanName, String spreadName, boolean row) {
        Running {
            Objects.requireNonNull(meanName, "meanName");
            Objects.requireNonNull(spreadName, "spreadName");
        }
    }

    private final int dim;
    private final double momentum;
    private final Spread spread;
    /** The shape of every statistic: the buffers', the explicit ones', and what {@link #checkStatistic} views. */
    private final Shape statisticShape;
    private final Tensor runningMean;
    private final Tensor runningSpread;
    private NdArray explicitMean;
    private NdArray explicitSpread;

    /**
     * Checks {@code dim} and {@code momentum}, and registers the running mean (zeros) and spread (ones)
     * as buffers, unless {@code running} is {@code null} (no running statistics: batch statistics in
     * both modes).
     *
     * @param layer the class name for messages, before the module is built
     * @throws IllegalArgumentException for {@code dim <= 0} or a momentum outside [0, 1]
     */
    BatchNormLayer(String layer, int dim, double momentum, Spread spread, Running running, DType dtype) {
        if (dim <= 0) {
            throw new IllegalArgumentException(layer + ": dim must be positive, got " + dim);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(layer + ": momentum must be in [0, 1], got " + momentum);
        }
        this.dim = dim;
        this.momentum = momentum;
        this.spread = Objects.requireNonNull(spread, "spread");
        this.statisticShape = running != null && running.row() ? Shape.of(1, dim) : Shape.of(dim);
        boolean track = running != null;
        this.runningMean = track ? registerBuffer(running.meanName(), Tensor.zeros(dtype, statisticShape.dims())) : null;
        this.runningSpread = track ? registerBuffer(running.spreadName(), Tensor.ones(dtype, statisticShape.dims())) : null;
    }

    @Override
    public final Optional<BatchNorm> asBatchNorm() {
        return Optional.of(this);
    }

    /** {@link Kind#NORMALIZATION}. */
    @Override
    public final Kind kind() {
        return Kind.NORMALIZATION;
    }

    /** Number of units normalised (features, or the lecture's hidden units). */
    @Override
    public final int dim() {
        return dim;
    }

    /** Weight of the batch statistic in the running estimates. */
    public final double momentum() {
        return momentum;
    }

    @Override
    public final Spread spread() {
        return spread;
    }

    /** The running mean, a buffer; {@code null} without running statistics. */
    @Override
    public final Tensor runningMean() {
        return runningMean;
    }

    /** The running std or variance ({@link #spread()}), a buffer; {@code null} without running statistics. */
    @Override
    public final Tensor runningSpread() {
        return runningSpread;
    }

    /** True when running statistics are kept. */
    public final boolean tracksRunningStats() {
        return runningMean != null;
    }

    /**
     * Uses copies of the given mean and spread (each {@code (1, dim)} or {@code (dim)}, in the
     * buffers' dtype) in evaluation mode, in place of the running statistics.
     *
     * @throws IllegalStateException    without running statistics (evaluation then uses the batch's)
     * @throws IllegalArgumentException for a wrong shape or dtype
     */
    @Override
    public final void useStatistics(NdArray mean, NdArray spread) {
        if (runningMean == null) {
            throw new IllegalStateException(this + " keeps no running statistics: evaluation uses the batch's");
        }
        DType dtype = runningMean.dtype();
        explicitMean = checkStatistic("mean", mean, dtype).copy();
        explicitSpread = checkStatistic(this.spread.label(), spread, dtype).copy();
    }

    @Override
    public final void useRunningStatistics() {
        explicitMean = null;
        explicitSpread = null;
    }

    /** Keeps {@code mean} and {@code spread}, computed by the layer itself, for evaluation mode. */
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

    /** The mean evaluation mode normalises with: the explicit one if set, else the running one. */
    final NdArray evaluationMean() {
        return explicitMean != null ? explicitMean : runningMean.data();
    }

    /** The spread evaluation mode normalises with: the explicit one if set, else the running one. */
    final NdArray evaluationSpread() {
        return explicitMean != null ? explicitSpread : runningSpread.data();
    }

    /**
     * {@code s} viewed in the statistics' shape, if it is {@code (1, dim)} or {@code (dim)} and of
     * {@code dtype}.
     *
     * @param what the statistic's name for the message ({@code "mean"}, {@code "std"}, {@code "var"})
     */
    final NdArray checkStatistic(String what, NdArray s, DType dtype) {
        if (!s.shape().isRowOf(dim)) {
            throw new IllegalArgumentException(nameAndDim() + ": " + what + " must have shape (1, " + dim + ") or ("
                    + dim + "), got " + s.shape());
        }
        if (s.dtype() != dtype) {
            throw new IllegalArgumentException(nameAndDim() + ": " + what + " is " + s.dtype().torchName()
                    + ", expected " + dtype.torchName());
        }
        return s.view(statisticShape);
    }

    /** {@code BatchNorm1d(200)}: how messages name the layer. */
    final String nameAndDim() {
        return displayName() + "(" + dim + ")";
    }

    @Override
    protected final void convertState(DType dtype) {
        if (explicitMean != null) {
            setExplicit(explicitMean.to(dtype), explicitSpread.to(dtype));
        }
    }
}
