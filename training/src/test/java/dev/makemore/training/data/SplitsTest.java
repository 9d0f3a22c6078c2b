package dev.makemore.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.training.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lecture's split of the real data set (LECTURE_NUMBERS.md, "Data"). */
class SplitsTest {
    private static List<String> words;

    @BeforeAll
    static void load() throws Exception {
        words = Names.read(TestData.namesFile());
    }

    @Test
    void theDataSetHas32033NamesAnd27Symbols() {
        assertThat(words).hasSize(32033);
        assertThat(Vocabulary.of(words).symbols()).isEqualTo(".abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void splitSizesAndFirstShuffledWordsAreTheLectures() {
        var s = Splits.lecture(words, 3);
        assertThat(s.train().size()).isEqualTo(182625);
        assertThat(s.val().size()).isEqualTo(22655);
        assertThat(s.test().size()).isEqualTo(22866);
        assertThat(s.words().subList(0, 5)).containsExactly("yuheng", "diondre", "xavien", "jori", "juanluis");
        assertThat(s.get("dev")).isSameAs(s.val());
    }

    @Test
    void everyNameLandsInExactlyOneSplit() {
        var s = Splits.lecture(words, 3);
        int total = words.stream().mapToInt(w -> w.length() + 1).sum();
        assertThat(s.train().size() + s.val().size() + s.test().size()).isEqualTo(total);
        assertThat(s.words()).containsExactlyInAnyOrderElementsOf(words);
    }
}
