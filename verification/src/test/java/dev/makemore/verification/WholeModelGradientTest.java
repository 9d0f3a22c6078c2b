package dev.makemore.verification;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import dev.makemore.training.DeepMlp;
import dev.makemore.training.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loss gradient of every lecture stage with respect to every one of its parameters, against
 * central differences: each stage's network drawn as the stage draws it, converted to float64, on a
 * minibatch of {@value #BATCH} contexts, in training mode (so BatchNorm normalises with the batch
 * statistics, as during the lecture's training) and, for the BatchNorm stages, also in eval mode.
 *
 * <p>The one-hidden-layer stages are checked at their real size (11,897 or 12,097 parameters, all of
 * them). The six-layer stages keep their structure (six Linear layers, BatchNorm after each, Tanh
 * between, the gains and the last layer's scale) at {@value #DEEP_HIDDEN} hidden units instead of 100
 * in the default build: at full width their three checks take 2 x 47,024 forward passes each, about
 * 57 s more on two busy cores (17 to 21 s per check instead of 0.2 to 2.4 s). The same checks at the
 * lecture's size, every one of the 46,497 and 47,024 parameters, are tagged {@code lecture} and run
 * with the 200,000-step reproduction ({@code -Plecture}, and in CI).
 */
class WholeModelGradientTest {
    static final int BATCH = 8;
    static final int DEEP_HIDDEN = 12;
    static final int VOCAB = 27;

    /**
     * The largest relative error allowed between an analytic and a central-difference derivative, over
     * every entry of magnitude at least {@link GradCheck#ATOL}: a tenth of the check's own relative
     * tolerance. Central differences of a float64 loss with a step of {@link GradCheck#EPS} carry
     * about 1e-10 times the loss of rounding noise, 3e-9 for the original stage's loss of 28, so an
     * entry near 1e-5 may be off by 3e-4 relative (the worst seen: 2.0e-4 there, at most 5.5e-5 in
     * the other stages); a wrong gradient is off by percents.
     */
    static final double WORST_RELATIVE = 1e-3;

    static Stream<Stage> stages() {
        return Stage.all().stream();
    }

    static Stream<Stage> batchNormStages() {
        return Stage.all().stream().filter(Stage::batchNorm);
    }

    static Stream<Stage> sixLayerStages() {
        return Stage.all().stream().filter(s -> s.architecture() instanceof DeepMlp);
    }

    /** {@code stage} itself, or the same six-layer structure with {@link #DEEP_HIDDEN} hidden units. */
    static Stage checkedSize(Stage stage) {
        if (stage.architecture() instanceof DeepMlp a) {
            var small = a.withHiddenWidth(DEEP_HIDDEN);
            return new Stage(stage.name(), stage.title(), small, stage.blockSize(), stage.decayStep(), stage.lecture());
        }
        return stage;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyParameterOfEveryStage(Stage stage) {
        trainingMode(stage, checkedSize(stage));
    }

    @Tag(LectureReproductionTest.TAG)
    @ParameterizedTest(name = "{0}")
    @MethodSource("sixLayerStages")
    void theSixLayerStagesAtFullWidth(Stage stage) {
        trainingMode(stage, stage);
        if (stage.batchNorm()) {
            evalMode(stage, stage);
        }
    }

    private static void trainingMode(Stage stage, Stage built) {
        var g = new Generator(Generator.LECTURE_SEED);
        Network network = Network.build(built, VOCAB, g);
        network.to(DType.FLOAT64);
        var xb = IntArray.of(g.randint(0, VOCAB, BATCH * stage.blockSize()), BATCH, stage.blockSize());
        var yb = IntArray.of(g.randint(0, VOCAB, BATCH));
        assertThat(network.isTraining()).isTrue();

        var report = GradCheck.check(stage.name() + " loss", () -> F.crossEntropy(network.call(xb), yb),
                network.namedParameters());

        // The loss is one number: one Jacobian entry per parameter element, every one of them compared.
        assertThat(report.entries()).isEqualTo(network.numParameters());
        if (built == stage) {
            assertThat(network.numParameters()).isEqualTo(stage.lecture().params());
        }
        System.out.println("[whole model] " + report);
        assertThat(report.worstRelative()).as(stage.name()).isLessThan(WORST_RELATIVE);
    }

    @Test
    void theBatchNormStagesAreTheOnesWithBatchNorm() {
        assertThat(batchNormStages()).extracting(Stage::name).containsExactly("batchnorm", "deep-batchnorm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNormStages")
    void batchNormStagesInEvalModeToo(Stage stage) {
        evalMode(stage, checkedSize(stage));
    }

    private static void evalMode(Stage stage, Stage built) {
        var g = new Generator(Generator.LECTURE_SEED + 1);
        Network network = Network.build(built, VOCAB, g);
        // A few training forwards first, so the running statistics used in eval mode are not 0 and 1.
        try (var off = Grad.disabled()) {
            for (int i = 0; i < 5; i++) {
                network.call(IntArray.of(g.randint(0, VOCAB, 32 * stage.blockSize()), 32, stage.blockSize()));
            }
        }
        assertThat(runningStatisticsMoved(network)).isTrue();
        Network eval = network;
        eval.to(DType.FLOAT64);
        eval.eval();
        var xb = IntArray.of(g.randint(0, VOCAB, BATCH * stage.blockSize()), BATCH, stage.blockSize());
        var yb = IntArray.of(g.randint(0, VOCAB, BATCH));
        var report = GradCheck.check(stage.name() + " loss, eval mode", () -> F.crossEntropy(eval.call(xb), yb),
                eval.namedParameters());
        assertThat(report.entries()).isEqualTo(eval.numParameters());
        System.out.println("[whole model] " + report);
        assertThat(report.worstRelative()).as(stage.name() + ", eval mode").isLessThan(WORST_RELATIVE);
    }

    private static boolean runningStatisticsMoved(Network network) {
        for (Module m : network.layers()) {
            var bn = m.asBatchNorm();
            if (bn.isPresent()) {
                return bn.get().runningMean().data().get(0) != 0;
            }
        }
        return false;
    }

    @Test
    void theFloat64CopyComputesTheSameLossAsTheNetwork() {
        for (Stage stage : Stage.all()) {
            var g = new Generator(Generator.LECTURE_SEED);
            Network network = Network.build(stage, VOCAB, g);
            Network copy = Network.build(stage, VOCAB, new Generator(Generator.LECTURE_SEED));
            copy.to(DType.FLOAT64);
            var xb = IntArray.of(g.randint(0, VOCAB, 32 * stage.blockSize()), 32, stage.blockSize());
            var yb = IntArray.of(g.randint(0, VOCAB, 32));
            double l32 = F.crossEntropy(network.call(xb), yb).item();
            double l64 = F.crossEntropy(copy.call(xb), yb).item();
            // Same weights, same graph: the two differ only by float32 rounding (about 1e-7 relative per op).
            assertThat(l64).as(stage.name()).isCloseTo(l32, org.assertj.core.data.Percentage.withPercentage(1e-3));
            assertThat(copy.numParameters()).isEqualTo(network.numParameters());
        }
    }
}
