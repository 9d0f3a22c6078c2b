package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import dev.makemore.training.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code makemore train}: the human output and the {@code --json} contract. */
class TrainCommandTest {
    private static String data;
    private static Run human;
    private static Run json;

    @BeforeAll
    static void train() {
        data = TestData.namesFile().toString();
        human = Run.of("train", "--stage", "batchnorm", "--steps", "100", "--data", data);
        json = Run.of("train", "--stage", "batchnorm", "--steps", "100", "--data", data, "--json");
    }

    @Test
    void humanOutputHasTheLectureFigures() {
        assertThat(human.status()).as(human.err()).isZero();
        var lines = human.outLines();
        assertThat(lines.get(0)).isEqualTo("batchnorm: BatchNorm on the hidden pre-activations (and no b1)");
        assertThat(lines.get(1)).isEqualTo("12097 parameters");
        // The lecture's log line, f'{i:7d}/{max_steps:7d}: {loss.item():.4f}', and the loss at step 0
        // (the lecture's 3.3239; the verification module checks the digits).
        double loss0 = Json.number(Json.object(Json.parse(json.out())).get("loss_step0")).doubleValue();
        assertThat(lines.get(2)).matches("      0/    100: 3\\.3\\d{3}").isEqualTo(Progress.logLine(0, 100, loss0));
        assertThat(lines).contains("loss at step 0: " + Format.fixed(loss0, 4));
        assertThat(lines).anyMatch(l -> l.matches("train \\d\\.\\d{4}"));
        assertThat(lines).anyMatch(l -> l.matches("val   \\d\\.\\d{4}"));
        assertThat(lines).anyMatch(l -> l.matches("test  \\d\\.\\d{4}"));
        assertThat(lines.get(lines.size() - 1)).matches("\\d+\\.\\d us/step");
        int samples = lines.indexOf("samples:");
        assertThat(samples).isPositive();
        var names = lines.subList(samples + 1, samples + 21);
        assertThat(names).allMatch(n -> n.matches("[a-z]*\\.")).hasSize(20);
        assertThat(human.err()).doesNotContain("makemore:");
    }

