package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.core.random.Generator;
import dev.makemore.core.testing.LectureNumbersFile;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each stage, at step 0, is the lecture's network: same parameter count, same first minibatch loss,
 * both read from LECTURE_NUMBERS.md (never from the stages' own figures), and each stage's lecture
 * figures are that file's row for it.
 */
class StageTest {
    private static final Map<String, LectureNumbersFile.StageRow> REFERENCE = LectureNumbersFile.read().stages();

    static Stream<Stage> stages() {
        return Stage.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void lossAtStepZeroAndParameterCountAreTheLectures(Stage stage) {
        var expected = REFERENCE.get(stage.name());
        assertThat(expected).as("LECTURE_NUMBERS.md's row for " + stage.name()).isNotNull();
        var trainer = new Trainer(TrainingData.lectureSplits());
        var run = trainer.train(stage, new TrainOptions(1, 32, Generator.LECTURE_SEED, false, 0), null);
        assertThat(run.losses()[0]).as("loss at step 0 of " + stage.name())
                .isCloseTo((float) expected.lossStep0(), within(5e-5f));
        assertThat(run.network().numParameters()).isEqualTo(expected.params());
    }

    @Test
    void everyStagesLectureFiguresAreItsRowOfTheReferenceFile() {
        assertThat(Stage.all()).extracting(Stage::name).containsExactlyElementsOf(REFERENCE.keySet());
        for (Stage stage : Stage.all()) {
            var row = REFERENCE.get(stage.name());
            assertThat(stage.lecture()).as(stage.name())
                    .isEqualTo(new LectureFigures(row.params(), row.lossStep0(), row.train(), row.val()));
        }
    }

    @Test
    void stagesAreInTheLecturesOrderAndFoundByName() {
        assertThat(Stage.all()).extracting(Stage::name).containsExactly(
                "original", "fix-softmax", "fix-tanh", "kaiming", "batchnorm", "deep-tanh", "deep-batchnorm");
        assertThat(Stage.byName("kaiming").title()).contains("Kaiming");
        assertThatThrownBy(() -> Stage.byName("bogus"))
                .hasMessage("unknown stage 'bogus' (known: original, fix-softmax, fix-tanh, kaiming, batchnorm,"
                        + " deep-tanh, deep-batchnorm)");
    }

    @Test
    void learningRateDecaysAtTheStagesStep() {
        var one = Stage.byName("fix-tanh");
        assertThat(one.learningRate(99_999)).isEqualTo(0.1);
        assertThat(one.learningRate(100_000)).isEqualTo(0.01);
        var deep = Stage.byName("deep-batchnorm");
        assertThat(deep.learningRate(149_999)).isEqualTo(0.1);
        assertThat(deep.learningRate(150_000)).isEqualTo(0.01);
    }

    @Test
    void aBatchNormStageRefusesBatchesOfOne() {
        var trainer = new Trainer(TrainingData.lectureSplits());
        assertThatThrownBy(() -> trainer.train(Stage.byName("batchnorm"),
                new TrainOptions(10, 1, Generator.LECTURE_SEED, false, 0), null))
                .isInstanceOfSatisfying(TrainOptions.InvalidOptionException.class, e -> assertThat(e.problem())
                        .isEqualTo(new TrainOptions.Problem(TrainOptions.Option.BATCH_SIZE, 1,
                                "must be at least 2 for the BatchNorm stage batchnorm: batch statistics of one example"
                                        + " are undefined")))
                .hasMessageStartingWith("batch size must be at least 2 for the BatchNorm stage batchnorm");
    }

    @Test
    void aLossThatStopsBeingFiniteStopsTrainingAtThatStep() {
        // Output weights of 1e38 overflow the float32 logits to infinity: the very first loss is not finite.
        var exploding = new Stage("exploding", "weights far too large",
                OneHiddenLayer.drawn(10, 200).withW2Scale(1e38).withB2Scale(1e38), 3, 100_000,
                new LectureFigures(11897, Double.NaN, Double.NaN, Double.NaN));
        var trainer = new Trainer(TrainingData.lectureSplits());
        assertThatThrownBy(() -> trainer.train(exploding, new TrainOptions(100, 32, 1, false, 0), null))
                .isInstanceOfSatisfying(DivergenceException.class, e -> {
                    assertThat(e.step()).isZero();
                    assertThat(Double.isFinite(e.loss())).isFalse();
                })
                .hasMessageContaining("at step 0")
                .hasMessageContaining("learning rate too high");
    }

    @Test
    void optionsRejectNonsense() {
        // The domain words the problem without the command line's flags; ErrorsTest checks what the CLI prints.
        assertThatThrownBy(() -> new TrainOptions(0, 32, 1, false, 20)).hasMessage("steps must be positive, got 0");
        assertThatThrownBy(() -> new TrainOptions(10, 0, 1, false, 20))
                .hasMessage("batch size must be positive, got 0");
        assertThatThrownBy(() -> new TrainOptions(10, 32, 1, false, -1))
                .hasMessage("samples must not be negative, got -1");
    }
}
