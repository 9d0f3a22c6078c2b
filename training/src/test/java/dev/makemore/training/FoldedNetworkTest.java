package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.autograd.Grad;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNormFolding;
import dev.makemore.nn.Sequential;
import dev.makemore.training.data.Dataset;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lecture's exercise E02 on the lecture's networks: trained for the lecture's 1001 steps, then
 * every BatchNorm folded into the Linear before it. The folded network's eval forward pass gives the
 * unfolded one's logits on the whole validation split, to float32 rounding, and the same val loss
 * to 4 decimals.
 */
class FoldedNetworkTest {

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm", "deep-batchnorm"})
    void theFoldedNetworkComputesWhatTheUnfoldedOneDoesInEvalMode(String name) {
        var splits = TrainingData.lectureSplits();
        var stage = Stage.byName(name);
        Network network = new Trainer(splits).train(stage, new TrainOptions(1001, 32, Generator.LECTURE_SEED, false, 0), null)
                .network();
        network.eval();
        Network folded = FoldedModel.fold(network);
        assertThat(BatchNormFolding.hasBatchNorm(new Sequential(folded.layers()))).isFalse();
        assertThat(folded.layers().size()).isLessThan(network.layers().size());

        Dataset val = splits.val();
        double worst = 0;
        try (var off = Grad.disabled()) {
            for (int from = 0; from < val.size(); from += 4096) {
                var chunk = val.rows(from, Math.min(val.size(), from + 4096));
                float[] a = network.call(chunk.x()).data().toFloatArray();
                float[] b = folded.call(chunk.x()).data().toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    double scale = Math.max(1, Math.max(Math.abs(a[i]), Math.abs(b[i])));
                    worst = Math.max(worst, Math.abs(a[i] - b[i]) / (scale * Math.ulp(1.0f)));
                }
            }
        }
        // Float32 rounding: the two compute the same map in another order, so the logits differ by a
        // few units of float32's epsilon (relative to their size), not more.
        assertThat(worst).as("largest difference of a logit, in float32 epsilons").isLessThan(256);
        try (var evaluator = new Evaluator()) {
            assertThat(String.format(Locale.ROOT, "%.4f", evaluator.loss(folded, val)))
                    .isEqualTo(String.format(Locale.ROOT, "%.4f", evaluator.loss(network, val)));
        }
    }
}
