package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.kernels.Hardware;
import dev.makemore.core.testing.Json;
import dev.makemore.training.testing.TestData;
import dev.makemore.training.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code makemore bench}: the figures' names and types (outside scripts read them), their sanity,
 * and the human table. Speed itself is never asserted: that is what the command reports.
 */
class BenchCommandTest {
    private static final List<Stage> TWO = List.of(Stage.byName("fix-tanh"), Stage.byName("batchnorm"));

    @Test
    void jsonNamesEveryFigure() {
        var run = Run.withStages(TWO, "bench", "--steps", "50", "--quick", "--json", "--data",
                TestData.namesFile().toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        var o = Json.object(Json.parse(run.out()));
        assertThat(o.keySet()).containsExactly("jvm", "cpu", "cores", "kernels", "vector_bits", "species", "fma", "steps",
                "train_split_loss_ms", "lecture_training_seconds", "matmul");
        assertThat(Json.string(o.get("kernels"))).isIn("vector", "scalar");
        assertThat(Json.intValue(o.get("vector_bits"))).isEqualTo(Hardware.vectorBits());
        assertThat(Json.string(o.get("species"))).isEqualTo(Hardware.species());
        assertThat(o.get("fma")).isEqualTo(Hardware.fma());
        assertThat(Json.intValue(o.get("cores"))).isEqualTo(Runtime.getRuntime().availableProcessors());
        var steps = Json.array(o.get("steps"));
        assertThat(steps).hasSize(2);
        for (int i = 0; i < steps.size(); i++) {
            var s = Json.object(steps.get(i));
            assertThat(Json.string(s.get("stage"))).isEqualTo(TWO.get(i).name());
            assertThat(Json.number(s.get("us_per_step")).doubleValue()).isPositive();
            assertThat(Json.number(s.get("bytes_per_step")).doubleValue()).isNotNegative();
            assertThat(Json.number(s.get("gc_share")).doubleValue()).isBetween(0.0, 1.0);
        }
        var matmul = Json.array(o.get("matmul"));
        assertThat(matmul).hasSize(11);
        var first = Json.object(matmul.get(0));
        assertThat(first.keySet()).containsExactly("form", "m", "k", "n", "gflops", "scalar_gflops");
        assertThat(Json.string(first.get("form"))).isEqualTo("A.B");
        assertThat(List.of(Json.intValue(first.get("m")), Json.intValue(first.get("k")), Json.intValue(first.get("n"))))
                .containsExactly(32, 30, 200);
        assertThat(Json.number(first.get("gflops")).doubleValue()).isPositive();
        // The lecture's 200,000 steps per stage at the measured step times.
        double sum = 0;
        for (var s : steps) {
            sum += Json.number(Json.object(s).get("us_per_step")).doubleValue() * 200_000 / 1e6;
        }
        assertThat(Json.number(o.get("lecture_training_seconds")).doubleValue()).isCloseTo(sum,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void textShowsTheTargetsBesideTheFigures() {
        var run = Run.withStages(TWO, "bench", "--steps", "50", "--quick", "--data", TestData.namesFile().toString());
        assertThat(run.status()).as(run.err()).isZero();
        var targets = BenchCommand.Targets.at(Hardware.vectorBits());
        assertThat(run.out()).startsWith("JVM ").contains("training step, batch 32, one thread")
                .contains("vectors: " + Hardware.vectorBits() + " bits (" + Hardware.species() + "), FMA in hardware: ")
                .containsPattern("batchnorm +\\d+\\.\\d +<= " + (int) targets.batchNormUs() + " +\\d+ +\\d+\\.\\d% +~540")
                .contains("loss over the training split (182625 contexts)")
                .containsPattern("A\\.B +32x30\\.30x200 +\\d+\\.\\d +\\d+\\.\\d");
    }

    @Test
    void targetsAreChosenByTheNearestWidthBelow() {
        assertThat(BenchCommand.Targets.at(512).bits()).isEqualTo(512);
        assertThat(BenchCommand.Targets.at(384).bits()).isEqualTo(256);
        assertThat(BenchCommand.Targets.at(64).bits()).isEqualTo(128);
        // Narrower vectors may take longer, never less.
        assertThat(BenchCommand.Targets.at(128).batchNormUs()).isGreaterThan(BenchCommand.Targets.at(256).batchNormUs());
        assertThat(BenchCommand.Targets.at(256).step("kaiming")).isEmpty();
    }

    @Test
    void stepsMustBePositive() {
        var run = Run.of("bench", "--steps", "0", "--data", TestData.namesFile().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("makemore: --steps must be positive, got 0");
    }
}
