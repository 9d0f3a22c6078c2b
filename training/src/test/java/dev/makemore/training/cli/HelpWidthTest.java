package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Help is wrapped once, at the terminal's width: no line longer, no word stranded on a line of its own. */
class HelpWidthTest {

    private static List<String> help(String command, int width) {
        var out = new ByteArrayOutputStream();
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            var cl = Makemore.commandLine(Cli.of(o, o));
            // What usageHelpAutoWidth finds on a terminal of this width.
            cl.setUsageHelpAutoWidth(false);
            cl.setUsageHelpWidth(width);
            assertThat(cl.execute(command, "--help")).isZero();
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @ParameterizedTest
    @CsvSource({"bench, 80", "bench, 100", "bench, 132", "train, 80", "train, 120", "diagnose, 80", "sample, 80",
        "lecture, 80", "lecture, 100"})
    void theDescriptionIsWrappedOnceAtTheWidth(String command, int width) {
        var lines = help(command, width);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(width));
        // The description: from the line after the synopsis to the first option.
        int first = 1;
        while (lines.get(first).startsWith(" ")) {
            first++;
        }
        int end = first;
        while (!lines.get(end).strip().startsWith("-")) {
            end++;
        }
        var description = lines.subList(first, end);
        // Every line but a paragraph's last is filled: the next line's first word would not have fitted.
        for (int i = 0; i + 1 < description.size(); i++) {
            String line = description.get(i);
            String next = description.get(i + 1);
            if (!next.isBlank() && !line.isBlank()) {
                String word = next.strip().split(" ")[0];
                assertThat(line.length() + 1 + word.length()).as("'%s' then '%s'", line, word).isGreaterThan(width);
            }
        }
    }
}
