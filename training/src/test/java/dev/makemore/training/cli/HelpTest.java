package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every command has help, and the JSON contract is in it. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"train", "sample", "lecture", "diagnose"})
    void everyCommandHasHelp(String command) {
        var run = Run.of(command, "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: makemore " + command).contains("--help").contains("--version")
                .contains("Exit status");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsTheCommands() {
        var run = Run.of("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: makemore").contains("train").contains("sample").contains("lecture")
                .contains("diagnose");
    }

    @Test
    void trainHelpDocumentsTheJsonFieldsAndTheStages() {
        String help = Run.of("train", "--help").out();
        for (String field : new String[] {"stage", "seed", "steps", "batch_size", "params", "loss_step0", "train_loss",
            "val_loss", "test_loss", "us_per_step", "samples", "calibration", "train_loss_explicit",
            "val_loss_explicit", "train_loss_running", "val_loss_running", "max_mean_diff", "max_std_diff",
            "max_var_diff"}) {
            assertThat(help).as(field).contains(field);
        }
        for (var stage : dev.makemore.training.Stage.all()) {
            assertThat(help).contains(stage.name());
        }
        assertThat(help.lines()).allMatch(l -> l.length() <= 80);
        assertThat(help).contains("default: 200000").contains("default: 32").contains("default: 2147483647")
                .contains("default: 20");
    }

    @Test
    void lectureHelpDocumentsItsJson() {
        assertThat(Run.of("lecture", "--help").out()).contains("{\"stages\": [...]}").contains("us_per_step");
        assertThat(Run.of("sample", "--help").out()).contains("samples (array of strings");
    }

    @Test
    void versionNamesTheProgramAndTheJvm() {
        var run = Run.of("--version");
        assertThat(run.status()).isZero();
        assertThat(run.outLines()).hasSize(2);
        assertThat(run.outLines().get(0)).startsWith("makemore ");
        assertThat(run.outLines().get(1)).startsWith("Java " + Runtime.version().feature());
        assertThat(Run.of("train", "--version").out()).startsWith("makemore ");
    }
}
