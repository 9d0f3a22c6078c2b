package dev.makemore.docs;

import dev.makemore.training.cli.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chapters' notebooks, {@code docs/notebooks/NN-*.ipynb} (nbformat 4, a Java kernel): one code
 * cell per block of the chapter's type-along script with the output it printed when the build ran it
 * ({@link JShellScripts}), and the chapter's figures embedded as PNG, so a reader sees everything
 * without running anything. {@link JShellScriptsTest} writes them with {@code -Ddocs.regenerate=true}
 * and otherwise fails when they drift from what the scripts print.
 */
final class Notebooks {
    private Notebooks() {
    }

    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\(figures/([^)]+\\.png)\\)");

    /** The notebook of a script: {@code docs/notebooks/NN-name.ipynb}. */
    static Path of(Path script) {
        String name = script.getFileName().toString().replaceFirst("\\.jsh$", ".ipynb");
        return Docs.dir().resolve("notebooks").resolve(name);
    }

    /** The English chapter of a script ({@code NN-*.md}). */
    static Path chapter(Path script) {
        String number = script.getFileName().toString().substring(0, 3);
        return Docs.englishPages().stream().filter(p -> p.getFileName().toString().startsWith(number)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no chapter for " + script));
    }

    /** The notebook's JSON: a title cell, the script's cells with their outputs, the chapter's figures. */
    static String json(Path script, List<JShellScripts.Cell> cells) {
        Path chapter = chapter(script);
        String page = Docs.read(chapter);
        String title = page.lines().findFirst().orElse("# " + script.getFileName());
        var out = new ArrayList<String>();
        out.add(markdown("title", List.of(title + "\n", "\n",
                "The type-along script [`" + script.getFileName() + "`](../jshell/" + script.getFileName()
                        + ") of [the chapter](../" + chapter.getFileName() + "), cell by cell, with what each cell"
                        + " printed when the build ran it. Run it live with a Java kernel: see [README.md](README.md)."),
                null));
        int n = 0;
        for (var cell : cells) {
            out.add(code(cell.source(), cell.output(), ++n));
        }
        var figures = new StringBuilder("{");
        var lines = new ArrayList<String>();
        lines.add("## The chapter's figures\n");
        Matcher m = IMAGE.matcher(page);
        boolean first = true;
        while (m.find()) {
            String file = m.group(2);
            byte[] png;
            try {
                png = Files.readAllBytes(Docs.dir().resolve("figures").resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines.add("\n");
            lines.add("![" + m.group(1) + "](attachment:" + file + ")\n");
            figures.append(first ? "" : ",").append("\n    ").append(string(file)).append(": {\"image/png\": ")
                    .append(string(Base64.getEncoder().encodeToString(png))).append("}");
            first = false;
        }
        if (!first) {
            out.add(markdown("figures", lines, figures.append("\n   }").toString()));
        }
        return "{\n \"cells\": [\n" + String.join(",\n", out) + "\n ],\n"
                + " \"metadata\": {\n"
                + "  \"kernelspec\": {\"display_name\": \"Java\", \"language\": \"java\", \"name\": \"java\"},\n"
                + "  \"language_info\": {\"name\": \"java\"}\n"
                + " },\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
    }

    /** A markdown cell; {@code id}: nbformat 4.5 names every cell (letters, digits, '-', '_'). */
    private static String markdown(String id, List<String> source, String attachments) {
        return "  {\n   \"cell_type\": \"markdown\",\n   \"id\": " + string(id) + ",\n"
                + (attachments == null ? "" : "   \"attachments\": " + attachments + ",\n")
                + "   \"metadata\": {},\n   \"source\": " + lines(source) + "\n  }";
    }

    private static String code(String source, String output, int count) {
        String outputs = output.isEmpty() ? "[]"
                : "[\n    {\"name\": \"stdout\", \"output_type\": \"stream\", \"text\": " + lines(split(output)) + "}\n   ]";
        return "  {\n   \"cell_type\": \"code\",\n   \"id\": \"cell-" + count + "\",\n"
                + "   \"execution_count\": " + count + ",\n   \"metadata\": {},\n"
                + "   \"outputs\": " + outputs + ",\n   \"source\": " + lines(split(source)) + "\n  }";
    }

    /** Text as nbformat keeps it: a list of lines, each with its newline but the last. */
    private static List<String> split(String text) {
        var out = new ArrayList<String>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }

    private static String lines(List<String> lines) {
        var sb = new StringBuilder("[");
        for (int i = 0; i < lines.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(string(lines.get(i)));
        }
        return sb.append("]").toString();
    }

    /** A JSON string literal: the command line's own JSON writer, so both escape alike. */
    static String string(String s) {
        return Json.write(s);
    }
}
