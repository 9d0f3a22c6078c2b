package dev.makemore.training;

import dev.makemore.autograd.Grad;
import dev.makemore.core.IntArray;
import dev.makemore.nn.BatchNormFolding;
import dev.makemore.nn.Sequential;
import dev.makemore.training.data.Dataset;
import dev.makemore.training.data.Splits;

/**
 * A trained network with every BatchNorm folded into the Linear before it (the lecture's exercise
 * E02, {@link BatchNormFolding}), with its losses over the three splits and the time of one inference
 * batch, folded and unfolded, measured side by side in one run ({@code makemore train --fold}).
 *
 * @param network          the folded network (its embedding shared with the trained one)
 * @param trainLoss        the folded network's loss over the training split
 * @param valLoss          over the validation split
 * @param testLoss         over the test split
 * @param batch            the inference batch timed (rows of the validation split)
 * @param usPerBatch       mean microseconds of the folded network's forward pass of one batch
 * @param usPerBatchUnfolded the same for the unfolded network, in eval mode
 */
public record FoldedModel(Network network, double trainLoss, double valLoss, double testLoss, int batch,
                          double usPerBatch, double usPerBatchUnfolded) {

    /** Forward passes timed per network, after as many for warm-up. */
    static final int TIMED_BATCHES = 200;

    /** The network of {@code trained} with every BatchNorm folded away (nothing is measured). */
    public static Network fold(Network trained) {
        return new Network(trained.embedding(), BatchNormFolding.fold(new Sequential(trained.layers())));
    }

    /**
     * Folds {@code trained}, evaluates the folded network on every split and times one inference
     * batch of {@code batch} rows of both networks, alternating them so the machine's drift hits both.
     *
     * @throws IllegalArgumentException when the network has no BatchNorm to fold
     */
    public static FoldedModel of(Network trained, Splits data, int batch) {
        if (!BatchNormFolding.hasBatchNorm(new Sequential(trained.layers()))) {
            throw new IllegalArgumentException("the network has no BatchNorm to fold");
        }
        trained.eval();
        Network folded = fold(trained);
        folded.eval();
        double train;
        double val;
        double test;
        try (var evaluator = new Evaluator()) {
            train = evaluator.loss(folded, data.train());
            val = evaluator.loss(folded, data.val());
            test = evaluator.loss(folded, data.test());
        }
        Dataset rows = data.val().rows(0, Math.min(batch, data.val().size()));
        IntArray x = rows.x();
        long foldedNanos = 0;
        long unfoldedNanos = 0;
        try (var off = Grad.disabled()) {
            for (int round = 0; round < 2; round++) {
                boolean timed = round == 1;
                for (int i = 0; i < TIMED_BATCHES; i++) {
                    long t0 = System.nanoTime();
                    folded.call(x);
                    long t1 = System.nanoTime();
                    trained.call(x);
                    long t2 = System.nanoTime();
                    if (timed) {
                        foldedNanos += t1 - t0;
                        unfoldedNanos += t2 - t1;
                    }
                }
            }
        }
        return new FoldedModel(folded, train, val, test, rows.size(), foldedNanos / 1e3 / TIMED_BATCHES,
                unfoldedNanos / 1e3 / TIMED_BATCHES);
    }
}
