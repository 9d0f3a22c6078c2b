package dev.makemore.docs;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs a type-along script the way {@code jshell script.jsh} does, through the {@code jdk.jshell} API
 * with local execution (in this JVM, on this class path): snippet after snippet, stopping at the
 * first one that is rejected or throws.
 *
 * <p>A script states what it prints in comments that start with {@code //>} (as a notebook shows
 * a cell's output under it); {@link #expected} collects them.
 */
final class JShellScripts {
    private JShellScripts() {
    }

    /** What a script printed, how many snippets ran, the first failure (null if none), and its cells. */
    record Result(String output, int snippets, String failure, List<Cell> cells) {
    }

    /**
     * A notebook cell: a block of the script between blank lines (a snippet that spans a blank line
     * keeps its lines together), and what running it printed.
     */
    record Cell(String source, String output) {
    }

    /** The lines a script says it prints: its {@code //>} comments, without the marker. */
    static List<String> expected(String script) {
        return script.lines().map(String::strip).filter(l -> l.startsWith("//>"))
                .map(l -> l.substring(3).strip()).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    static Result run(Path script) {
        String source = Docs.read(script);
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream savedOut = System.out;
        int count = 0;
        String failure = null;
        var cells = new ArrayList<Cell>();
        try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out)
                .compilerOptions("--add-modules", "jdk.incubator.vector").build()) {
            for (String entry : classPath()) {
                shell.addToClasspath(entry);
            }
            System.setOut(out);
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String pending = "";
            for (String block : source.strip().split("\n\\s*\n")) {
                pending = pending.isEmpty() ? block : pending + "\n\n" + block;
                if (!complete(analysis, pending)) {
                    continue;
                }
                int before = bytes.size();
                String remaining = pending;
                while (failure == null && !remaining.isBlank()) {
                    var info = analysis.analyzeCompletion(remaining);
                    if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                        break;
                    }
                    String snippet = info.source();
                    count++;
                    failure = eval(shell, snippet);
                    remaining = info.remaining();
                }
                out.flush();
                cells.add(new Cell(pending.strip(), bytes.toString(StandardCharsets.UTF_8).substring(before)));
                pending = "";
                if (failure != null) {
                    break;
                }
            }
            if (failure == null && !pending.isBlank()) {
                failure = "incomplete snippet: " + firstLine(pending);
            }
        } finally {
            System.setOut(savedOut);
        }
        out.flush();
        return new Result(bytes.toString(StandardCharsets.UTF_8), count, failure, cells);
    }

    /** Whether {@code text} is whole snippets only (no snippet left open at its end). */
    private static boolean complete(SourceCodeAnalysis analysis, String text) {
        String remaining = text;
        while (!remaining.isBlank()) {
            var info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                return true;
            }
            if (!info.completeness().isComplete()) {
                return false;
            }
            remaining = info.remaining();
        }
        return true;
    }

    /** Evaluates one snippet; the failure (rejected, or thrown), or null. */
    private static String eval(JShell shell, String snippet) {
        String failure = null;
        for (SnippetEvent e : shell.eval(snippet)) {
            if (e.causeSnippet() != null) {
                continue;
            }
            if (e.status() == Snippet.Status.REJECTED) {
                String why = shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                failure = "rejected: " + firstLine(snippet.strip()) + " (" + why + ")";
            } else if (e.exception() != null) {
                var ex = e.exception();
                String type = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
                failure = type + ": " + ex.getMessage() + " in: " + firstLine(snippet.strip());
            }
        }
        return failure;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    /** The test class path (surefire keeps the real one in {@code surefire.test.class.path} when it starts from a manifest jar). */
    static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        var out = new ArrayList<String>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(e);
            }
        }
        return out;
    }
}
