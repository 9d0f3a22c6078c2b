package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.autograd.Workspace;
import dev.makemore.training.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ops that overwrite their outputs take them from the step's workspace without zeroing
 * ({@link Workspace#empty}). Proof that none of them reads an element before writing it: every
 * stage trains and evaluates with those arrays filled with NaN each step instead of holding the
 * previous step's values, and must give the same bits as with them zeroed. One stale read would turn
 * the loss into NaN.
 */
class WorkspacePoisonTest {

    static Iterable<Stage> stages() {
        return Stage.all();
    }

    @ParameterizedTest
    @MethodSource("stages")
    void noOpReadsAnArrayItHasNotWritten(Stage stage) {
        var plain = run(stage, false);
        var poisoned = run(stage, true);
        assertThat(poisoned.losses).as("losses of the first steps").containsExactly(plain.losses);
        assertThat(Double.doubleToRawLongBits(poisoned.val)).as("validation loss, poisoned %s against %s",
                poisoned.val, plain.val).isEqualTo(Double.doubleToRawLongBits(plain.val));
    }

    private record Result(float[] losses, double val) {
    }

    private static Result run(Stage stage, boolean poison) {
        String old = System.getProperty(Workspace.POISON_PROPERTY);
        System.setProperty(Workspace.POISON_PROPERTY, Boolean.toString(poison));
        try {
            var run = new Trainer(TrainingData.lectureSplits()).train(stage, new TrainOptions(6, 32, 42, false, 0), null);
            Dataset val = TrainingData.lectureSplits().val();
            try (var evaluator = new Evaluator()) {
                return new Result(run.losses(), evaluator.loss(run.network(), val));
            }
        } finally {
            if (old == null) {
                System.clearProperty(Workspace.POISON_PROPERTY);
            } else {
                System.setProperty(Workspace.POISON_PROPERTY, old);
            }
        }
    }
}
