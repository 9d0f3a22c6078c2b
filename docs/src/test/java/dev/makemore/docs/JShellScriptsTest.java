package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every type-along script runs without error and prints what it says it prints (its {@code //>}
 * lines); every chapter has its script and links to it.
 */
class JShellScriptsTest {

    @TestFactory
    Stream<DynamicTest> everyScriptRunsAndPrintsWhatItSays() {
        return Docs.scripts().stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            Docs.names(); // the script finds names.txt the same way; fail here, with the three ways, if it cannot
            String source = Docs.read(script);
            var expected = JShellScripts.expected(source);
            long start = System.nanoTime();
            var result = JShellScripts.run(script);
            System.out.printf("[docs] %s: %d snippets in %.1f s%n", script.getFileName(), result.snippets(),
                    (System.nanoTime() - start) / 1e9);
            assertThat(result.failure()).as("%s failed; it printed:%n%s", script.getFileName(), result.output()).isNull();
            var missing = new ArrayList<String>();
            for (String line : expected) {
                if (!result.output().contains(line)) {
                    missing.add(line);
                }
            }
            assertThat(missing).as("%s promises these lines (//>) but did not print them; it printed:%n%s",
                    script.getFileName(), result.output()).isEmpty();
            assertThat(expected).as("%s states what it prints (//> lines)", script.getFileName()).hasSizeGreaterThan(2);
            // The chapter's notebook is this run, cell by cell: rewritten with -Ddocs.regenerate=true, else compared.
            String notebook = Notebooks.json(script, result.cells());
            Path file = Notebooks.of(script);
            if (Boolean.getBoolean("docs.regenerate")) {
                java.nio.file.Files.createDirectories(file.getParent());
                Docs.write(file, notebook);
            } else {
                assertThat(java.nio.file.Files.exists(file)).as("%s exists (-Ddocs.regenerate=true writes it)", file).isTrue();
                assertThat(Docs.read(file)).as("%s is what %s prints now (-Ddocs.regenerate=true rewrites it)",
                        Docs.projectRoot().relativize(file), script.getFileName()).isEqualTo(notebook);
            }
        }));
    }

    @Test
    void everyChapterHasItsScriptAndLinksToIt() {
        var problems = new ArrayList<String>();
        List<Path> scripts = Docs.scripts();
        for (Path page : Docs.allPages()) {
            String name = page.getFileName().toString();
            if (!name.matches("\\d\\d-.*\\.md")) {
                continue;
            }
            String number = name.substring(0, 2);
            var script = scripts.stream().filter(s -> s.getFileName().toString().startsWith(number + "-")).findFirst();
            if (script.isEmpty()) {
                problems.add(name + ": no script docs/jshell/" + number + "-*.jsh");
                continue;
            }
            String link = (page.getParent().getFileName().toString().equals("zh") ? "../jshell/" : "jshell/")
                    + script.get().getFileName();
            if (!Docs.read(page).contains("](" + link + ")")) {
                problems.add(Docs.projectRoot().relativize(page) + ": does not link to " + link);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(7);
    }
}
