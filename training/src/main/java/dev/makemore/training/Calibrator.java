package dev.makemore.training;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.nn.BatchNorm;
import dev.makemore.nn.Module;
import dev.makemore.training.data.Dataset;
import dev.makemore.training.data.Splits;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's "calibrate the batch norm at the end of training" cell, generalised to every
 * BatchNorm of a network: for each BatchNorm layer in order, the mean and the (unbiased) std or
 * variance of its input over the whole training split, with the layers before it already using
 * their explicit statistics ({@link BatchNorm#useStatistics}). Then the losses with those
 * statistics, and how far the running estimates kept during training are from them.
 */
final class Calibrator {
    private Calibrator() {
    }

    /**
     * Computes explicit statistics, evaluates with them, and goes back to the running ones.
     *
     * @param running the train and val losses already measured with the running statistics
     */
    static Calibration calibrate(Network network, Splits data, Evaluator evaluator, Calibration.Losses running) {
        List<Module> layers = network.layers();
        var calibrated = new ArrayList<BatchNorm>();
        double maxMean = 0;
        double maxSpread = 0;
        BatchNorm.Spread spread = BatchNorm.Spread.VAR;
        try (var mode = network.evalMode()) {
            for (int i = 0; i < layers.size(); i++) {
                var norm = layers.get(i).asBatchNorm();
                if (norm.isEmpty()) {
                    continue;
                }
                var bn = norm.get();
                spread = bn.spread();
                var stats = inputStatistics(network, i, data.train(), spread);
                maxMean = Math.max(maxMean, maxAbsDiff(stats.mean(), bn.runningMean().data()));
                maxSpread = Math.max(maxSpread, maxAbsDiff(stats.spread(), bn.runningSpread().data()));
                var like = bn.runningMean().data();
                bn.useStatistics(array(stats.mean(), like), array(stats.spread(), like));
                calibrated.add(bn);
            }
            var explicit = new Calibration.Losses(evaluator.loss(network, data.train()),
                    evaluator.loss(network, data.val()));
            return new Calibration(explicit, running, maxMean, maxSpread, spread);
        } finally {
            calibrated.forEach(BatchNorm::useRunningStatistics);
        }
    }

    private static double maxAbsDiff(double[] explicit, NdArray running) {
        double max = 0;
        for (int j = 0; j < running.size(); j++) {
            max = Math.max(max, Math.abs(explicit[j] - running.get(j)));
        }
        return max;
    }

    /** {@code values} in an array of {@code like}'s dtype and shape. */
    private static NdArray array(double[] values, NdArray like) {
        var a = NdArray.zeros(like.dtype(), like.shape());
        for (int j = 0; j < values.length; j++) {
            a.set(j, values[j]);
        }
        return a;
    }

    /** Per-unit mean and spread of a layer's input. */
    private record Statistics(double[] mean, double[] spread) {
    }

    /**
     * Mean and unbiased std or variance, per unit, of the input of {@code layers[upTo]} over
     * {@code split}, in double and in two passes (the mean, then the squared deviations from it), so
     * no cancellation creeps in; chunk by chunk, so the whole split never sits in memory at once.
     */
    private static Statistics inputStatistics(Network network, int upTo, Dataset split, BatchNorm.Spread spread) {
        int n = split.size();
        double[] sum = columnSums(network, upTo, split, null);
        double[] mean = new double[sum.length];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = sum[c] / n;
        }
        double[] squares = columnSums(network, upTo, split, mean);
        double[] spreads = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            double var = squares[c] / (n - 1);
            spreads[c] = spread == BatchNorm.Spread.STD ? Math.sqrt(var) : var;
        }
        return new Statistics(mean, spreads);
    }

    /**
     * Per-unit sums over {@code split} of the input of {@code layers[upTo]}: of the values when
     * {@code mean} is null, else of the squared deviations from {@code mean}.
     */
    private static double[] columnSums(Network network, int upTo, Dataset split, double[] mean) {
        double[] sums = null;
        int n = split.size();
        try (var off = Grad.disabled()) {
            for (int from = 0; from < n; from += Evaluator.CHUNK) {
                int to = Math.min(n, from + Evaluator.CHUNK);
                Tensor h = network.embedding().call(split.rows(from, to).x()).view(to - from, -1);
                for (int i = 0; i < upTo; i++) {
                    h = network.layers().get(i).call(h);
                }
                int cols = h.dim(1);
                if (sums == null) {
                    sums = new double[cols];
                }
                var d = h.data();
                for (int r = 0; r < to - from; r++) {
                    for (int c = 0; c < cols; c++) {
                        double v = d.get(r * cols + c);
                        sums[c] += mean == null ? v : (v - mean[c]) * (v - mean[c]);
                    }
                }
            }
        }
        return sums;
    }
}
