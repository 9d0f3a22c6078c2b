package dev.makemore.training;

import java.util.List;

/**
 * The seven stages of the lecture, in order, as LECTURE_NUMBERS.md describes them. Reading down the
 * list is reading the lecture: each stage's network is the one before with the lecture's change.
 */
final class Stages {
    private Stages() {
    }

    private static final int N_EMBD = 10;
    private static final int BLOCK = 3;
    /** Kaiming for tanh on W1: gain 5/3 over sqrt(fan_in), fan_in = n_embd * block_size = 30. */
    private static final double KAIMING_W1 = (5.0 / 3) / Math.sqrt(N_EMBD * BLOCK);

    // docs:begin stages
    static final OneHiddenLayer ORIGINAL = OneHiddenLayer.drawn(N_EMBD, 200);
    static final OneHiddenLayer FIX_SOFTMAX = ORIGINAL.withW2Scale(0.01).withB2Scale(0);
    static final OneHiddenLayer FIX_TANH = FIX_SOFTMAX.withW1Scale(0.2).withB1Scale(0.01);
    static final OneHiddenLayer KAIMING = FIX_TANH.withW1Scale(KAIMING_W1);
    static final OneHiddenLayer BATCHNORM = KAIMING.withoutB1().withBatchNorm();
    static final DeepMlp DEEP_TANH = DeepMlp.of(N_EMBD, 100, 5).withGain(5.0 / 3).withLastScale(0.1);
    static final DeepMlp DEEP_BATCHNORM = DEEP_TANH.withBatchNorm().withGain(1);

    static final List<Stage> ALL = List.of(
            new Stage("original", "as drawn: the loss at initialisation is far too high",
                    ORIGINAL, BLOCK, 100_000, new LectureFigures(11897, 27.8817, 2.1266, 2.1734)),
            new Stage("fix-softmax", "W2 *= 0.01, b2 *= 0: logits near zero, the expected initial loss",
                    FIX_SOFTMAX, BLOCK, 100_000, new LectureFigures(11897, 3.3221, 2.0696, 2.1311)),
            new Stage("fix-tanh", "and W1 *= 0.2, b1 *= 0.01: tanh no longer saturated",
                    FIX_TANH, BLOCK, 100_000, new LectureFigures(11897, 3.3135, 2.0356, 2.1027)),
            new Stage("kaiming", "W1 *= (5/3)/sqrt(30): Kaiming initialisation with tanh's gain",
                    KAIMING, BLOCK, 100_000, new LectureFigures(11897, 3.3179, 2.0377, 2.1070)),
            new Stage("batchnorm", "BatchNorm on the hidden pre-activations (and no b1)",
                    BATCHNORM, BLOCK, 100_000, new LectureFigures(12097, 3.3239, 2.0674, 2.1057)),
            new Stage("deep-tanh", "six Linear + Tanh layers, gain 5/3, no BatchNorm",
                    DEEP_TANH, BLOCK, 150_000, new LectureFigures(46497, 3.2962, 1.9629, 2.0875)),
            new Stage("deep-batchnorm", "six Linear + BatchNorm1d + Tanh layers",
                    DEEP_BATCHNORM, BLOCK, 150_000, new LectureFigures(47024, 3.2870, 1.9999, 2.0771)));
    // docs:end stages
}
