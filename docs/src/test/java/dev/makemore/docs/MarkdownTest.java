package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages render well on a code host: relative links and images resolve (anchors included), images
 * have alt text and stay small, every figure is shown and made by {@link FigureMaker}, every English
 * page has its Chinese twin, and the index links every chapter.
 */
class MarkdownTest {
    /** The largest a committed figure may be. */
    static final long MAX_FIGURE_BYTES = 150 * 1024;

    private static final Pattern LINK = Pattern.compile("(!?)\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");

    /** The page's text outside fenced code blocks and inline code. */
    private static String outsideCode(String text) {
        var out = new StringBuilder();
        boolean fence = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (!fence) {
                out.append(line.replaceAll("`[^`]*`", "``")).append('\n');
            }
        }
        return out.toString();
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped (letters of any script kept), spaces to dashes. */
    static String slug(String heading) {
        String s = heading.strip().toLowerCase(Locale.ROOT).replaceAll("`", "");
        s = s.replaceAll("[^\\p{L}\\p{N} _-]", "");
        return s.replace(' ', '-');
    }

    static Set<String> anchors(Path page) {
        var out = new HashSet<String>();
        boolean fence = false;
        for (String line : Docs.read(page).split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
            } else if (!fence && line.startsWith("#")) {
                out.add(slug(line.replaceFirst("^#+", "")));
            }
        }
        return out;
    }

    @Test
    void relativeLinksAndImagesResolve() {
        var problems = new ArrayList<String>();
        int links = 0;
        for (Path page : Docs.allPages()) {
            Matcher m = LINK.matcher(outsideCode(Docs.read(page)));
            while (m.find()) {
                boolean image = !m.group(1).isEmpty();
                String text = m.group(2);
                String target = m.group(3);
                String where = Docs.projectRoot().relativize(page) + ": " + m.group();
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    problems.add(where + ": " + resolved + " does not exist");
                    continue;
                }
                if (anchor != null && !anchors(resolved).contains(anchor)) {
                    problems.add(where + ": no heading with the anchor #" + anchor + " in " + resolved.getFileName());
                }
                if (image) {
                    if (text.isBlank()) {
                        problems.add(where + ": an image needs alt text");
                    }
                    try {
                        if (Files.size(resolved) > MAX_FIGURE_BYTES) {
                            problems.add(where + ": " + Files.size(resolved) / 1024 + " KB, more than "
                                    + MAX_FIGURE_BYTES / 1024);
                        }
                    } catch (IOException e) {
                        problems.add(where + ": " + e);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(links).isGreaterThan(50);
    }

    @Test
    void everyFigureIsShownAndMadeByTheFigureMaker() throws IOException {
        Path figures = Docs.dir().resolve("figures");
        Set<String> files;
        try (Stream<Path> s = Files.list(figures)) {
            files = new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
        var made = new TreeSet<String>();
        FigureMaker.figures().keySet().forEach(n -> made.add(n + ".png"));
        assertThat(files).as("docs/figures holds what FigureMaker draws, nothing else").isEqualTo(made);
        var shown = new TreeSet<String>();
        for (Path page : Docs.englishPages()) {
            Matcher m = LINK.matcher(Docs.read(page));
            while (m.find()) {
                if (!m.group(1).isEmpty() && m.group(3).startsWith("figures/")) {
                    shown.add(m.group(3).substring("figures/".length()));
                }
            }
        }
        assertThat(shown).as("figures shown by the English chapters").isEqualTo(made);
        for (String f : files) {
            byte[] head = Files.readAllBytes(figures.resolve(f));
            assertThat(head).as(f + " is a PNG").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
    }

    @Test
    void everyPageHasItsChineseTwinAndTheIndexLinksEveryChapter() {
        var english = new TreeSet<String>();
        Docs.englishPages().forEach(p -> english.add(p.getFileName().toString()));
        var chinese = new TreeSet<String>();
        Docs.chinesePages().forEach(p -> chinese.add(p.getFileName().toString()));
        assertThat(chinese).isEqualTo(english);
        List<String> chapters = english.stream().filter(n -> n.matches("\\d\\d-.*\\.md")).toList();
        assertThat(chapters).hasSize(8);
        for (String index : List.of("README.md", "zh/README.md")) {
            String text = Docs.read(Docs.dir().resolve(index));
            for (String chapter : chapters) {
                assertThat(text).as(index + " links " + chapter).contains("](" + chapter + ")");
            }
            assertThat(text).contains("](modules.md)");
        }
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(slug("Kaiming He et al., and the gains")).isEqualTo("kaiming-he-et-al-and-the-gains");
        assertThat(slug("5. PyTorch-ifying the code: Linear, BatchNorm1d, Tanh"))
                .isEqualTo("5-pytorch-ifying-the-code-linear-batchnorm1d-tanh");
        assertThat(slug("批量归一化：批次统计量")).isEqualTo("批量归一化批次统计量");
    }
}
