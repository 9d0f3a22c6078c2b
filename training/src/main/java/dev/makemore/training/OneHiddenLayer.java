package dev.makemore.training;

/**
 * The lecture's first network: {@code emb = C[X]}, {@code hpreact = emb.view(N, -1) @ W1 + b1},
 * optionally BatchNorm, {@code h = tanh(hpreact)}, {@code logits = h @ W2 + b2}. Each tensor is drawn
 * with {@code torch.randn} from the one generator, in the order C, W1, b1, W2, b2, then multiplied
 * by its scale (the lecture's fixes are nothing but these scales).
 *
 * @param nEmbd     embedding width (10)
 * @param nHidden   hidden width (200)
 * @param w1Scale   factor on W1 (1, 0.2, or Kaiming's {@code (5/3)/sqrt(30)})
 * @param b1Scale   factor on b1; NaN when there is no b1 (BatchNorm makes it useless, so the lecture
 *                  drops it and draws nothing for it)
 * @param w2Scale   factor on W2 (1, or 0.01 to make the first logits near zero)
 * @param b2Scale   factor on b2 (1, or 0)
 * @param batchNorm whether the lecture's first, inline BatchNorm normalises {@code hpreact}
 */
public record OneHiddenLayer(int nEmbd, int nHidden, double w1Scale, double b1Scale, double w2Scale,
                             double b2Scale, boolean batchNorm) implements Architecture {

    /** Whether the network has the bias b1. */
    public boolean hasB1() {
        return !Double.isNaN(b1Scale);
    }
}
