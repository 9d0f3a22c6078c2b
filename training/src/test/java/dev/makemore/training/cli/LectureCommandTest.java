package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import dev.makemore.core.testing.LectureNumbersFile;
import dev.makemore.training.Stage;
import dev.makemore.training.testing.TestData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code makemore lecture}: every stage (side by side), the table, the JSON list. The lecture's figures
 * it must print are read from LECTURE_NUMBERS.md, not from the stages that print them.
 */
class LectureCommandTest {
    private static final Map<String, LectureNumbersFile.StageRow> REFERENCE = LectureNumbersFile.read().stages();

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
            var expected = REFERENCE.get(stage.name());
            assertThat(Json.intValue(s.get("params"))).as(stage.name()).isEqualTo(expected.params());
            // The lecture's loss at step 0 (the verification module checks it to 4 decimals).
            assertThat(Json.number(s.get("loss_step0")).doubleValue()).as(stage.name())
                    .isCloseTo(expected.lossStep0(), org.assertj.core.data.Offset.offset(1e-3));
            var lecture = Json.object(s.get("lecture"));
            assertThat(Json.intValue(lecture.get("params"))).isEqualTo(expected.params());
            assertThat(Json.number(lecture.get("loss_step0")).doubleValue()).isEqualTo(expected.lossStep0());
            assertThat(Json.number(lecture.get("train_loss")).doubleValue()).isEqualTo(expected.train());
            assertThat(Json.number(lecture.get("val_loss")).doubleValue()).isEqualTo(expected.val());
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
        assertThat(lines).anyMatch(l -> l.matches(tableRow("original", "27\\.88\\d\\d")));
        assertThat(lines).anyMatch(l -> l.matches(tableRow("batchnorm", "3\\.32\\d\\d")));
        assertThat(lines).anyMatch(l -> l.startsWith("This run trained 20 steps per stage"));
        assertThat(lines).anyMatch(l -> l.startsWith("samples: ") && l.endsWith("."));
    }

    /** A row of the table: the stage's figures beside the lecture's, the lecture's from the reference file. */
    private static String tableRow(String stage, String lossStep0) {
        var r = REFERENCE.get(stage);
        return String.format(Locale.ROOT, "%s +%d +%s +%s +\\d+\\.\\d{4} +%s +\\d+\\.\\d{4} +%s +\\d+\\.\\d", stage,
                r.params(), lossStep0, quote(r.lossStep0()), quote(r.train()), quote(r.val()));
    }

    private static String quote(double lecture) {
        return String.format(Locale.ROOT, "%.4f", lecture).replace(".", "\\.");
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
