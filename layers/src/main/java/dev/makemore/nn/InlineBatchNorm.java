package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.Optional;

/**
 * The lecture's first, inline form of batch normalisation, written into the one-hidden-layer MLP
 * before it is packaged as a class:
 * <pre>{@code
 * bngain = torch.ones((1, n_hidden)); bnbias = torch.zeros((1, n_hidden))
 * bnmean_running = torch.zeros((1, n_hidden)); bnstd_running = torch.ones((1, n_hidden))
 * ...
 * hpreact = embcat @ W1 # + b1
 * bnmeani = hpreact.mean(0, keepdim=True)
 * bnstdi = hpreact.std(0, keepdim=True)
 * hpreact = bngain * (hpreact - bnmeani) / bnstdi + bnbias
 * with torch.no_grad():
 *   bnmean_running = 0.999 * bnmean_running + 0.001 * bnmeani
 *   bnstd_running = 0.999 * bnstd_running + 0.001 * bnstdi
 * }</pre>
 * It differs from {@link BatchNorm1d}: it normalises by the <em>unbiased standard deviation with no
 * eps</em>, keeps a running <em>std</em> (not variance) with weight 0.001, and computes
 * {@code ((bngain * (h - mean)) / std) + bnbias} in that order (in the tensor's dtype), so its forward
 * equals the lecture's expression exactly.
 *
 * <p>In evaluation mode it uses, in this order of preference, explicit statistics set by
 * {@link #useStatistics} or {@link #calibrate} (the lecture's "calibrate the batch norm at the end of
 * training" pass, which computes {@code bnmean = hpreact.mean(0)} and {@code bnstd = hpreact.std(0)}
 * of {@code embcat @ W1} over the whole training split), else the running estimates.
 * {@link #forward(Tensor, NdArray, NdArray)} normalises with given statistics without touching the
 * module, for evaluations that should not depend on its state.
 *
 * <p>Names: parameters {@code bngain}, {@code bnbias} (both {@code (1, dim)}), buffers
 * {@code bnmean_running}, {@code bnstd_running}, as the lecture's variables. Explicit statistics are not
 * part of the state dict (the lecture keeps them in separate variables); copy them into the running
 * buffers to save them. Forward and backward are one fused op (see {@link BatchNormMath}; the
 * correction factor is {@code n/(n-1)} since the std is unbiased).
 */
public final class InlineBatchNorm extends BatchNormLayer {
    /** The lecture's weight of the batch value in the running estimates: {@code 0.001}. */
    public static final double LECTURE_MOMENTUM = 0.001;

    /**
     * Batch-norm statistics per unit, each {@code (1, dim)}: mean and (unbiased, no eps) standard
     * deviation.
     *
     * @param mean the lecture's {@code bnmean}
     * @param std  the lecture's {@code bnstd}
     */
    public record Statistics(NdArray mean, NdArray std) {
    }

    /** The lecture's variables: {@code bnmean_running} and {@code bnstd_running}, {@code (1, dim)}. */
    private static final Running RUNNING = new Running("bnmean_running", "bnstd_running", true);

    private final Tensor bngain;
    private final Tensor bnbias;

    /** The lecture's form for {@code dim} hidden units: float32, running weight 0.001. */
    public InlineBatchNorm(int dim) {
        this(dim, LECTURE_MOMENTUM, DType.FLOAT32);
    }

    /**
     * @param dim      number of hidden units
     * @param momentum weight of the batch statistic in the running estimates, in [0, 1]
     * @param dtype    of parameters and buffers (float64 for gradient checks)
     */
    public InlineBatchNorm(int dim, double momentum, DType dtype) {
        super("InlineBatchNorm", dim, momentum, Spread.STD, RUNNING, dtype);
        this.bngain = registerParameter("bngain", Tensor.ones(dtype, 1, dim));
        this.bnbias = registerParameter("bnbias", Tensor.zeros(dtype, 1, dim));
    }

