package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import dev.makemore.training.testing.TestData;
import dev.makemore.nn.ModelFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --save} then {@code sample --model}: the model file round trip. */
class SampleCommandTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm", "deep-batchnorm", "fix-tanh"})
    void sampleGivesTheTrainingRunsNames(String stage) throws Exception {
        Path model = tmp.resolve(stage + ".model");
        var train = Run.of("train", "--stage", stage, "--steps", "60", "--data", TestData.namesFile().toString(),
                "--save", model.toString(), "--json", "--samples", "12");
        assertThat(train.status()).as(train.err()).isZero();
        var trained = Json.object(Json.parse(train.out()));
        assertThat(Json.string(trained.get("model"))).isEqualTo(model.toString());
        List<Object> expected = Json.array(trained.get("samples"));

        var meta = ModelFile.readMetadata(model);
        assertThat(meta).containsEntry("stage", stage).containsEntry("vocabulary", ".abcdefghijklmnopqrstuvwxyz")
                .containsEntry("block_size", "3").containsEntry("seed", "2147483647").containsEntry("steps", "60")
                .containsEntry("batch_size", "32");

        var sample = Run.of("sample", "--model", model.toString(), "--count", "12");
        assertThat(sample.status()).as(sample.err()).isZero();
        assertThat(sample.outLines()).containsExactlyElementsOf(expected.stream().map(n -> n + ".").toList());
        assertThat(sample.err()).isEmpty();

        var json = Run.of("sample", "--model", model.toString(), "--count", "12", "--json");
        assertThat(json.status()).isZero();
        var o = Json.object(Json.parse(json.out()));
        assertThat(Json.array(o.get("samples"))).isEqualTo(expected);
        assertThat(Json.string(o.get("stage"))).isEqualTo(stage);
        assertThat(Json.longValue(o.get("seed"))).isEqualTo(2147483647L);
    }

    @Test
    void anotherSeedGivesOtherNamesAndTheDefaultCountIsTwenty() {
        Path model = tmp.resolve("kaiming.model");
        var train = Run.of("train", "--stage", "kaiming", "--steps", "40", "--data", TestData.namesFile().toString(),
                "--save", model.toString(), "--quiet");
        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("model written to " + model);
        var a = Run.of("sample", "--model", model.toString());
        var b = Run.of("sample", "--model", model.toString(), "--seed", "7");
        assertThat(a.outLines()).hasSize(20).allMatch(n -> n.endsWith("."));
        assertThat(b.outLines()).hasSize(20).isNotEqualTo(a.outLines());
        assertThat(Run.of("sample", "--model", model.toString(), "--seed", "7").out()).isEqualTo(b.out());
    }
}
