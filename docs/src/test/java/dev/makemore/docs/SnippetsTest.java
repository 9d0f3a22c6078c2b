package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code blocks of the chapters are the marked regions of the sources, character for character
 * (indentation aside). Run with {@code -Ddocs.regenerate=true} to rewrite every tagged block from
 * its region first (then review the diff):
 * <pre>
 * ./mvnw -q -B -pl docs -am test -Ddocs.regenerate=true -Dtest=SnippetsTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SnippetsTest {
    private static Map<String, Snippets.Region> regions;

    @BeforeAll
    static void collect() {
        regions = Snippets.regions();
        if (Boolean.getBoolean("docs.regenerate")) {
            for (Path page : Docs.allPages()) {
                String text = Docs.read(page);
                String fresh = Snippets.regenerate(text, regions);
                if (!fresh.equals(text)) {
                    Docs.write(page, fresh);
                    System.out.println("[docs] rewrote the snippets of " + Docs.projectRoot().relativize(page));
                }
            }
        }
    }

    @Test
    void everyTaggedBlockIsItsRegion() {
        var problems = new ArrayList<String>();
        int checked = 0;
        for (Path page : Docs.allPages()) {
            for (var b : Snippets.blocks(page, Docs.read(page))) {
                var r = regions.get(b.name());
                if (r == null) {
                    problems.add(b.where() + ": no source marks a region '" + b.name() + "' (known: "
                            + new TreeSet<>(regions.keySet()) + ")");
                } else if (!r.code().equals(b.code())) {
                    problems.add(b.where() + ": the block differs from " + Docs.projectRoot().relativize(r.file()) + ":"
                            + r.line() + " (run with -Ddocs.regenerate=true to rewrite it)\n--- source\n" + r.code()
                            + "--- page\n" + b.code());
                }
                checked++;
            }
        }
        assertThat(problems).as("snippets out of date").isEmpty();
        assertThat(checked).as("tagged blocks").isGreaterThan(20);
    }

    @Test
    void everyRegionIsShownInEnglishAndChineseAlike() {
        var shown = new TreeSet<String>();
        var problems = new ArrayList<String>();
        for (Path page : Docs.englishPages()) {
            var english = new ArrayList<String>();
            Snippets.blocks(page, Docs.read(page)).forEach(b -> english.add(b.name()));
            shown.addAll(english);
            Path zh = Docs.chineseOf(page);
            var chinese = new ArrayList<String>();
            Snippets.blocks(zh, Docs.read(zh)).forEach(b -> chinese.add(b.name()));
            if (!english.equals(chinese)) {
                problems.add(zh.getFileName() + ": zh/ shows " + chinese + ", the English page " + english);
            }
        }
        var unused = new TreeSet<>(regions.keySet());
        unused.removeAll(shown);
        assertThat(problems).isEmpty();
        assertThat(unused).as("regions marked in the sources but shown by no chapter (remove the markers or show them)")
                .isEmpty();
    }

    @Test
    void markersParseAsDocumented() {
        String source = String.join("\n", "class A {", "    // docs:" + "begin outer", "    int a;",
                "        // docs:" + "begin inner", "        int b;", "        // docs:" + "end inner",
                "    // docs:" + "end outer", "}");
        var found = Snippets.regions(Path.of("A.java"), source);
        assertThat(found).extracting(Snippets.Region::name).containsExactly("inner", "outer");
        assertThat(found.get(0).code()).isEqualTo("int b;\n");
        assertThat(found.get(1).code()).isEqualTo("int a;\n    int b;\n");
        String page = String.join("\n", "text", "<!-- snippet: outer -->", "```java", "old", "```", "after");
        String fresh = Snippets.regenerate(page, Map.of("outer", found.get(1)));
        assertThat(fresh).isEqualTo(String.join("\n", "text", "<!-- snippet: outer -->", "```java", "int a;",
                "    int b;", "```", "after"));
        assertThat(Snippets.blocks(Path.of(Docs.dir().toString(), "x.md"), fresh).get(0).code())
                .isEqualTo(found.get(1).code());
    }
}
