package dev.makemore.training.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import picocli.CommandLine;

/**
 * How every command's help is laid out: at the terminal's width (picocli's
 * {@code usageHelpAutoWidth}; 80 columns when there is no terminal), and with each command's
 * description reflowed as paragraphs, so that it is wrapped once at that width. (A description given
 * as several lines was otherwise wrapped twice: by its author at one width, then by picocli at
 * another, leaving a word alone on a line.) An empty description line separates paragraphs; the
 * footers, which hold aligned tables, keep their lines.
 */
final class HelpFormat {
    private HelpFormat() {
    }

    /** Applies the layout to {@code cl} and every subcommand it has now. */
    static void apply(CommandLine cl) {
        cl.setUsageHelpAutoWidth(true);
        var sections = new LinkedHashMap<>(cl.getHelpSectionMap());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> reflow(help.commandSpec().usageMessage().description(),
                        help.commandSpec().usageMessage().width()));
        cl.setHelpSectionMap(sections);
    }

    /** The lines as paragraphs (split at empty lines), each wrapped at {@code width} columns. */
    static String reflow(String[] lines, int width) {
        var out = new StringBuilder();
        var paragraph = new ArrayList<String>();
        for (String line : lines) {
            if (line.isBlank()) {
                wrap(paragraph, width, out);
                out.append(System.lineSeparator());
                paragraph.clear();
            } else {
                // Break only at a single space between words: a run of spaces (an aligned example) stays.
                paragraph.addAll(List.of(line.strip().split("(?<=\\S) (?=\\S)")));
            }
        }
        wrap(paragraph, width, out);
        return out.toString();
    }

    private static void wrap(List<String> words, int width, StringBuilder out) {
        int column = 0;
        for (String word : words) {
            if (column > 0 && column + 1 + word.length() > width) {
                out.append(System.lineSeparator());
                column = 0;
            }
            if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        if (column > 0) {
            out.append(System.lineSeparator());
        }
    }
}
