package dev.makemore.training;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Module;
import dev.makemore.training.data.Dataset;
import dev.makemore.training.data.Splits;
import java.util.List;

/**
 * The lecture's "calibrate the batch norm at the end of training" cell, generalised to every
 * BatchNorm of a network: for each BatchNorm layer in order, the mean and the (unbiased) std or
 * variance of its input over the whole training split, with the layers before it already using
 * their explicit statistics. Then the losses with those statistics, and how far the running
 * estimates kept during training are from them.
 */
final class Calibrator {
    private Calibrator() {
    }

    /**
     * Computes explicit statistics, evaluates with them, and restores the running ones.
     *
     * @param trainRunning the train loss already measured with the running statistics
     * @param valRunning   the val loss already measured with the running statistics
     */
    static Calibration calibrate(Network network, Splits data, Evaluator evaluator, double trainRunning,
                                 double valRunning) {
        List<Module> layers = network.layers();
        var saved = new java.util.ArrayList<NdArray[]>();
        double maxMean = 0;
        double maxSpread = 0;
        Calibration.Spread spread = Calibration.Spread.VAR;
        boolean wasTraining = network.isTraining();
        network.eval();
        try {
            for (int i = 0; i < layers.size(); i++) {
                var layer = layers.get(i);
                NdArray mean;
                NdArray spreadBuffer;
                boolean std;
                if (layer instanceof InlineBatchNorm bn) {
                    mean = bn.bnmeanRunning().data();
                    spreadBuffer = bn.bnstdRunning().data();
                    std = true;
                } else if (layer instanceof BatchNorm1d bn) {
                    mean = bn.runningMean().data();
                    spreadBuffer = bn.runningVar().data();
                    std = false;
                } else {
                    continue;
                }
                saved.add(new NdArray[] {mean, mean.copy(), spreadBuffer, spreadBuffer.copy()});
                double[][] stats = inputStatistics(network, i, data.train());
                for (int j = 0; j < mean.size(); j++) {
                    double m = stats[0][j];
                    double s = std ? Math.sqrt(stats[1][j]) : stats[1][j];
                    maxMean = Math.max(maxMean, Math.abs(m - mean.get(j)));
                    maxSpread = Math.max(maxSpread, Math.abs(s - spreadBuffer.get(j)));
                    // The explicit statistics take the running ones' place for evaluation.
                    mean.set(j, m);
                    spreadBuffer.set(j, s);
                }
                spread = std ? Calibration.Spread.STD : Calibration.Spread.VAR;
            }
            double train = evaluator.loss(network, data.train());
            double val = evaluator.loss(network, data.val());
            return new Calibration(new Calibration.Losses(train, val), new Calibration.Losses(trainRunning, valRunning),
                    maxMean, maxSpread, spread);
        } finally {
            for (var s : saved) {
                s[0].copyFrom(s[1]);
                s[2].copyFrom(s[3]);
            }
            if (wasTraining) {
                network.train();
            }
        }
    }

    /**
     * Mean and unbiased variance, per unit, of the input of {@code layers[upTo]} over {@code split},
     * accumulated in double over chunks so the whole split never sits in memory at once.
     */
    private static double[][] inputStatistics(Network network, int upTo, Dataset split) {
        double[] sum = null;
        double[] sumSq = null;
        int n = split.size();
        try (var off = Grad.disabled()) {
            for (int from = 0; from < n; from += Evaluator.CHUNK) {
                int to = Math.min(n, from + Evaluator.CHUNK);
                Tensor h = network.embedding().forward(split.rows(from, to).x());
                h = h.view(to - from, -1);
                for (int i = 0; i < upTo; i++) {
                    h = network.layers().get(i).forward(h);
                }
                int cols = h.dim(1);
                if (sum == null) {
                    sum = new double[cols];
                    sumSq = new double[cols];
                }
                var d = h.data();
                for (int r = 0; r < to - from; r++) {
                    for (int c = 0; c < cols; c++) {
                        double v = d.get(r * cols + c);
                        sum[c] += v;
                        sumSq[c] += v * v;
                    }
                }
            }
        }
        double[] mean = new double[sum.length];
        double[] var = new double[sum.length];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = sum[c] / n;
            var[c] = (sumSq[c] - n * mean[c] * mean[c]) / (n - 1);
        }
        return new double[][] {mean, var};
    }
}
