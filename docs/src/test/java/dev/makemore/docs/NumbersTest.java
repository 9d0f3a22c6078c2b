package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every number the chapters quote is true: this project's are recomputed here ({@link Quotes}, from
 * short runs of {@link ProjectRuns}), the lecture's are found in the repository's
 * {@code reference/LECTURE_NUMBERS.md} (the project's own record of them, each with its source), the
 * Chinese pages quote what the English ones do, and a number in the text outside the tables must be
 * one of those (or appear in the page's code).
 */
class NumbersTest {
    /**
     * Numbers the text may use though no table or reference file holds them, each with its reason.
     * Keep this short: a number that matters belongs in a table.
     */
    static final Map<String, String> ALLOWED = Map.of();

    private static List<Tables.Table> englishTables() {
        var out = new ArrayList<Tables.Table>();
        for (Path p : Docs.englishPages()) {
            out.addAll(Tables.of(p, Docs.read(p)));
        }
        return out;
    }

    private static Set<String> referenceNumbers() {
        var out = new HashSet<String>();
        out.addAll(Tables.numbers(Docs.read(Docs.reference("LECTURE_NUMBERS.md"))));
        return out;
    }

    @Test
    void thisProjectsNumbersAreRecomputed() {
        var problems = new ArrayList<String>();
        var seen = new HashMap<String, Set<String>>();
        int cells = 0;
        for (var t : englishTables()) {
            var projectColumns = t.projectColumns();
            var rows = seen.computeIfAbsent(t.id(), k -> new HashSet<>());
            if (projectColumns.isEmpty()) {
                continue;
            }
            var registered = Quotes.tables().get(t.id());
            if (registered == null) {
                problems.add(t.where() + ": no computation for table '" + t.id() + "' in Quotes");
                continue;
            }
            for (var row : t.rows()) {
                String label = row.get(0);
                rows.add(label);
                var compute = registered.rows.get(label);
                if (compute == null) {
                    problems.add(t.where() + ": table '" + t.id() + "': no computation for row '" + label + "' (known: "
                            + registered.rows.keySet() + ")");
                    continue;
                }
                List<String> fresh = compute.get();
                if (fresh.size() != projectColumns.size()) {
                    problems.add(t.where() + ": row '" + label + "': " + projectColumns.size() + " columns, Quotes computes "
                            + fresh.size());
                    continue;
                }
                for (int k = 0; k < fresh.size(); k++) {
                    String quoted = row.get(projectColumns.get(k));
                    cells++;
                    if (!Tables.agrees(quoted, fresh.get(k))) {
                        problems.add(t.where() + ": table '" + t.id() + "', row '" + label + "', column '"
                                + t.header().get(projectColumns.get(k)) + "': the page says " + quoted
                                + ", this project computes " + fresh.get(k));
                    }
                }
            }
        }
        for (var e : Quotes.tables().entrySet()) {
            var shown = seen.getOrDefault(e.getKey(), Set.of());
            for (String label : e.getValue().rows.keySet()) {
                if (!shown.contains(label)) {
                    problems.add("Quotes computes row '" + label + "' of table '" + e.getKey() + "', which no page shows");
                }
            }
        }
        problems.forEach(System.out::println);
        assertThat(problems).isEmpty();
        assertThat(cells).isGreaterThan(100);
    }

    @Test
    void everyLectureCellQuotesItsOwnPlaceInTheReference() {
        var expected = LectureQuotes.tables();
        var problems = new ArrayList<String>();
        var shown = new HashSet<String>();
        int cells = 0;
        for (var t : englishTables()) {
            var lectureColumns = new ArrayList<Integer>();
            for (int c = 1; c < t.header().size(); c++) {
                if (t.isLectureColumn(c)) {
                    lectureColumns.add(c);
                }
            }
            if (lectureColumns.isEmpty()) {
                continue;
            }
            for (var row : t.rows()) {
                String label = row.get(0);
                List<String> want = expected.getOrDefault(t.id(), Map.of()).get(label);
                if (want == null && t.id().startsWith("long-run-")) {
                    want = LectureQuotes.longRun(label);
                }
                shown.add(t.id() + "/" + label);
                if (want == null) {
                    problems.add(t.where() + ": table '" + t.id() + "', row '" + label + "': LectureQuotes says nothing"
                            + " of what the lecture's columns must hold");
                    continue;
                }
                if (want.size() != lectureColumns.size()) {
                    problems.add(t.where() + ": table '" + t.id() + "', row '" + label + "': " + lectureColumns.size()
                            + " lecture columns, LectureQuotes has " + want.size());
                    continue;
                }
                for (int k = 0; k < want.size(); k++) {
                    String quoted = row.get(lectureColumns.get(k));
                    cells++;
                    if (!quoted.equals(want.get(k))) {
                        problems.add(t.where() + ": table '" + t.id() + "', row '" + label + "', column '"
                                + t.header().get(lectureColumns.get(k)) + "': the page says " + quoted
                                + ", the reference " + want.get(k));
                    }
                }
            }
        }
        expected.forEach((table, rows) -> rows.keySet().stream().filter(r -> !shown.contains(table + "/" + r))
                .forEach(r -> problems.add("LectureQuotes has row '" + r + "' of table '" + table
                        + "', which no page shows")));
        String reference = Docs.read(Docs.reference("LECTURE_NUMBERS.md"));
        var stated = Tables.numbers(reference.substring(reference.indexOf(LectureQuotes.STATED_IN_WORDS)));
        for (String words : LectureQuotes.SPOKEN) {
            if (!stated.containsAll(Tables.numbers(words))) {
                problems.add("the spoken '" + words + "' is not in LECTURE_NUMBERS.md's section '"
                        + LectureQuotes.STATED_IN_WORDS + "'");
            }
        }
        problems.forEach(System.out::println);
        assertThat(problems).isEmpty();
        assertThat(cells).isGreaterThan(140);
    }

    @Test
    void theChinesePagesQuoteTheSameNumbers() {
        var problems = new ArrayList<String>();
        for (Path en : Docs.englishPages()) {
            Path zh = Docs.chineseOf(en);
            var english = Tables.of(en, Docs.read(en));
            var chinese = Tables.of(zh, Docs.read(zh));
            if (english.size() != chinese.size()) {
                problems.add(zh.getFileName() + ": " + chinese.size() + " number tables, the English page has "
                        + english.size());
                continue;
            }
            for (int i = 0; i < english.size(); i++) {
                var a = english.get(i);
                var b = chinese.get(i);
                if (!a.id().equals(b.id()) || a.rows().size() != b.rows().size()
                        || a.header().size() != b.header().size()) {
                    problems.add(b.where() + ": table '" + b.id() + "' does not match '" + a.id() + "' of the English page"
                            + " (same id, same rows and columns expected)");
                    continue;
                }
                for (int c = 1; c < a.header().size(); c++) {
                    if (a.isLectureColumn(c) != b.isLectureColumn(c)) {
                        problems.add(b.where() + ": column " + c + " is the lecture's on one page only");
                    }
                }
                for (int r = 0; r < a.rows().size(); r++) {
                    var ra = a.rows().get(r).subList(1, a.header().size());
                    var rb = b.rows().get(r).subList(1, b.header().size());
                    for (int c = 0; c < ra.size(); c++) {
                        var na = List.copyOf(Tables.numbers(ra.get(c)));
                        var nb = List.copyOf(Tables.numbers(rb.get(c)));
                        if (!na.equals(nb)) {
                            problems.add(b.where() + ": row " + (r + 1) + " cell " + (c + 2) + " says " + rb.get(c)
                                    + ", the English page " + ra.get(c));
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyNumberInTheTextIsAccountedFor() {
        var reference = referenceNumbers();
        var problems = new ArrayList<String>();
        for (Path en : Docs.englishPages()) {
            String english = Docs.read(en);
            for (Path page : List.of(en, Docs.chineseOf(en))) {
                String text = Docs.read(page);
                var known = new HashSet<>(reference);
                known.addAll(ALLOWED.keySet());
                for (String source : List.of(english, text)) {
                    for (var t : Tables.of(page, source)) {
                        t.rows().forEach(r -> r.forEach(c -> known.addAll(Tables.numbers(c))));
                        t.header().forEach(c -> known.addAll(Tables.numbers(c)));
                    }
                    known.addAll(Tables.numbers(Tables.code(source)));
                }
                var unknown = new TreeSet<String>();
                for (String n : Tables.numbers(Tables.prose(text))) {
                    if (Tables.significant(n) && !known.contains(n)) {
                        unknown.add(n);
                    }
                }
                if (!unknown.isEmpty()) {
                    problems.add(Docs.projectRoot().relativize(page) + ": " + unknown
                            + " appear in the text but in no number table, code block, reference file or allow-list");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void cellsAgreeAsDocumented() {
        assertThat(Tables.agrees("60.95%", "60.95%")).isTrue();
        assertThat(Tables.agrees("60.95%", "60.96%")).isTrue();
        assertThat(Tables.agrees("60.95%", "60.97%")).isFalse();
        assertThat(Tables.agrees("182625", "182626")).isFalse();
        assertThat(Tables.agrees("2.641e-03", "2.642e-03")).isTrue();
        assertThat(Tables.agrees("2.641e-03", "2.643e-03")).isFalse();
        assertThat(Tables.agrees("-0.00", "+0.00")).isTrue();
        assertThat(Tables.agrees("-20.4 and 22.1", "-20.4 and 22.1")).isTrue();
        assertThat(Tables.agrees("-20.4 and 22.1", "-20.4 or 22.1")).isFalse();
        assertThat(Tables.agrees("carpah. ed.", "carpah. ed.")).isTrue();
        assertThat(Tables.numbers("W1 *= 0.2, log10 ratio -3.10, 200,000 steps, 100_000, 1e-5"))
                .containsExactly("0.2", "3.10", "200000", "100000", "1e-5");
    }
}
