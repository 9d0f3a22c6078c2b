package dev.makemore.docs;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number tables of the chapters and the numbers in their text.
 *
 * <p>A number table is the Markdown table right after a line {@code <!-- numbers: ID -->}. Its first
 * column names the rows; a column whose header starts with "lecture" (in {@code zh/}: "讲座") holds
 * the lecture's numbers, every other column this project's.
 */
final class Tables {
    private Tables() {
    }

    static final Pattern TAG = Pattern.compile("^<!-- numbers: ([a-z0-9-]+) -->\\s*$");
    /**
     * A number: digits with optional thousands commas or underscores, optional decimals and exponent,
     * not glued to a letter or digit before it (so {@code W1} or {@code log10} hold none).
     */
    static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\d_.])[-+\u2212]?(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:_\\d{3})*)(?:\\.\\d+)*(?:e[-+]?\\d+)?(?![\\p{L}\\d])");

    record Table(String id, Path page, int line, List<String> header, List<List<String>> rows) {
        boolean isLectureColumn(int c) {
            String h = header.get(c).strip().toLowerCase();
            return h.startsWith("lecture") || h.startsWith("讲座");
        }

        List<Integer> projectColumns() {
            var out = new ArrayList<Integer>();
            for (int c = 1; c < header.size(); c++) {
                if (!isLectureColumn(c)) {
                    out.add(c);
                }
            }
            return out;
        }

        String where() {
            return Docs.projectRoot().relativize(page) + ":" + line;
        }
    }

    /** The number tables of a page, in order. */
    static List<Table> of(Path page, String text) {
        String[] lines = text.split("\n", -1);
        var out = new ArrayList<Table>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TAG.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int h = i + 1;
            if (h + 1 >= lines.length || !lines[h].startsWith("|") || !lines[h + 1].matches("\\|[\\s:|-]+\\|?\\s*")) {
                throw new IllegalStateException(Docs.projectRoot().relativize(page) + ":" + (i + 1)
                        + ": the numbers tag '" + m.group(1) + "' must be followed at once by a table");
            }
            var header = cells(lines[h]);
            var rows = new ArrayList<List<String>>();
            int r = h + 2;
            while (r < lines.length && lines[r].startsWith("|")) {
                var row = cells(lines[r]);
                if (row.size() != header.size()) {
                    throw new IllegalStateException(Docs.projectRoot().relativize(page) + ":" + (r + 1) + ": "
                            + row.size() + " cells, the header has " + header.size());
                }
                rows.add(row);
                r++;
            }
            out.add(new Table(m.group(1), page, i + 1, header, rows));
            i = r - 1;
        }
        return out;
    }

    /** The cells of a table row, trimmed, with Markdown's escaped pipes restored. */
    static List<String> cells(String line) {
        String s = line.strip();
        if (s.startsWith("|")) {
            s = s.substring(1);
        }
        if (s.endsWith("|")) {
            s = s.substring(0, s.length() - 1);
        }
        var out = new ArrayList<String>();
        for (String c : s.split("(?<!\\\\)\\|", -1)) {
            out.add(c.strip().replace("\\|", "|"));
        }
        return out;
    }

    /** The text of a page without its fenced code blocks, HTML comments and number tables. */
    static String prose(String text) {
        String[] lines = text.split("\n", -1);
        var out = new StringBuilder();
        boolean fence = false;
        boolean table = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                continue;
            }
            if (TAG.matcher(line).matches()) {
                table = true;
                continue;
            }
            if (table && line.startsWith("|")) {
                continue;
            }
            table = false;
            // A link's target (an address, a video moment's &t=SECONDS) is not a number of the text.
            out.append(line.replaceAll("<!--.*?-->", "").replaceAll("\\]\\([^)\\s]*\\)", "]()")).append('\n');
        }
        return out.toString();
    }

    /** The code of every fenced block of a page. */
    static String code(String text) {
        var out = new StringBuilder();
        boolean fence = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
            } else if (fence) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Every number in {@code text}, normalised ({@link #normalise}). */
    static Set<String> numbers(String text) {
        var out = new LinkedHashSet<String>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(normalise(m.group()));
        }
        return out;
    }

    /** A number without sign, thousands separators or a leading {@code +}: {@code 200,000} is {@code 200000}. */
    static String normalise(String number) {
        String s = number.replace(",", "").replace("_", "").replace('\u2212', '-');
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        return s;
    }

    /**
     * Whether a number of the text must be accounted for: decimals (one point) and integers of 1000
     * or more; versions like {@code 0.1.0} and small integers (sizes, counts, layer numbers) are not.
     */
    static boolean significant(String normalised) {
        long dots = normalised.chars().filter(ch -> ch == '.').count();
        if (dots > 1) {
            return false;
        }
        if (dots == 1 || normalised.contains("e")) {
            return true;
        }
        return normalised.length() >= 4;
    }

    /**
     * Whether a quoted cell says what a fresh computation says: the same text around the numbers, integers
     * equal, other numbers within one unit of the quoted cell's last digit (summation order differs
     * from one CPU's vector width to another's, which can move a last rounded digit).
     */
    static boolean agrees(String quoted, String fresh) {
        var q = split(quoted);
        var f = split(fresh);
        if (q.size() != f.size()) {
            return false;
        }
        for (int i = 0; i < q.size(); i++) {
            String a = q.get(i), b = f.get(i);
            boolean numberA = NUMBER.matcher(a).matches(), numberB = NUMBER.matcher(b).matches();
            if (numberA != numberB) {
                return false;
            }
            if (!numberA) {
                if (!a.equals(b)) {
                    return false;
                }
                continue;
            }
            var x = new BigDecimal(a.replace(",", "").replace("_", "").replace('\u2212', '-').replace("+", ""));
            var y = new BigDecimal(b.replace(",", "").replace("_", "").replace('\u2212', '-').replace("+", ""));
            boolean integer = !a.contains(".") && !a.contains("e");
            BigDecimal unit = integer ? BigDecimal.ZERO : BigDecimal.ONE.movePointLeft(x.scale());
            if (x.subtract(y).abs().compareTo(unit) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Text and numbers in turn. */
    private static List<String> split(String s) {
        var out = new ArrayList<String>();
        Matcher m = NUMBER.matcher(s);
        int at = 0;
        while (m.find()) {
            out.add(s.substring(at, m.start()));
            out.add(m.group());
            at = m.end();
        }
        out.add(s.substring(at));
        return out;
    }

    static List<String> list(String... s) {
        return Arrays.asList(s);
    }
}