    // docs:begin inline-batchnorm
    /**
     * Training mode: normalises {@code h (N, dim)} with the batch mean and unbiased std and updates the
     * running estimates without gradient. Evaluation mode: uses the explicit statistics if set, else
     * the running ones.
     *
     * @throws IllegalArgumentException for a batch of one in training mode (its std is undefined) or a
     *         shape other than {@code (N, dim)}
     */
    @Override
    public Tensor forward(Tensor h) {
        BatchNormMath.checkInput(nameAndDim(), h, dim(), isTraining());
        if (!isTraining()) {
            return fixed(h, evaluationMean(), evaluationSpread());
        }
        NdArray data = h.data();
        int n = data.dim(0);
        NdArray like = bngain.data();
        var moments = BatchNormMath.moments(data, true, like);
        NdArray mean = moments.mean();
        NdArray std = BatchNormMath.std(moments.var(), 0.0);
        NdArray out = BatchNormMath.forward(BatchNormMath.Order.INLINE, data, mean, std, bngain.data(), bnbias.data());

        // Without gradient: plain array updates, never part of the graph.
        BatchNormMath.updateRunningLecture(bnmeanRunning().data(), mean, momentum());
        BatchNormMath.updateRunningLecture(bnstdRunning().data(), std, momentum());

        double correction = (double) n / (n - 1);
        return Tensor.fromOp("inline_batchnorm", out,
                g -> BatchNormMath.backward(g, data, mean, std, h, bngain, bnbias, correction), h, bngain, bnbias);
    }
    // docs:end inline-batchnorm

    /**
     * {@code bngain * (h - mean) / std + bnbias} with the given statistics, in any mode, without
     * reading or writing the module's statistics and without recording {@link #out()}: the lecture's
     * evaluation with the calibrated {@code bnmean}, {@code bnstd}. Gradients flow to {@code h},
     * {@code bngain} and {@code bnbias} (the statistics are constants).
     *
     * @param mean {@code (1, dim)} or {@code (dim)}
     * @param std  {@code (1, dim)} or {@code (dim)}
     */
    public Tensor forward(Tensor h, NdArray mean, NdArray std) {
        BatchNormMath.checkInput(nameAndDim(), h, dim(), false);
        return fixed(h, checkStatistic("mean", mean, h.dtype()), checkStatistic("std", std, h.dtype()));
    }

    /** With fixed statistics the op is a per-column affine map: {@code dh = dout * bngain / std}. */
    private Tensor fixed(Tensor h, NdArray mean, NdArray std) {
        NdArray data = h.data();
        NdArray out = BatchNormMath.forward(BatchNormMath.Order.INLINE, data, mean, std, bngain.data(), bnbias.data());
        return Tensor.fromOp("inline_batchnorm", out,
                g -> BatchNormMath.backward(g, data, mean, std, h, bngain, bnbias, Double.NaN), h, bngain, bnbias);
    }

    /**
     * The lecture's calibration: the mean and unbiased std over dimension 0 of {@code preactivations}
     * ({@code embcat @ W1} over the whole training split), computed without gradient and then used in
     * evaluation mode (see {@link #useStatistics}).
     *
     * @return the statistics now in use
     */
    public Statistics calibrate(Tensor preactivations) {
        BatchNormMath.checkInput(nameAndDim(), preactivations, dim(), true);
        NdArray data = preactivations.data();
        NdArray like = bngain.data();
        var moments = BatchNormMath.moments(data, true, like);
        var stats = new Statistics(moments.mean(), BatchNormMath.std(moments.var(), 0.0));
        setExplicit(stats.mean(), stats.std());
        return stats;
    }

    /** The explicit statistics used in evaluation mode, if set. */
    public Optional<Statistics> explicitStatistics() {
        return Optional.ofNullable(explicitMean()).map(mean -> new Statistics(mean, explicitSpread()));
    }

    /** The learned scale, {@code (1, dim)}: the lecture's {@code bngain}. */
    public Tensor bngain() {
        return bngain;
    }

    /** The learned shift, {@code (1, dim)}: the lecture's {@code bnbias}. */
    public Tensor bnbias() {
        return bnbias;
    }

    /** The running mean, {@code (1, dim)}: the lecture's {@code bnmean_running}. */
    public Tensor bnmeanRunning() {
        return runningMean();
    }

    /** The running std, {@code (1, dim)}: the lecture's {@code bnstd_running}. */
    public Tensor bnstdRunning() {
        return runningSpread();
    }

    @Override
    protected String extraRepr() {
        return dim() + ", momentum=" + momentum();
    }
}
