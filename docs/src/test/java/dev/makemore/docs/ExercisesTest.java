package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked solutions of chapter 8 hold: which parameters an all-zero network trains, and that folding changes nothing. */
class ExercisesTest {

    @Test
    void anAllZeroNetworkTrainsOnlyItsOutputBias() {
        var run = ProjectRuns.zeroRun();
        assertThat(run.names()).containsExactly("C.weight", "layers.0.weight", "layers.0.bias", "layers.2.weight",
                "layers.2.bias");
        // C, W1, b1 and W2 never receive a gradient and never move from zero ...
        for (String name : List.of("C.weight", "layers.0.weight", "layers.0.bias", "layers.2.weight")) {
            int i = run.index(name);
            for (double[] atStep : run.gradNorms()) {
                assertThat(atStep[i]).as(name + " gradient").isZero();
            }
            assertThat(run.maxAbs()[i]).as(name + " after training").isZero();
        }
        // ... while b2 does, at every recorded step, and so the loss falls towards the unigram entropy.
        int b2 = run.index("layers.2.bias");
        for (double[] atStep : run.gradNorms()) {
            assertThat(atStep[b2]).isPositive();
        }
        assertThat(run.maxAbs()[b2]).isPositive();
        assertThat(run.losses()[run.losses().length - 1]).isLessThan(run.losses()[0]);
    }

    @Test
    void theFoldedDeepNetworkLosesItsBatchNormsAndNothingElse() {
        var deep = ProjectRuns.deepBatchNorm1001().result().model();
        var folded = Exercises.folded(deep);
        assertThat(Exercises.layerNames(folded)).doesNotContain("BatchNorm1d").contains("Linear", "Tanh");
        assertThat(Exercises.layerNames(folded)).hasSize(Exercises.layerNames(deep).size() - 6);
        assertThat(Exercises.largestDifference(deep, folded, ProjectRuns.splits().val())).isLessThan(256);
    }
}