    @Test
    void jsonIsExactlyOneObjectWithTheContractFields() {
        assertThat(json.status()).as(json.err()).isZero();
        // Nothing else on stdout: one line, one object.
        assertThat(json.outLines()).hasSize(1);
        var o = Json.object(Json.parse(json.out()));
        assertThat(o.keySet()).containsSubsequence("stage", "seed", "steps", "batch_size", "params", "loss_step0",
                "train_loss", "val_loss", "test_loss", "us_per_step", "samples");
        assertThat(o).doesNotContainKey("calibration").doesNotContainKey("model");
        assertThat(Json.string(o.get("stage"))).isEqualTo("batchnorm");
        assertThat(Json.longValue(o.get("seed"))).isEqualTo(2147483647L);
        assertThat(Json.intValue(o.get("steps"))).isEqualTo(100);
        assertThat(Json.intValue(o.get("batch_size"))).isEqualTo(32);
        assertThat(Json.intValue(o.get("params"))).isEqualTo(12097);
        for (String k : List.of("loss_step0", "train_loss", "val_loss", "test_loss", "us_per_step")) {
            assertThat(o.get(k)).as(k).isInstanceOf(Double.class);
        }
        // Unrounded: the loss at step 0 is the float32 loss (the lecture's 3.3239), not rounded to 4 decimals.
        double loss0 = Json.number(o.get("loss_step0")).doubleValue();
        assertThat(loss0).isCloseTo(3.3239, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(Math.rint(loss0 * 1e4) / 1e4).isNotEqualTo(loss0);
        assertThat((double) (float) loss0).isEqualTo(loss0);
        assertThat(Json.number(o.get("us_per_step")).doubleValue()).isPositive();
        var samples = Json.array(o.get("samples"));
        assertThat(samples).hasSize(20).allMatch(s -> s instanceof String str && !str.endsWith(".")
                && str.matches("[a-z]*"));
        var lecture = Json.object(o.get("lecture"));
        assertThat(Json.number(lecture.get("loss_step0")).doubleValue()).isEqualTo(3.3239);
        assertThat(Json.intValue(lecture.get("params"))).isEqualTo(12097);
    }

    @Test
    void jsonAndHumanRunsAgree() {
        var o = Json.object(Json.parse(json.out()));
        var samples = Json.array(o.get("samples"));
        var lines = human.outLines();
        int at = lines.indexOf("samples:");
        for (int i = 0; i < samples.size(); i++) {
            assertThat(lines.get(at + 1 + i)).isEqualTo(samples.get(i) + ".");
        }
        assertThat(lines).contains("val   " + Format.fixed(Json.number(o.get("val_loss")).doubleValue(), 4));
    }

    @Test
    void jsonSendsTheLogToStderr() {
        assertThat(json.errLines()).containsExactly("batchnorm: BatchNorm on the hidden pre-activations (and no b1)",
                "12097 parameters", human.outLines().get(2));
    }

    @Test
    void quietJsonLeavesStderrSilent() {
        var run = Run.of("train", "--stage", "kaiming", "--steps", "50", "--data", data, "--json", "--quiet",
                "--samples", "3", "--batch-size", "16", "--seed", "42");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator"))).isEmpty();
        var o = Json.object(Json.parse(run.out()));
        assertThat(Json.array(o.get("samples"))).hasSize(3);
        assertThat(Json.intValue(o.get("batch_size"))).isEqualTo(16);
        assertThat(Json.longValue(o.get("seed"))).isEqualTo(42);
        assertThat(Json.intValue(o.get("params"))).isEqualTo(11897);
    }

    @Test
    void quietHumanOutputHasNoLossLog() {
        var run = Run.of("train", "--stage", "fix-softmax", "--steps", "50", "--data", data, "--quiet",
                "--samples", "0");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("     0/").containsPattern("loss at step 0: 3\\.3\\d{3}\\R").doesNotContain("samples:");
    }

    @Test
    void calibrationOfTheInlineBatchNormComparesStds() {
        var run = Run.of("train", "--stage", "batchnorm", "--steps", "50", "--data", data, "--json", "--calibrate",
                "--samples", "2");
        assertThat(run.status()).as(run.err()).isZero();
        var c = Json.object(Json.object(Json.parse(run.out())).get("calibration"));
        assertThat(c.keySet()).containsExactly("train_loss_explicit", "val_loss_explicit", "train_loss_running",
                "val_loss_running", "max_mean_diff", "max_std_diff", "spread");
        assertThat(Json.string(c.get("spread"))).isEqualTo("std");
        for (var e : c.entrySet()) {
            if (!e.getKey().equals("spread")) {
                assertThat(Json.number(e.getValue()).doubleValue()).as(e.getKey()).isFinite().isNotNegative();
            }
        }
    }

    @Test
    void calibrationIsPrintedForHumans() {
        var run = Run.of("train", "--stage", "batchnorm", "--steps", "50", "--data", data, "--calibrate",
                "--samples", "0", "--quiet");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("explicit").contains("running").contains("largest |explicit - running|: mean ");
    }

    @Test
    void calibrationOfAStageWithoutBatchNormIsNull() {
        var run = Run.of("train", "--stage", "fix-tanh", "--steps", "50", "--data", data, "--json", "--calibrate",
                "--samples", "0", "--quiet");
        assertThat(run.status()).as(run.err()).isZero();
        Map<String, Object> o = Json.object(Json.parse(run.out()));
        assertThat(o).containsKey("calibration");
        assertThat(o.get("calibration")).isNull();
        assertThat(Json.array(o.get("samples"))).isEmpty();

        var text = Run.of("train", "--stage", "fix-tanh", "--steps", "50", "--data", data, "--calibrate",
                "--samples", "0", "--quiet");
        assertThat(text.out()).contains("has no BatchNorm");
    }
}
