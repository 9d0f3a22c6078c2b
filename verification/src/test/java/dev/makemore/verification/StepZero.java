package dev.makemore.verification;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import dev.makemore.training.data.Dataset;

/**
 * The first training step of a stage as the lecture takes it, up to the loss: the generator seeded
 * 2147483647 draws the stage's parameters (Network.build) and then the first minibatch
 * ({@code torch.randint(0, 182625, (32,), generator=g)}); the forward pass records every layer's
 * output ({@code Module.out()}), which the statistics below read.
 *
 * @param network the network after the forward pass (layer outputs recorded)
 * @param loss    the minibatch loss
 */
record StepZero(Network network, Tensor loss) {
    static final int BATCH = 32;

    static StepZero of(Stage stage) {
        var splits = LectureData.splits();
        var g = new Generator(LectureNumbers.SEED);
        Network network = Network.build(stage, splits.vocab().size(), g);
        Dataset tr = splits.train();
        int block = tr.blockSize();
        int[] ix = new int[BATCH];
        g.randint(0, tr.size(), ix);
        int[] xb = new int[BATCH * block];
        int[] yb = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(tr.x().data(), ix[i] * block, xb, i * block, block);
            yb[i] = tr.y().data()[ix[i]];
        }
        Tensor logits = network.call(IntArray.of(xb, BATCH, block));
        return new StepZero(network, F.crossEntropy(logits, IntArray.of(yb)));
    }

    /** The output of {@code layers[i]} in this forward pass. */
    Tensor out(int layer) {
        return network.layers().get(layer).out();
    }
}
