package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The same command prints the same numbers, every time. The original stage is the most sensitive
 * (its tanh units are saturated, so a last-bit difference grows into visibly different losses): run
 * twice in one JVM, first while the kernels are still interpreted and then once the JIT has compiled
 * them, it must give identical losses to the bit.
 */
class DeterminismTest {

    private static int firstDifference(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRunRepeatedInOneJvmGivesTheSameBits() {
        var trainer = new Trainer(TrainingData.lectureSplits());
        var options = new TrainOptions(3000, 32, 2147483647L, false, 0);
        var first = trainer.train(Stage.byName("original"), options, null);
        var second = trainer.train(Stage.byName("original"), options, null);
        assertThat(firstDifference(first.losses(), second.losses())).as("first step whose loss differs").isEqualTo(-1);
        try (var evaluator = new Evaluator()) {
            double a = evaluator.loss(first.network(), TrainingData.lectureSplits().val());
            double b = evaluator.loss(second.network(), TrainingData.lectureSplits().val());
            assertThat(Double.doubleToRawLongBits(b)).isEqualTo(Double.doubleToRawLongBits(a));
        }
    }
}
