package dev.makemore.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository is self-contained: a reader's clone has no workbench folder beside it, so no file
 * but the CI script may name one. The reference data the tests read live in the repository's own
 * {@code reference/} folder.
 */
class SelfContainedTest {
    /** The workbench folder's name followed by a path separator, spelt so this file does not name it. */
    private static final List<String> FORBIDDEN = List.of("shared" + "/", "shared" + "\\");
    /** Build output, version control, and the one file allowed to name it (CI lays the folder out). */
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules");

    @Test
    void noFileButTheCiScriptNamesTheWorkbenchFolder() throws IOException {
        Path root = Docs.projectRoot();
        var offenders = new ArrayList<String>();
        int read;
        try (Stream<Path> files = Files.walk(root)) {
            var list = files.filter(Files::isRegularFile).filter(p -> !skipped(root, p)).toList();
            read = list.size();
            for (Path p : list) {
                String text = text(p);
                for (String f : FORBIDDEN) {
                    int at = text.indexOf(f);
                    if (at >= 0) {
                        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                        offenders.add(root.relativize(p) + ":" + line);
                    }
                }
            }
        }
        assertThat(offenders).as("files that name the workbench folder (only .ci/run may)").isEmpty();
        assertThat(read).as("files read").isGreaterThan(100);
    }

    @Test
    void theReferenceDataAreInTheRepository() {
        Path reference = Docs.projectRoot().resolve("reference");
        for (String name : List.of("README.md", "rng_vectors.json", "LECTURE_NUMBERS.md", "LECTURE_CHAPTERS.md",
                "tools/rng_vectors.py")) {
            assertThat(reference.resolve(name)).as("reference/" + name).isRegularFile();
        }
        // The README says where each file comes from and how to regenerate it.
        String readme = Docs.read(reference.resolve("README.md"));
        assertThat(readme).contains("rng_vectors.json").contains("LECTURE_NUMBERS.md")
                .contains("python3 reference/tools/rng_vectors.py > reference/rng_vectors.json");
    }

    private static boolean skipped(Path root, Path file) {
        Path rel = root.relativize(file);
        if (rel.toString().replace('\\', '/').equals(".ci/run")) {
            return true;
        }
        for (Path part : rel) {
            String name = part.toString();
            if (SKIPPED_FOLDERS.contains(name) || name.equals("target") || name.startsWith("target-")) {
                return true;
            }
        }
        return false;
    }

    /** A file's text, or "" for binary files (figures), which cannot name a folder. */
    private static String text(Path p) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
                if (bytes[i] == 0) {
                    return "";
                }
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
