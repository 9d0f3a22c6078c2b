package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.autograd.Workspace;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;

import java.util.ArrayList;

/**
 * Batch normalisation over the batch dimension of {@code (N, dim)} activations, the lecture's
 * {@code BatchNorm1d} class:
 * <pre>{@code
 * class BatchNorm1d:
 *   def __init__(self, dim, eps=1e-5, momentum=0.1):
 *     self.eps = eps; self.momentum = momentum; self.training = True
 *     self.gamma = torch.ones(dim); self.beta = torch.zeros(dim)
 *     self.running_mean = torch.zeros(dim); self.running_var = torch.ones(dim)
 *   def __call__(self, x):
 *     if self.training:
 *       xmean = x.mean(0, keepdim=True)   # batch mean
 *       xvar = x.var(0, keepdim=True)     # batch variance
 *     else:
 *       xmean = self.running_mean; xvar = self.running_var
 *     xhat = (x - xmean) / torch.sqrt(xvar + self.eps)
 *     self.out = self.gamma * xhat + self.beta
 *     if self.training:
 *       with torch.no_grad():
 *         self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * xmean
 *         self.running_var = (1 - self.momentum) * self.running_var + self.momentum * xvar
 *     return self.out
 * }</pre>
 * and PyTorch's {@code nn.BatchNorm1d}, which differ in one thing, the {@link Variance variance
 * convention}, chosen explicitly. The forward pass follows the lecture's operation order in the
 * tensor's dtype ({@code xhat = (x - mean) / sqrt(var + eps)}, then {@code gamma * xhat + beta}), so
 * it equals that composition of autograd ops exactly.
 *
 * <p>Names as in PyTorch's state dict: parameters {@code weight} ({@link #gamma()}) and {@code bias}
 * ({@link #beta()}), buffers {@code running_mean} and {@code running_var} (PyTorch's
 * {@code num_batches_tracked} is omitted: it only matters with {@code momentum=None}, which is not
 * supported). The running statistics are updated in training mode without gradient (they are never
 * part of the graph), and used in evaluation mode unless explicit ones are set ({@link #useStatistics},
 * the lecture's calibration after training). Without {@code trackRunningStats} there are no
 * buffers and batch statistics are used in both modes, as in PyTorch.
 *
 * <p>Forward and backward are one fused op ({@link Tensor#fromOp}), as PyTorch's is, rather than the
 * seven small ops of the lecture's code: the backward is the closed form derived in
 * {@link BatchNormMath}, {@code dx = (1/std) (dxhat - mean(dxhat) - xhat * c * mean(dxhat * xhat))}
 * with {@code dxhat = dout * gamma} and {@code c = 1} or {@code n/(n-1)} by convention.
 */
public final class BatchNorm1d extends BatchNormLayer {

    /**
     * Which variance normalises the batch. For a column {@code x_1..x_n} with mean {@code mu} and
     * {@code S = sum (x_i - mu)^2}:
     * <pre>
     *                 normalises with          running_var is fed     backward factor c
     *   TORCH_NN      S / n      (biased)      S / (n-1) (unbiased)   1
     *   LECTURE       S / (n-1)  (unbiased)    S / (n-1) (unbiased)   n / (n-1)
     * </pre>
     * For the lecture's batch of 32 the two normalisations differ by a factor
     * {@code sqrt(32/31) = 1.016}; the lecture's printed numbers come from {@link #LECTURE}.
     */
    public enum Variance {
        /** PyTorch's {@code nn.BatchNorm1d}: biased variance to normalise, unbiased for {@code running_var}. */
        TORCH_NN(false),
        /** The lecture's hand-written class ({@code xvar = x.var(0, keepdim=True)}): unbiased for both. */
        LECTURE(true);

        private final boolean unbiasedNormalization;

        Variance(boolean unbiasedNormalization) {
            this.unbiasedNormalization = unbiasedNormalization;
        }

        /** True when the batch is normalised with the unbiased variance (divisor n - 1). */
        public boolean unbiasedNormalization() {
            return unbiasedNormalization;
        }
    }

    /** PyTorch's and the lecture's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's and the lecture's default {@code momentum}. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    /** PyTorch's buffer names and shape: {@code running_mean} and {@code running_var}, {@code (dim)}. */
    private static final Running RUNNING = new Running("running_mean", "running_var", false);

    private final double eps;
    private final Variance variance;
    private final Tensor gamma;
    private final Tensor beta;

    /**
     * {@code BatchNorm1d(dim)} with eps 1e-5, momentum 0.1, affine, tracking running statistics, in
     * float32, with the given variance convention.
     */
    public BatchNorm1d(int dim, Variance variance) {
        this(dim, DEFAULT_EPS, DEFAULT_MOMENTUM, true, true, variance);
    }

    /** A float32 layer with every option given. */
    public BatchNorm1d(int dim, double eps, double momentum, boolean affine, boolean trackRunningStats, Variance variance) {
        this(dim, eps, momentum, affine, trackRunningStats, variance, DType.FLOAT32);
    }

