package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import dev.makemore.training.testing.TestData;
import dev.makemore.nn.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --fold}: the folded model's report, and {@code --save --fold} read back by {@code sample}. */
class FoldCommandTest {
    @TempDir
    Path tmp;

    private static String fixed4(Object number) {
        return String.format(Locale.ROOT, "%.4f", Json.number(number).doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm", "deep-batchnorm"})
    void theFoldedModelIsReportedSavedAndSampled(String stage) throws Exception {
        Path model = tmp.resolve(stage + "-folded.model");
        var train = Run.of("train", "--stage", stage, "--steps", "60", "--data", TestData.namesFile().toString(),
                "--fold", "--save", model.toString(), "--json", "--samples", "12");
        assertThat(train.status()).as(train.err()).isZero();
        var o = Json.object(Json.parse(train.out()));
        var folded = Json.object(o.get("folded"));
        // The folded network computes the trained one's eval-mode outputs: the same losses to 4 decimals.
        for (String k : List.of("train_loss", "val_loss", "test_loss")) {
            assertThat(fixed4(folded.get(k))).as(k).isEqualTo(fixed4(o.get(k)));
        }
        // Each BatchNorm's gamma, beta and the Linear's missing bias become one bias: fewer parameters.
        assertThat(Json.intValue(folded.get("params"))).isLessThan(Json.intValue(o.get("params")));
        assertThat(Json.intValue(folded.get("batch"))).isEqualTo(32);
        assertThat(Json.number(folded.get("us_per_batch")).doubleValue()).isPositive();
        assertThat(Json.number(folded.get("us_per_batch_unfolded")).doubleValue()).isPositive();

        assertThat(ModelFile.readMetadata(model)).containsEntry("folded", "true").containsEntry("stage", stage);
        var sample = Run.of("sample", "--model", model.toString(), "--count", "12");
        assertThat(sample.status()).as(sample.err()).isZero();
        List<Object> expected = Json.array(o.get("samples"));
        assertThat(sample.outLines()).containsExactlyElementsOf(expected.stream().map(n -> n + ".").toList());
    }

    @Test
    void humansSeeTheFoldedModelBesideTheTrainedOne() {
        var run = Run.of("train", "--stage", "deep-batchnorm", "--steps", "20", "--data", TestData.namesFile().toString(),
                "--fold", "--quiet", "--samples", "0");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.outLines()).contains(
                "folded (every BatchNorm into the Linear before it): 17 -> 11 modules after C, 47024 -> 46497 parameters");
        assertThat(run.outLines()).anyMatch(l -> l.matches("  train \\d\\.\\d{4}  val \\d\\.\\d{4}  test \\d\\.\\d{4}"));
        assertThat(run.outLines()).anyMatch(l -> l.matches("  inference, batch of 32: \\d+\\.\\d us folded, \\d+\\.\\d us unfolded"));
    }

    @Test
    void aStageWithoutBatchNormHasNothingToFoldAndNothingIsWritten() {
        Path model = tmp.resolve("fix-tanh.model");
        var run = Run.of("train", "--stage", "fix-tanh", "--steps", "10", "--data", TestData.namesFile().toString(),
                "--fold", "--save", model.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).first().asString()
                .isEqualTo("makemore: --fold: stage fix-tanh has no BatchNorm to fold");
        assertThat(Files.exists(model)).isFalse();
    }
}
