package dev.makemore.training;

import dev.makemore.autograd.Grad;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Init;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import java.util.ArrayList;

/**
 * The lecture's deeper network from Lego blocks: {@code hiddenLayers} hidden layers, each a
 * {@code Linear} then {@code Tanh} ({@code Linear(30, 100)}, then {@code Linear(100, 100)}), and one
 * output {@code Linear(100, 27)}; with BatchNorm, a {@code BatchNorm1d} between each Linear and its
 * Tanh, and after the output Linear. The lecture's network has five hidden layers, so six Linears.
 * Linear weights are the lecture's {@code randn(fan_in, fan_out) / sqrt(fan_in)}; then every hidden
 * Linear is multiplied by {@code gain} and the output layer is made less confident by
 * {@code lastScale} (its weight, or its BatchNorm's gamma).
 *
 * @param nEmbd        embedding width (10)
 * @param nHidden      hidden width (100)
 * @param hiddenLayers number of hidden Linear layers (5); one more Linear maps to the vocabulary
 * @param batchNorm    whether BatchNorm1d follows every Linear (the Linears then have no bias)
 * @param gain         factor on every hidden Linear's weight (5/3 for tanh without BatchNorm, 1 with)
 * @param lastScale    factor on the output layer (0.1)
 */
public record DeepMlp(int nEmbd, int nHidden, int hiddenLayers, boolean batchNorm, double gain, double lastScale)
        implements Architecture {

    /** {@code hiddenLayers} hidden layers of {@code nHidden} units, no BatchNorm, gain 1, output scale 1. */
    public static DeepMlp of(int nEmbd, int nHidden, int hiddenLayers) {
        return new DeepMlp(nEmbd, nHidden, hiddenLayers, false, 1, 1);
    }

    /** This network with BatchNorm1d after every Linear. */
    public DeepMlp withBatchNorm() {
        return new DeepMlp(nEmbd, nHidden, hiddenLayers, true, gain, lastScale);
    }

    /** This network with {@code gain} on every hidden Linear's weight. */
    public DeepMlp withGain(double gain) {
        return new DeepMlp(nEmbd, nHidden, hiddenLayers, batchNorm, gain, lastScale);
    }

    /** This network with {@code scale} on the output layer. */
    public DeepMlp withLastScale(double scale) {
        return new DeepMlp(nEmbd, nHidden, hiddenLayers, batchNorm, gain, scale);
    }

    /** This network with {@code nHidden} units per hidden layer. */
    public DeepMlp withHiddenWidth(int nHidden) {
        return new DeepMlp(nEmbd, nHidden, hiddenLayers, batchNorm, gain, lastScale);
    }

    // docs:begin six-layers
    @Override
    public Sequential build(int fanIn, int vocabSize, Generator g) {
        var modules = new ArrayList<Module>();
        var linears = new ArrayList<Linear>();
        BatchNorm1d lastNorm = null;
        for (int i = 0; i <= hiddenLayers; i++) {
            boolean output = i == hiddenLayers;
            int in = i == 0 ? fanIn : nHidden;
            int out = output ? vocabSize : nHidden;
            var linear = new Linear(in, out, !batchNorm, g);
            linears.add(linear);
            modules.add(linear);
            if (batchNorm) {
                lastNorm = BatchNorm1d.lecture(out);
                modules.add(lastNorm);
            }
            if (!output) {
                modules.add(new Tanh());
            }
        }
        // The lecture, under torch.no_grad(): make the last layer less confident, and apply the
        // gain to every other Linear.
        try (var off = Grad.disabled()) {
            if (lastNorm != null) {
                Init.mul(lastNorm.gamma().data(), lastScale);
            } else {
                Init.mul(linears.get(hiddenLayers).weight().data(), lastScale);
            }
            for (int i = 0; i < hiddenLayers; i++) {
                Init.mul(linears.get(i).weight().data(), gain);
            }
        }
        return new Sequential(modules);
    }
    // docs:end six-layers
}
