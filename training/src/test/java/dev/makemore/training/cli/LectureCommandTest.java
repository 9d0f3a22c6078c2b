package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import dev.makemore.training.testing.TestData;
import dev.makemore.training.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code makemore lecture}: every stage (side by side), the table, the JSON list. */
class LectureCommandTest {

    @Test
    void jsonHoldsOneObjectPerStageInTheLecturesOrder() {
        var run = Run.of("lecture", "--steps", "30", "--data", TestData.namesFile().toString(), "--json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(1);
        var o = Json.object(Json.parse(run.out()));
        assertThat(o.keySet()).containsExactly("stages");
        var stages = Json.array(o.get("stages"));
        assertThat(stages).hasSize(Stage.all().size());
        for (int i = 0; i < stages.size(); i++) {
            var s = Json.object(stages.get(i));
            Stage stage = Stage.all().get(i);
            assertThat(Json.string(s.get("stage"))).isEqualTo(stage.name());
            assertThat(s.keySet()).contains("seed", "steps", "batch_size", "params", "loss_step0", "train_loss",
                    "val_loss", "test_loss", "us_per_step", "samples", "lecture");
            assertThat(Json.intValue(s.get("params"))).as(stage.name()).isEqualTo(stage.lecture().params());
            // The lecture's loss at step 0 (the verification module checks it to 4 decimals).
            assertThat(Json.number(s.get("loss_step0")).doubleValue()).as(stage.name())
                    .isCloseTo(stage.lecture().lossStep0(), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(Json.number(Json.object(s.get("lecture")).get("loss_step0")).doubleValue())
                    .isEqualTo(stage.lecture().lossStep0());
            assertThat(Json.intValue(s.get("steps"))).isEqualTo(30);
            assertThat(Json.array(s.get("samples"))).hasSize(20).allMatch(n -> !((String) n).endsWith("."));
        }
        // The log went to stderr.
        assertThat(run.err()).contains("== stage 1/7, original").containsPattern("      0/     30: 27\\.88\\d\\d");
    }

    @Test
    void humanOutputEndsWithTheTableAndTheNote() {
        var stages = List.of(Stage.byName("original"), Stage.byName("batchnorm"));
        var run = Run.withStages(stages, "lecture", "--steps", "20", "--data", TestData.namesFile().toString());
        assertThat(run.status()).as(run.err()).isZero();
        var lines = run.outLines();
        assertThat(lines).contains("== stage 1/2, original: as drawn: the loss at initialisation is far too high",
                "== stage 2/2, batchnorm: BatchNorm on the hidden pre-activations (and no b1)", LectureCommand.NOTE);
        assertThat(lines).anyMatch(l -> l.matches("      0/     20: 27\\.88\\d\\d"));
        assertThat(lines).anyMatch(l -> l.matches("      0/     20: 3\\.32\\d\\d"));
        assertThat(lines).anyMatch(l -> l.matches("stage +params +step 0 +lecture +train +lecture +val +lecture +us/step"));
        assertThat(lines).anyMatch(l -> l.matches("original +11897 +27\\.88\\d\\d +27\\.8817 +\\d+\\.\\d{4} +2\\.1266 +"
                + "\\d+\\.\\d{4} +2\\.1734 +\\d+\\.\\d"));
        assertThat(lines).anyMatch(l -> l.matches("batchnorm +12097 +3\\.32\\d\\d +3\\.3239 +\\d\\.\\d{4} +2\\.0674 +\\d\\.\\d{4} +2\\.1057 +\\d+\\.\\d"));
        assertThat(lines).anyMatch(l -> l.startsWith("This run trained 20 steps per stage"));
        assertThat(lines).anyMatch(l -> l.startsWith("samples: ") && l.endsWith("."));
    }

    @Test
    void quietPrintsOnlyTheTable() {
        var stages = List.of(Stage.byName("fix-softmax"));
        var run = Run.withStages(stages, "lecture", "--steps", "10", "--data", TestData.namesFile().toString(),
                "--quiet");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("== stage").doesNotContain("      0/").contains(LectureCommand.NOTE);
        assertThat(run.err()).isEmpty();
    }

    /**
     * Stages trained side by side give each the numbers of a run on its own, to the bit: the lecture's
     * JSON beside {@code train --json} of each stage alone, printed in the lecture's order.
     */
    @Test
    void stagesSideBySideGiveTheNumbersOfRunsOnTheirOwn() {
        var stages = List.of(Stage.byName("original"), Stage.byName("kaiming"), Stage.byName("batchnorm"));
        String data = TestData.namesFile().toString();
        var lecture = Run.withStages(stages, "lecture", "--steps", "400", "--data", data, "--json");
        assertThat(lecture.status()).as(lecture.err()).isZero();
        var together = Json.array(Json.object(Json.parse(lecture.out())).get("stages"));
        assertThat(together).hasSize(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            var alone = Run.of("train", "--stage", stages.get(i).name(), "--steps", "400", "--data", data, "--json");
            assertThat(alone.status()).as(alone.err()).isZero();
            var a = Json.object(Json.parse(alone.out()));
            var t = Json.object(together.get(i));
            assertThat(Json.string(t.get("stage"))).isEqualTo(stages.get(i).name());
            for (String field : List.of("loss_step0", "train_loss", "val_loss", "test_loss", "samples")) {
                assertThat(t.get(field)).as("%s of %s", field, stages.get(i).name()).isEqualTo(a.get(field));
            }
        }
        assertThat(lecture.err()).containsSubsequence("== stage 1/3, original", "== stage 2/3, kaiming",
                "== stage 3/3, batchnorm");
    }
}
