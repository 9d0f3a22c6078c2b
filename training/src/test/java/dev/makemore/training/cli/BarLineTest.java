package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The progress bar's line: the numbers always visible, the bar giving way. */
class BarLineTest {

    @Test
    void inEightyColumnsTheLossIsShownAndTheBarShrinks() {
        // The case: deep-batchnorm at 30000 of 150000 steps after 5 s.
        String line = BarLine.line("deep-batchnorm", 30_000, 150_000, Duration.ofSeconds(5), 2.12345, 80, true);
        assertThat(line).hasSizeLessThanOrEqualTo(80).startsWith("deep-batchnorm  20% │")
                .contains("│ 30000/150000 loss 2.1235 6,000 steps/s");
        int cells = line.lastIndexOf('│') - line.indexOf('│') - 1;
        assertThat(cells).isGreaterThanOrEqualTo(BarLine.SHARED_BAR);
        // Wider, the time left joins; the bar takes the rest of the width.
        String wide = BarLine.line("deep-batchnorm", 30_000, 150_000, Duration.ofSeconds(5), 2.12345, 120, true);
        assertThat(wide).hasSize(120).endsWith("30000/150000 loss 2.1235 6,000 steps/s 0:00:20 left");
    }

    @Test
    void tooNarrowForABarTheNumbersStay() {
        String line = BarLine.line("deep-batchnorm", 30_000, 150_000, Duration.ofSeconds(5), 2.12345, 40, false);
        // 40 columns: no bar, the task name shortened to what is left.
        assertThat(line).isEqualTo("deep-batch  20% 30000/150000 loss 2.1235");
        assertThat(BarLine.line("deep-batchnorm", 30_000, 150_000, Duration.ZERO, 2.12345, 20, false))
                .isEqualTo(" 20% 30000/150000 loss 2.1235");
    }

    @Test
    void theAsciiBarFillsInProportion() {
        assertThat(BarLine.bar(0.5, 10, false)).isEqualTo("[=====     ] ");
        assertThat(BarLine.bar(0.55, 10, false)).isEqualTo("[=====>    ] ");
        assertThat(BarLine.bar(1, 4, true)).isEqualTo("│████│ ");
        assertThat(BarLine.bar(0.3, 2, true)).isEqualTo("│▌ │ ");
    }

    @Property(tries = 1000)
    void theLineFitsAndAlwaysShowsTheStepAndTheLoss(@ForAll @StringLength(min = 1, max = 30) String task,
                                                    @ForAll @LongRange(min = 0, max = 10_000_000) long current,
                                                    @ForAll @LongRange(min = 1, max = 10_000_000) long max,
                                                    @ForAll @IntRange(min = 0, max = 100_000) int millis,
                                                    @ForAll @DoubleRange(min = 0, max = 100) double loss,
                                                    @ForAll @IntRange(min = 1, max = 300) int width,
                                                    @ForAll boolean unicode) {
        long step = Math.min(current, max);
        String numbers = step + "/" + max + " loss " + Format.fixed(loss, 4);
        String line = BarLine.line(task, step, max, Duration.ofMillis(millis), loss, width, unicode);
        assertThat(line).contains(numbers);
        if (width >= 5 + numbers.length()) {
            assertThat(line.length()).isLessThanOrEqualTo(width);
        }
    }
}
