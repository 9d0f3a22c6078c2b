package dev.makemore.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextsTest {

    @Test
    void vocabularyPutsTheDotFirstThenSortedCharacters() {
        var v = Vocabulary.of(List.of("emma", "ava", "zoe"));
        assertThat(v.symbols()).isEqualTo(".aemovz");
        assertThat(v.index('.')).isZero();
        assertThat(v.index('e')).isEqualTo(2);
        assertThat(v.symbol(6)).isEqualTo('z');
        assertThatThrownBy(() -> v.index('q')).hasMessageContaining("'q' is not in the vocabulary");
    }

    @Test
    void emmaGivesTheLecturesFiveExamples() {
        // The lecture prints these for "emma": ... -> e, ..e -> m, .em -> m, emm -> a, mma -> .
        var v = Vocabulary.of(List.of("emma"));
        var d = Contexts.build(List.of("emma"), v, 3);
        int e = v.index('e'), m = v.index('m'), a = v.index('a');
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.blockSize()).isEqualTo(3);
        assertThat(d.x().data()).containsExactly(
                0, 0, 0,
                0, 0, e,
                0, e, m,
                e, m, m,
                m, m, a);
        assertThat(d.y().data()).containsExactly(e, m, m, a, 0);
    }

    @Test
    void rowsAreACopiedChunkOfTheExamples() {
        var v = Vocabulary.of(List.of("emma"));
        var d = Contexts.build(List.of("emma"), v, 3);
        var chunk = d.rows(1, 3);
        int e = v.index('e'), m = v.index('m');
        assertThat(chunk.size()).isEqualTo(2);
        assertThat(chunk.x().data()).containsExactly(0, 0, e, 0, e, m);
        assertThat(chunk.y().data()).containsExactly(m, m);
        chunk.x().data()[0] = 99;
        assertThat(d.x().data()[3]).as("the chunk is a copy").isZero();
    }

    @Test
    void contextsOfOtherBlockSizes() {
        var v = Vocabulary.of(List.of("ab"));
        var d1 = Contexts.build(List.of("ab"), v, 1);
        assertThat(d1.x().data()).containsExactly(0, 1, 2);
        assertThat(d1.y().data()).containsExactly(1, 2, 0);
        assertThatThrownBy(() -> Contexts.build(List.of("ab"), v, 0)).hasMessageContaining("at least 1");
    }
}
