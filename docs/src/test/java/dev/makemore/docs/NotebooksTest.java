package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.testing.Json;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every script has its notebook, which is valid nbformat 4 JSON with the chapter's every figure
 * embedded. (That its cells hold what the script prints now is {@link JShellScriptsTest}'s check.)
 */
class NotebooksTest {

    @Test
    void everyScriptHasANotebookWithItsOutputsAndTheChaptersFigures() throws Exception {
        var problems = new ArrayList<String>();
        for (var script : Docs.scripts()) {
            var file = Notebooks.of(script);
            if (!Files.exists(file)) {
                problems.add(script.getFileName() + ": no notebook " + file.getFileName());
                continue;
            }
            var nb = Json.object(Json.parse(Docs.read(file)));
            assertThat(Json.intValue(nb.get("nbformat"))).isEqualTo(4);
            var cells = Json.array(nb.get("cells"));
            long code = cells.stream().filter(c -> "code".equals(Json.object(c).get("cell_type"))).count();
            long withOutput = cells.stream().filter(c -> "code".equals(Json.object(c).get("cell_type"))
                    && !Json.array(Json.object(c).get("outputs")).isEmpty()).count();
            if (code < 3 || withOutput < 2) {
                problems.add(file.getFileName() + ": " + code + " code cells, " + withOutput + " with output");
            }
            var figures = new ArrayList<String>();
            var m = Pattern.compile("\\]\\(figures/([^)]+\\.png)\\)").matcher(Docs.read(Notebooks.chapter(script)));
            while (m.find()) {
                figures.add(m.group(1));
            }
            var attached = new ArrayList<String>();
            var ids = new java.util.HashSet<Object>();
            for (Object c : cells) {
                var cell = Json.object(c);
                // nbformat 4.5: every cell has an id, unique in its notebook (Jupyter warns, and will refuse, otherwise).
                if (!(cell.get("id") instanceof String id && id.matches("[A-Za-z0-9_-]{1,64}") && ids.add(id))) {
                    problems.add(file.getFileName() + ": a cell without a valid, unique id: " + cell.get("id"));
                }
                if (cell.containsKey("attachments")) {
                    attached.addAll(Json.object(cell.get("attachments")).keySet());
                }
            }
            if (!attached.equals(figures)) {
                problems.add(file.getFileName() + ": embeds " + attached + ", the chapter shows " + figures);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(Notebooks.string("a \"b\"\n\\")).isEqualTo("\"a \\\"b\\\"\\n\\\\\"");
    }
}
