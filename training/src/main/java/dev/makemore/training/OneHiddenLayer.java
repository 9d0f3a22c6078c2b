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
 * @param w1Scale   factor on W1 (1, 0.2, or Kaiming's {@code (5/3)/sqrt(30)})
 * @param b1        whether there is a bias b1 (BatchNorm makes it useless, so the lecture drops it
 *                  and draws nothing for it)
 * @param b1Scale   factor on b1 (ignored without b1)
 * @param w2Scale   factor on W2 (1, or 0.01 to make the first logits near zero)
 * @param b2Scale   factor on b2 (1, or 0)
 * @param batchNorm whether the lecture's first, inline BatchNorm normalises {@code hpreact}
 */
public record OneHiddenLayer(int nEmbd, int nHidden, double w1Scale, boolean b1, double b1Scale, double w2Scale,
                             double b2Scale, boolean batchNorm) implements Architecture {

    /** The network as first drawn: every tensor a plain {@code randn} (all scales 1), with b1, no BatchNorm. */
    public static OneHiddenLayer drawn(int nEmbd, int nHidden) {
        return new OneHiddenLayer(nEmbd, nHidden, 1, true, 1, 1, 1, false);
    }

    /** This network with {@code W1 *= scale}. */
    public OneHiddenLayer withW1Scale(double scale) {
        return new OneHiddenLayer(nEmbd, nHidden, scale, b1, b1Scale, w2Scale, b2Scale, batchNorm);
    }

    /** This network with {@code b1 *= scale}. */
    public OneHiddenLayer withB1Scale(double scale) {
        return new OneHiddenLayer(nEmbd, nHidden, w1Scale, true, scale, w2Scale, b2Scale, batchNorm);
    }

    /** This network without b1 (nothing is drawn for it). */
    public OneHiddenLayer withoutB1() {
        return new OneHiddenLayer(nEmbd, nHidden, w1Scale, false, b1Scale, w2Scale, b2Scale, batchNorm);
    }

    /** This network with {@code W2 *= scale}. */
    public OneHiddenLayer withW2Scale(double scale) {
        return new OneHiddenLayer(nEmbd, nHidden, w1Scale, b1, b1Scale, scale, b2Scale, batchNorm);
    }

    /** This network with {@code b2 *= scale}. */
    public OneHiddenLayer withB2Scale(double scale) {
        return new OneHiddenLayer(nEmbd, nHidden, w1Scale, b1, b1Scale, w2Scale, scale, batchNorm);
    }

    /** This network with the lecture's inline BatchNorm on {@code hpreact}. */
    public OneHiddenLayer withBatchNorm() {
        return new OneHiddenLayer(nEmbd, nHidden, w1Scale, b1, b1Scale, w2Scale, b2Scale, true);
    }

    // docs:begin one-hidden-layer
    @Override
    public Sequential build(int fanIn, int vocabSize, Generator g) {
        var w1 = Init.mul(Init.randn(g, fanIn, nHidden), w1Scale);
        var b1 = this.b1 ? Tensor.parameter(Init.mul(Init.randn(g, nHidden), b1Scale)) : null;
        var w2 = Init.mul(Init.randn(g, nHidden, vocabSize), w2Scale);
        var b2 = Init.mul(Init.randn(g, vocabSize), b2Scale);
        var modules = new ArrayList<Module>();
        modules.add(new Linear(Tensor.parameter(w1), b1));
        if (batchNorm) {
            modules.add(new InlineBatchNorm(nHidden));
        }
        modules.add(new Tanh());
        modules.add(new Linear(Tensor.parameter(w2), Tensor.parameter(b2)));
        return new Sequential(modules);
    }
    // docs:end one-hidden-layer
}
