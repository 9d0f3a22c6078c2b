package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The video a click away: every link to a moment of the lecture falls inside a chapter of the video
 * that {@code docs/video.md} (the video's own chapter table, copied as data) assigns to the page;
 * each chapter page starts with the moment of one of its chapters, each of its sections links its
 * own moment, and the Chinese pages link the same moments.
 */
class VideoLinksTest {
    /** The video's length, 1:55:58: the end of its last chapter. */
    static final int VIDEO_SECONDS = 1 * 3600 + 55 * 60 + 58;

    static final Pattern MOMENT = Pattern.compile("https://www\\.youtube\\.com/watch\\?v=P6sfmUTpUmc&t=(\\d+)\\)");
    private static final Pattern ANY_VIDEO_LINK = Pattern.compile("https?://(www\\.)?(youtube\\.com|youtu\\.be)/[^)\\s]*");
    private static final Pattern WELL_FORMED = Pattern.compile(
            "https://www\\.youtube\\.com/watch\\?v=P6sfmUTpUmc(&t=\\d+)?");
    private static final Pattern PAGE = Pattern.compile("\\]\\(([\\w.-]+\\.md)\\)");

    /** One chapter of the video: where it starts and ends (seconds) and the companion pages that cover it. */
    record Chapter(int start, int end, String title, Set<String> pages) {
        boolean contains(int t) {
            return t >= start && t < end;
        }
    }

    /** The chapter table of {@code docs/video.md}, the rows after {@code <!-- video: chapters -->}. */
    static List<Chapter> chapters() {
        String text = Docs.read(Docs.dir().resolve("video.md"));
        var rows = new ArrayList<String>();
        boolean table = false;
        for (String line : text.split("\n")) {
            if (line.strip().equals("<!-- video: chapters -->")) {
                table = true;
            } else if (table && line.startsWith("|")) {
                if (MOMENT.matcher(line).find()) {
                    rows.add(line);
                }
            } else if (table) {
                break;
            }
        }
        var out = new ArrayList<Chapter>();
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            String[] cells = row.split("(?<!\\\\)\\|");
            int start = start(row);
            int end = i + 1 < rows.size() ? start(rows.get(i + 1)) : VIDEO_SECONDS;
            var pages = new java.util.TreeSet<String>();
            Matcher m = PAGE.matcher(cells[3]);
            while (m.find()) {
                pages.add(m.group(1));
            }
            out.add(new Chapter(start, end, cells[2].strip(), pages));
        }
        return out;
    }

    private static int start(String row) {
        Matcher m = MOMENT.matcher(row);
        if (!m.find()) {
            throw new IllegalStateException("no moment in " + row);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Every moment a page links, in page order. */
    static List<Integer> moments(String text) {
        var out = new ArrayList<Integer>();
        Matcher m = MOMENT.matcher(text);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void theChapterTableIsTheVideosInOrder() {
        var chapters = chapters();
        assertThat(chapters).hasSize(17);
        assertThat(chapters.get(0).start()).isZero();
        for (var c : chapters) {
            assertThat(c.end()).as(c.title()).isGreaterThan(c.start());
            assertThat(c.pages()).as(c.title() + " is covered by some page").isNotEmpty();
            for (String page : c.pages()) {
                assertThat(Docs.dir().resolve(page)).as(c.title() + ": " + page).exists();
            }
        }
        assertThat(chapters.get(2)).isEqualTo(new Chapter(259, 779, "fixing the initial loss", chapters.get(2).pages()));
    }

    @Test
    void everyMomentFallsInsideAChapterOfItsPage() {
        var chapters = chapters();
        var problems = new ArrayList<String>();
        var covered = new java.util.TreeSet<String>();
        chapters.forEach(c -> covered.addAll(c.pages()));
        for (Path page : Docs.englishPages()) {
            String name = page.getFileName().toString();
            if (name.matches("\\d\\d-.*\\.md") && !covered.contains(name)) {
                problems.add(name + ": a chapter no row of video.md assigns");
            }
        }
        for (String name : covered) {
            for (Path page : List.of(Docs.dir().resolve(name), Docs.dir().resolve("zh").resolve(name))) {
                String where = Docs.projectRoot().relativize(page).toString();
                String text = Docs.read(page);
                var moments = moments(text);
                if (moments.isEmpty()) {
                    problems.add(where + ": links no moment of the video");
                    continue;
                }
                int first = moments.get(0);
                if (chapters.stream().noneMatch(c -> c.start() == first && c.pages().contains(name))) {
                    problems.add(where + ": starts with t=" + first + ", not the start of one of its chapters");
                }
                for (int t : moments) {
                    if (chapters.stream().noneMatch(c -> c.contains(t) && c.pages().contains(name))) {
                        problems.add(where + ": t=" + t + " is inside no chapter video.md assigns to " + name);
                    }
                }
                Matcher other = ANY_VIDEO_LINK.matcher(text);
                while (other.find()) {
                    if (!WELL_FORMED.matcher(other.group()).matches()) {
                        problems.add(where + ": a video link not of the form ...watch?v=P6sfmUTpUmc&t=SECONDS: " + other.group());
                    }
                }
                problems.addAll(sectionsWithoutMoment(where, text));
            }
            var english = moments(Docs.read(Docs.dir().resolve(name)));
            var chinese = moments(Docs.read(Docs.dir().resolve("zh").resolve(name)));
            if (!english.equals(chinese)) {
                problems.add("zh/" + name + ": links " + chinese + ", the English page " + english);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The {@code ##} sections (but "Type along") that link no moment before the next heading. */
    static List<String> sectionsWithoutMoment(String where, String text) {
        var out = new ArrayList<String>();
        String heading = null;
        boolean linked = true;
        boolean fence = false;
        for (String line : (text + "\n## end").split("\n")) {
            if (line.startsWith("```")) {
                fence = !fence;
            }
            if (fence) {
                continue;
            }
            if (line.startsWith("## ")) {
                if (!linked) {
                    out.add(where + ": section '" + heading + "' links no moment of the video");
                }
                heading = line.substring(3);
                linked = heading.equals("Type along") || heading.equals("跟着敲") || heading.equals("end");
            } else if (MOMENT.matcher(line).find()) {
                linked = true;
            }
        }
        return out;
    }

    @Test
    void numbersInLinkTargetsAreNotProse() {
        assertThat(Tables.numbers(Tables.prose("▶ [00:10:42](https://www.youtube.com/watch?v=P6sfmUTpUmc&t=6421) and 2.5")))
                .containsExactly("00", "10", "42", "2.5");
    }

    @Test
    void aSectionWithoutAMomentIsFound() {
        String page = "# t\n## one\n▶ [x](https://www.youtube.com/watch?v=P6sfmUTpUmc&t=5)\n## two\ntext\n## Type along\n";
        assertThat(sectionsWithoutMoment("p", page)).containsExactly("p: section 'two' links no moment of the video");
        assertThat(moments(page)).containsExactly(5);
    }
}