    /**
     * Every option, and the dtype of the parameters and buffers (float64 for gradient checks).
     *
     * @param dim               number of features (columns)
     * @param eps               added to the variance before the square root
     * @param momentum          weight of the batch statistic in the running average, in [0, 1]
     * @param affine            learn {@code gamma} (ones) and {@code beta} (zeros)
     * @param trackRunningStats keep {@code running_mean} (zeros) and {@code running_var} (ones)
     * @param variance          the variance convention
     */
    public BatchNorm1d(int dim, double eps, double momentum, boolean affine, boolean trackRunningStats,
                       Variance variance, DType dtype) {
        super("BatchNorm1d", dim, momentum, Spread.VAR, trackRunningStats ? RUNNING : null, dtype);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("BatchNorm1d: eps must be >= 0, got " + eps);
        }
        this.eps = eps;
        this.variance = java.util.Objects.requireNonNull(variance, "variance");
        this.gamma = affine ? registerParameter("weight", Tensor.ones(dtype, dim)) : null;
        this.beta = affine ? registerParameter("bias", Tensor.zeros(dtype, dim)) : null;
    }

    /** The lecture's class: {@code BatchNorm1d(dim)} with its unbiased {@link Variance#LECTURE} convention. */
    public static BatchNorm1d lecture(int dim) {
        return new BatchNorm1d(dim, Variance.LECTURE);
    }

    /** PyTorch's {@code nn.BatchNorm1d(dim)}: the {@link Variance#TORCH_NN} convention. */
    public static BatchNorm1d torch(int dim) {
        return new BatchNorm1d(dim, Variance.TORCH_NN);
    }

    /**
     * Normalises {@code x (N, dim)}: in training mode (or without running statistics) with the batch
     * mean and variance, updating the running statistics in training mode; in evaluation mode with
     * the running ones.
     *
     * @throws IllegalArgumentException for a batch of one in training mode (PyTorch's message), or a
     *         shape other than {@code (N, dim)}
     */
    @Override
    public Tensor forward(Tensor x) {
        boolean batchStatistics = isTraining() || !tracksRunningStats();
        BatchNormMath.checkInput(nameAndDim(), x, dim(), isTraining());
        return batchStatistics ? forwardBatch(x) : forwardRunning(x);
    }

    // docs:begin batchnorm1d-forward
    /** Training mode: batch statistics, running averages updated, the fused backward of BatchNormMath. */
    private Tensor forwardBatch(Tensor x) {
        NdArray data = x.data();
        int n = data.dim(0);
        NdArray like = Workspace.zeros(data.dtype(), dev.makemore.core.Shape.of(dim()));
        var moments = BatchNormMath.moments(data, variance.unbiasedNormalization(), like);
        NdArray mean = moments.mean();
        NdArray var = moments.var();
        NdArray std = BatchNormMath.std(var, eps);
        NdArray out = BatchNormMath.forward(BatchNormMath.Order.CLASS, data, mean, std, data(gamma), data(beta));

        if (isTraining() && tracksRunningStats()) {
            // Without gradient: plain array updates, never recorded in the graph.
            if (variance == Variance.LECTURE) {
                BatchNormMath.updateRunningLecture(runningMean().data(), mean, momentum());
                BatchNormMath.updateRunningLecture(runningVar().data(), var, momentum());
            } else {
                NdArray unbiased = BatchNormMath.variance(data, true, like);
                BatchNormMath.updateRunningDouble(runningMean().data(), mean, momentum());
                BatchNormMath.updateRunningDouble(runningVar().data(), unbiased, momentum());
            }
        }

        double correction = variance.unbiasedNormalization() ? (double) n / (n - 1) : 1.0;
        return Tensor.fromOp("batchnorm", out,
                g -> BatchNormMath.backward(g, data, mean, std, x, gamma, beta, correction), inputs(x));
    }
    // docs:end batchnorm1d-forward

    /**
     * Evaluation mode: a fixed per-column affine map with the running (or explicit) statistics, whose
     * backward is {@code dx = dout * gamma / std}.
     */
    private Tensor forwardRunning(Tensor x) {
        NdArray data = x.data();
        NdArray mean = evaluationMean();
        NdArray std = BatchNormMath.std(evaluationSpread(), eps);
        NdArray out = BatchNormMath.forward(BatchNormMath.Order.CLASS, data, mean, std, data(gamma), data(beta));
        return Tensor.fromOp("batchnorm", out,
                g -> BatchNormMath.backward(g, data, mean, std, x, gamma, beta, Double.NaN), inputs(x));
    }

    private static NdArray data(Tensor t) {
        return t == null ? null : t.data();
    }

    private Tensor[] inputs(Tensor x) {
        var in = new ArrayList<Tensor>(3);
        in.add(x);
        if (gamma != null) {
            in.add(gamma);
            in.add(beta);
        }
        return in.toArray(new Tensor[0]);
    }

    /** The learned scale, {@code (dim)}, named {@code weight}; {@code null} without affine parameters. */
    public Tensor gamma() {
        return gamma;
    }

    /** The learned shift, {@code (dim)}, named {@code bias}; {@code null} without affine parameters. */
    public Tensor beta() {
        return beta;
    }

    /** The running variance (unbiased), {@code (dim)}, a buffer; {@code null} without running statistics. */
    public Tensor runningVar() {
        return runningSpread();
    }

    /** The eps added to the variance. */
    public double eps() {
        return eps;
    }

    /** The variance convention. */
    public Variance variance() {
        return variance;
    }

    /** True with learned {@code gamma} and {@code beta}. */
    public boolean affine() {
        return gamma != null;
    }

    @Override
    protected String extraRepr() {
        return dim() + ", eps=" + eps + ", momentum=" + momentum() + ", affine=" + affine() + ", track_running_stats="
                + tracksRunningStats() + ", variance=" + variance;
    }
}
