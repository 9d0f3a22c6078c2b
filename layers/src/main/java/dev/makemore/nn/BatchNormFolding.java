package dev.makemore.nn;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's second exercise (E02): folding a BatchNorm away after training. In eval mode a
 * BatchNorm is a fixed affine map of each feature, {@code y = gamma * (x - mean) / std + beta}, so
 * when it follows a {@link Linear} ({@code x = h @ W + b}) the two compose into one Linear:
 * <pre>
 * scale = gamma / std              (per output feature; std = sqrt(running_var + eps) for BatchNorm1d)
 * W'    = W * scale                (each column of W scaled)
 * b'    = (b - mean) * scale + beta  (b = 0 when the Linear has no bias)
 * </pre>
 * The folded network computes what the unfolded one computes in eval mode, with one layer and one
 * pass over the activations fewer per BatchNorm; it is an inference network (nothing to calibrate,
 * no batch statistics), not one to train further.
 *
 * <p>The folded weights are computed in double and rounded once to the Linear's precision, so they
 * differ from the unfolded computation only by float rounding. Inputs are left untouched: the folded
 * Linear has new tensors.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /**
     * The Linear that {@code linear} followed by {@code norm} in eval mode computes: the running
     * statistics, {@code eps}, and gamma and beta when the BatchNorm is affine.
     *
     * @throws IllegalArgumentException when the sizes do not match, or the BatchNorm keeps no
     *                                  running statistics (its eval mode then uses the batch's, which
     *                                  no fixed map can reproduce)
     */
    public static Linear fold(Linear linear, BatchNorm1d norm) {
        checkSizes(linear, norm.dim(), norm.displayName());
        if (norm.runningMean() == null) {
            throw new IllegalArgumentException(norm.displayName() + "(" + norm.dim()
                    + ") keeps no running statistics (track_running_stats=False): it normalises with the batch's"
                    + " statistics even in eval mode, so it cannot be folded into " + describe(linear));
        }
        int n = norm.dim();
        double[] mean = doubles(norm.runningMean().data());
        double[] var = doubles(norm.runningVar().data());
        double[] std = new double[n];
        for (int k = 0; k < n; k++) {
            // As eval mode computes it: the std rounded to the BatchNorm's precision.
            std[k] = round(Math.sqrt(round(var[k] + norm.eps(), norm.runningVar().dtype())), norm.runningVar().dtype());
        }
        double[] gamma = norm.gamma() == null ? null : doubles(norm.gamma().data());
        double[] beta = norm.beta() == null ? null : doubles(norm.beta().data());
        return fold(linear, mean, std, gamma, beta);
    }

    /**
     * The Linear that {@code linear} followed by the lecture's inline BatchNorm computes in eval
     * mode: with its explicit statistics when calibrated, else its running ones.
     *
     * @throws IllegalArgumentException when the sizes do not match
     */
    public static Linear fold(Linear linear, InlineBatchNorm norm) {
        checkSizes(linear, norm.dim(), norm.displayName());
        var stats = norm.explicitStatistics().orElse(
                new InlineBatchNorm.Statistics(norm.bnmeanRunning().data(), norm.bnstdRunning().data()));
        return fold(linear, doubles(stats.mean()), doubles(stats.std()), doubles(norm.bngain().data()),
                doubles(norm.bnbias().data()));
    }

    /**
     * A copy of {@code network} with every BatchNorm folded into the Linear before it; the other
     * modules (Tanh, and Linears not followed by a BatchNorm) are kept as they are, the same
     * instances.
     *
     * @throws IllegalArgumentException when a BatchNorm does not directly follow a Linear (nothing to
     *                                  fold it into), naming its position
     */
    public static Sequential fold(Sequential network) {
        List<Module> layers = network.layers();
        var out = new ArrayList<Module>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            Module next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            if (m instanceof Linear linear && next instanceof BatchNorm1d norm) {
                out.add(fold(linear, norm));
                i++;
            } else if (m instanceof Linear linear && next instanceof InlineBatchNorm norm) {
                out.add(fold(linear, norm));
                i++;
            } else if (m instanceof BatchNorm1d || m instanceof InlineBatchNorm) {
                throw new IllegalArgumentException("layer " + i + " (" + m.displayName() + ") follows "
                        + (i == 0 ? "nothing" : "layer " + (i - 1) + " (" + layers.get(i - 1).displayName() + ")")
                        + ", not a Linear: there is no Linear to fold it into");
            } else {
                out.add(m);
            }
        }
        return new Sequential(out);
    }

    /** Whether a network has a BatchNorm left, that is whether {@link #fold(Sequential)} would change it. */
    public static boolean hasBatchNorm(Sequential network) {
        return network.layers().stream().anyMatch(m -> m instanceof BatchNorm1d || m instanceof InlineBatchNorm);
    }

    // docs:begin fold-linear
    private static Linear fold(Linear linear, double[] mean, double[] std, double[] gamma, double[] beta) {
        NdArray w = linear.weight().data();
        DType dtype = w.dtype();
        int in = linear.fanIn();
        int out = linear.fanOut();
        double[] bias = linear.hasBias() ? doubles(linear.bias().data()) : new double[out];
        double[] scale = new double[out];
        double[] folded = new double[out];
        for (int k = 0; k < out; k++) {
            scale[k] = (gamma == null ? 1.0 : gamma[k]) / std[k];
            folded[k] = (bias[k] - mean[k]) * scale[k] + (beta == null ? 0.0 : beta[k]);
        }
        var weight = NdArray.zeros(dtype, in, out);
        for (int i = 0; i < in; i++) {
            for (int k = 0; k < out; k++) {
                weight.set(i * out + k, w.get(i * out + k) * scale[k]);
            }
        }
        var b = NdArray.zeros(dtype, out);
        for (int k = 0; k < out; k++) {
            b.set(k, folded[k]);
        }
        return new Linear(Tensor.parameter(weight), Tensor.parameter(b));
    }
    // docs:end fold-linear

    private static void checkSizes(Linear linear, int dim, String normName) {
        if (linear.fanOut() != dim) {
            throw new IllegalArgumentException("cannot fold " + normName + "(" + dim + ") into " + describe(linear)
                    + ": the Linear has " + linear.fanOut() + " outputs, the BatchNorm " + dim + " features");
        }
    }

    private static String describe(Linear linear) {
        return "Linear(" + linear.fanIn() + ", " + linear.fanOut() + ")";
    }

    private static double[] doubles(NdArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    private static double round(double v, DType dtype) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }
}
