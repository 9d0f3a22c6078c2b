package dev.makemore.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link LectureNumbersFile} finds a figure by its row and column, or by the words before it, and nowhere else. */
class LectureNumbersFileParserTest {
    private static final String TEXT = """
            # Numbers

            ## One hidden layer: n_hidden = 200
            | stage | note | params | loss at step 0 | train | val |
            | --- | --- | --- | --- | --- | --- |
            | original | as drawn | 11 | 27.5 | 2.25 | 2.5 |
            | fix softmax | W2 *= 0.01 | 12 | 3.25 | 2.0 | 2.125 |

            ## Six layers
            Parameters: **47**. Then:
            - loss at step 0: **3.75**
            Without BatchNorm (bias; 46
            parameters; loss at step 0 **3.5**).
            with BatchNorm, train **1.5**, val **1.75**;
            without BatchNorm (gain 5/3), train **1.25**, val **1.0**.
            """;

    @Test
    void cellsAreFoundByRowAndColumn() {
        var t = LectureNumbersFile.parse(TEXT).table("One hidden layer");
        assertThat(t.header()).containsExactly("stage", "note", "params", "loss at step 0", "train", "val");
        assertThat(t.rowLabels()).containsExactly("original", "fix softmax");
        assertThat(t.cell("fix softmax", "train")).isEqualTo("2.0");
        assertThat(t.cell("original", "val")).isEqualTo("2.5");
        assertThatThrownBy(() -> t.cell("kaiming", "val")).hasMessageContaining("no row 'kaiming'");
        assertThatThrownBy(() -> t.cell("original", "test")).hasMessageContaining("no column 'test'");
    }

    @Test
    void stagesTakeEachFigureFromItsOwnPlace() {
        var stages = LectureNumbersFile.parse(TEXT).stages();
        assertThat(stages.keySet()).containsExactly("original", "fix-softmax", "deep-tanh", "deep-batchnorm");
        assertThat(stages.get("original")).isEqualTo(new LectureNumbersFile.StageRow(11, 27.5, 2.25, 2.5));
        assertThat(stages.get("fix-softmax")).isEqualTo(new LectureNumbersFile.StageRow(12, 3.25, 2.0, 2.125));
        assertThat(stages.get("deep-tanh")).isEqualTo(new LectureNumbersFile.StageRow(46, 3.5, 1.25, 1.0));
        assertThat(stages.get("deep-batchnorm")).isEqualTo(new LectureNumbersFile.StageRow(47, 3.75, 1.5, 1.75));
    }

    @Test
    void aPhraseMustMatchExactlyOnce() {
        var file = LectureNumbersFile.parse(TEXT);
        assertThat(file.number("Parameters: \\*\\*(\\d+)\\*\\*")).isEqualTo(47);
        assertThatThrownBy(() -> file.value("val \\*\\*([\\d.]+)\\*\\*")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> file.value("test \\*\\*([\\d.]+)\\*\\*")).hasMessageContaining("nothing matches");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsAnError() {
        assertThatThrownBy(() -> LectureNumbersFile.parse("| a | b |\n| --- | --- |\n| 1 |\n"))
                .hasMessageContaining(":3: 1 cells, the header has 2");
    }
}
