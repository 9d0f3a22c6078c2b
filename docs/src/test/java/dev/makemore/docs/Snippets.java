package dev.makemore.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The code the chapters show, taken from the compiled sources so that it never rots.
 *
 * <p>In a Java source, a region is the lines between {@code // docs:begin NAME} and
 * {@code // docs:end NAME} (each marker alone on its line; regions may nest, inner markers are left
 * out). In a chapter, the fenced code block right after the line {@code <!-- snippet: NAME -->} shows
 * region NAME. Both are compared with their common indentation removed and trailing blanks trimmed.
 */
final class Snippets {
    private Snippets() {
    }

    static final String BEGIN = "// docs:" + "begin ";
    static final String END = "// docs:" + "end ";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Pattern TAG = Pattern.compile("^<!-- snippet: ([a-z0-9-]+) -->\\s*$");

    /** A marked region of a source file. */
    record Region(String name, Path file, int line, String code) {
    }

    /** The source folders searched for regions: every module's main code, and the docs module's own examples. */
    static List<Path> sourceRoots() {
        Path root = Docs.projectRoot();
        var roots = new ArrayList<Path>();
        for (String module : List.of("core", "autograd", "layers", "diagnostics", "training", "verification")) {
            roots.add(root.resolve(module).resolve("src/main/java"));
        }
        roots.add(Docs.dir().resolve("src/test/java"));
        return roots.stream().filter(Files::isDirectory).toList();
    }

    /**
     * Every region of every source, by name.
     *
     * @throws IllegalStateException for an unbalanced marker, a bad name or a name used twice
     */
    static Map<String, Region> regions() {
        var out = new LinkedHashMap<String, Region>();
        for (Path root : sourceRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    for (Region r : regions(f, Docs.read(f))) {
                        Region before = out.put(r.name(), r);
                        if (before != null) {
                            throw new IllegalStateException("snippet '" + r.name() + "' is marked twice: " + before.file()
                                    + ":" + before.line() + " and " + r.file() + ":" + r.line());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The regions of one source text. */
    static List<Region> regions(Path file, String text) {
        String[] lines = text.split("\n", -1);
        var open = new LinkedHashMap<String, Integer>();
        var out = new ArrayList<Region>();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith(BEGIN)) {
                String name = name(file, i, t.substring(BEGIN.length()));
                if (open.put(name, i) != null) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": snippet '" + name + "' begins twice");
                }
            } else if (t.startsWith(END)) {
                String name = name(file, i, t.substring(END.length()));
                Integer start = open.remove(name);
                if (start == null) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": snippet '" + name + "' ends but never began");
                }
                var body = new ArrayList<String>();
                for (int k = start + 1; k < i; k++) {
                    String s = lines[k].strip();
                    if (!s.startsWith(BEGIN) && !s.startsWith(END)) {
                        body.add(lines[k]);
                    }
                }
                out.add(new Region(name, file, start + 1, normalise(String.join("\n", body))));
            }
        }
        if (!open.isEmpty()) {
            var e = open.entrySet().iterator().next();
            throw new IllegalStateException(file + ":" + (e.getValue() + 1) + ": snippet '" + e.getKey() + "' never ends");
        }
        return out;
    }

    private static String name(Path file, int line, String raw) {
        String name = raw.strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(file + ":" + (line + 1) + ": bad snippet name '" + name
                    + "' (lower case letters, digits and dashes)");
        }
        return name;
    }

    /** Code with its common indentation removed, trailing blanks trimmed, no leading or trailing empty lines. */
    static String normalise(String code) {
        var lines = new ArrayList<>(Arrays.asList(code.replace("\r\n", "\n").replace("\t", "    ").split("\n", -1)));
        lines.replaceAll(String::stripTrailing);
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isEmpty()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        var out = new StringBuilder();
        for (String l : lines) {
            out.append(l.isEmpty() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    /** A code block of a page that shows a snippet. */
    record Block(String name, Path page, int tagLine, int firstLine, int endLine, String code) {
        /** Where it is, for messages: {@code docs/01-initial-loss.md:42}. */
        String where() {
            return Docs.projectRoot().relativize(page) + ":" + tagLine;
        }
    }

    /**
     * The tagged code blocks of a page, in order.
     *
     * @throws IllegalStateException when a tag is not followed by a fenced block
     */
    static List<Block> blocks(Path page, String text) {
        String[] lines = text.split("\n", -1);
        var out = new ArrayList<Block>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TAG.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int fence = i + 1;
            if (fence >= lines.length || !lines[fence].startsWith("```")) {
                throw new IllegalStateException(Docs.projectRoot().relativize(page) + ":" + (i + 1) + ": the snippet tag '"
                        + m.group(1) + "' must be followed at once by a fenced code block");
            }
            int end = fence + 1;
            while (end < lines.length && !lines[end].startsWith("```")) {
                end++;
            }
            if (end == lines.length) {
                throw new IllegalStateException(Docs.projectRoot().relativize(page) + ":" + (fence + 1)
                        + ": unclosed code block");
            }
            String code = String.join("\n", Arrays.asList(lines).subList(fence + 1, end));
            out.add(new Block(m.group(1), page, i + 1, fence + 1, end, normalise(code)));
            i = end;
        }
        return out;
    }

    /**
     * The page with every tagged block replaced by its region's code (unknown names are left alone).
     */
    static String regenerate(String text, Map<String, Region> regions) {
        String[] lines = text.split("\n", -1);
        var out = new ArrayList<String>();
        for (int i = 0; i < lines.length; i++) {
            out.add(lines[i]);
            Matcher m = TAG.matcher(lines[i]);
            Region r = m.matches() ? regions.get(m.group(1)) : null;
            if (r == null || i + 1 >= lines.length || !lines[i + 1].startsWith("```")) {
                continue;
            }
            out.add(lines[i + 1]);
            int end = i + 2;
            while (end < lines.length && !lines[end].startsWith("```")) {
                end++;
            }
            String code = r.code();
            out.addAll(Arrays.asList(code.substring(0, code.length() - 1).split("\n", -1)));
            i = end - 1;
        }
        return String.join("\n", out);
    }
}
