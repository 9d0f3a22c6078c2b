package dev.makemore.docs;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import dev.makemore.training.FoldedModel;
import dev.makemore.training.Network;
import dev.makemore.training.OneHiddenLayer;
import dev.makemore.training.Stage;
import dev.makemore.training.data.Dataset;
import dev.makemore.training.data.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The worked solutions of the lecture's two exercises (chapter 8): E01, the all-zero initialisation,
 * trained with the lecture's loop while recording every parameter's gradient norm; E02, folding every
 * BatchNorm of a trained network into the Linear before it ({@link FoldedModel#fold}).
 */
final class Exercises {
    private Exercises() {
    }

    /** The lecture's first network with W1, b1, W2 and b2 drawn and then multiplied by zero. */
    static final Stage ALL_ZERO = ProjectRuns.variant("all-zero", new OneHiddenLayer(10, 200, 0, true, 0, 0, 0, false));

    /**
     * An all-zero run: the parameters' names in order, the L2 norm of each parameter's gradient at each
     * recorded step, the largest abs(value) of each parameter after the run, and the minibatch losses.
     */
    record ZeroRun(List<String> names, int[] at, double[][] gradNorms, double[] maxAbs, float[] losses, Network network) {
        int index(String name) {
            return names.indexOf(name);
        }
    }

    // docs:begin zero-init
    /** E01: every parameter zero (C too), then the lecture's loop; gradient norms recorded at steps {@code at}. */
    static ZeroRun zeroInit(Splits data, int steps, int... at) {
        var g = new Generator(ProjectRuns.SEED);
        Network network = Network.build(ALL_ZERO, data.vocab().size(), g);
        try (var off = Grad.disabled()) {
            network.embedding().weight().data().fill(0);
        }
        Map<String, Tensor> named = network.namedParameters();
        double[][] norms = new double[at.length][named.size()];
        TrainingObserver gradientNorms = new TrainingObserver() {
            @Override
            public void afterUpdate(int step, double loss, double lr, List<Module> layers, List<Tensor> parameters) {
                int k = Arrays.binarySearch(at, step);
                if (k >= 0) {
                    // The gradients of this step are still there after the update.
                    for (int i = 0; i < parameters.size(); i++) {
                        norms[k][i] = norm(parameters.get(i).grad());
                    }
                }
            }
        };
        float[] losses = LectureLoop.run(network, data.train(), g, steps, 0.1, gradientNorms);
        double[] maxAbs = named.values().stream().mapToDouble(p -> ProjectRuns.maxAbs(p.data())).toArray();
        return new ZeroRun(List.copyOf(named.keySet()), at, norms, maxAbs, losses, network);
    }
    // docs:end zero-init

    static double norm(NdArray a) {
        if (a == null) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * a.get(i);
        }
        return Math.sqrt(s);
    }

    /**
     * The best loss a network can reach that ignores its input, as the all-zero one must: the entropy
     * of the next character's distribution over the training split, {@code -sum p ln p}.
     */
    static double unigramEntropy(Dataset train) {
        double[] count = new double[27];
        for (int i = 0; i < train.size(); i++) {
            count[train.y().get(i)]++;
        }
        double h = 0;
        for (double c : count) {
            if (c > 0) {
                double p = c / train.size();
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** E02: the network with every BatchNorm folded into the Linear before it (its embedding shared). */
    static Network folded(Network network) {
        return FoldedModel.fold(network);
    }

    /** The largest difference between two networks' logits over a split, in float32 epsilons of the logits' size. */
    static double largestDifference(Network a, Network b, Dataset data) {
        a.eval();
        b.eval();
        double worst = 0;
        try (var off = Grad.disabled()) {
            for (int from = 0; from < data.size(); from += 4096) {
                var chunk = data.rows(from, Math.min(data.size(), from + 4096));
                float[] x = a.call(chunk.x()).data().toFloatArray();
                float[] y = b.call(chunk.x()).data().toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    double scale = Math.max(1, Math.max(Math.abs(x[i]), Math.abs(y[i])));
                    worst = Math.max(worst, Math.abs(x[i] - y[i]) / (scale * Math.ulp(1.0f)));
                }
            }
        }
        return worst;
    }

    static List<String> layerNames(Network n) {
        var out = new ArrayList<String>();
        n.layers().forEach(m -> out.add(m.displayName()));
        return out;
    }
}
