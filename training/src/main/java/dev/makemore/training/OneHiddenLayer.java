package dev.makemore.training;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.Init;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import java.util.ArrayList;

/**
 * The lecture's first network: {@code emb = C[X]}, {@code hpreact = emb.view(N, -1) @ W1 + b1},
 * optionally BatchNorm, {@code h = tanh(hpreact)}, {@code logits = h @ W2 + b2}. Each tensor is drawn
 * with {@code torch.randn} from the one generator, in the order C, W1, b1, W2, b2, then multiplied
 * by its scale: the lecture's fixes are nothing but these scales, so each stage is the one before
 * with one change, {@code ORIGINAL.withW2Scale(0.01).withB2Scale(0)}.
 *
 * @param nEmbd     embedding width (10)
 * @param nHidden   hidden width (200)
 * @param hidden    the scales of the hidden Linear, W1 and b1 (BatchNorm makes b1 useless, so the
 *                  lecture drops it and draws nothing for it)
 * @param output    the scales of the output Linear, W2 and b2 (0.01 and 0 make the first logits near zero)
 * @param batchNorm whether the lecture's first, inline BatchNorm normalises {@code hpreact}
 */
public record OneHiddenLayer(int nEmbd, int nHidden, Scales hidden, Scales output, boolean batchNorm)
        implements Architecture {

    /**
     * Every scale in the order the tensors are drawn, as the lecture's cell lists them.
     *
     * @param w1Scale factor on W1 (1, 0.2, or Kaiming's {@code (5/3)/sqrt(30)})
     * @param b1      whether there is a bias b1
     * @param b1Scale factor on b1 (ignored without b1)
     * @param w2Scale factor on W2 (1, or 0.01)
     * @param b2Scale factor on b2 (1, or 0)
     */
    public OneHiddenLayer(int nEmbd, int nHidden, double w1Scale, boolean b1, double b1Scale, double w2Scale,
                          double b2Scale, boolean batchNorm) {
        this(nEmbd, nHidden, new Scales(w1Scale, b1, b1Scale), new Scales(w2Scale, true, b2Scale), batchNorm);
    }

    /** The network as first drawn: every tensor a plain {@code randn} (all scales 1), with b1, no BatchNorm. */
    public static OneHiddenLayer drawn(int nEmbd, int nHidden) {
        return new OneHiddenLayer(nEmbd, nHidden, Scales.DRAWN, Scales.DRAWN, false);
    }

    /** This network with {@code W1 *= scale}. */
    public OneHiddenLayer withW1Scale(double scale) {
        return with(hidden.withWeight(scale), output, batchNorm);
    }

    /** This network with {@code b1 *= scale}. */
    public OneHiddenLayer withB1Scale(double scale) {
        return with(hidden.withBias(scale), output, batchNorm);
    }

    /** This network without b1 (nothing is drawn for it). */
    public OneHiddenLayer withoutB1() {
        return with(hidden.withoutBias(), output, batchNorm);
    }

    /** This network with {@code W2 *= scale}. */
    public OneHiddenLayer withW2Scale(double scale) {
        return with(hidden, output.withWeight(scale), batchNorm);
    }

    /** This network with {@code b2 *= scale}. */
    public OneHiddenLayer withB2Scale(double scale) {
        return with(hidden, output.withBias(scale), batchNorm);
    }

    /** This network with the lecture's inline BatchNorm on {@code hpreact}. */
    public OneHiddenLayer withBatchNorm() {
        return with(hidden, output, true);
    }

    private OneHiddenLayer with(Scales hidden, Scales output, boolean batchNorm) {
        return new OneHiddenLayer(nEmbd, nHidden, hidden, output, batchNorm);
    }

    // docs:begin one-hidden-layer
    @Override
    public Sequential build(int fanIn, int vocabSize, Generator g) {
        var modules = new ArrayList<Module>();
        modules.add(linear(g, fanIn, nHidden, hidden)); // W1, b1
        if (batchNorm) {
            modules.add(new InlineBatchNorm(nHidden));
        }
        modules.add(new Tanh());
        modules.add(linear(g, nHidden, vocabSize, output)); // W2, b2
        return new Sequential(modules);
    }

    /** {@code W = torch.randn((fanIn, fanOut)) * weight}, then {@code b = torch.randn(fanOut) * bias} if any. */
    private static Linear linear(Generator g, int fanIn, int fanOut, Scales scales) {
        var w = Init.mul(Init.randn(g, fanIn, fanOut), scales.weight());
        var b = scales.hasBias() ? Tensor.parameter(Init.mul(Init.randn(g, fanOut), scales.bias())) : null;
        return new Linear(Tensor.parameter(w), b);
    }
    // docs:end one-hidden-layer

    /**
     * The factors on one Linear's tensors, each drawn as a plain {@code torch.randn}.
     *
     * @param weight  factor on the weight
     * @param hasBias whether there is a bias (nothing is drawn for a missing one)
     * @param bias    factor on the bias (ignored without one)
     */
    public record Scales(double weight, boolean hasBias, double bias) {
        /** A plain {@code randn} weight and bias. */
        public static final Scales DRAWN = new Scales(1, true, 1);

        Scales withWeight(double scale) {
            return new Scales(scale, hasBias, bias);
        }

        Scales withBias(double scale) {
            return new Scales(weight, true, scale);
        }

        Scales withoutBias() {
            return new Scales(weight, false, bias);
        }
    }
}
