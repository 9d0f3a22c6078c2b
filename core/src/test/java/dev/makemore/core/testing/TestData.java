package dev.makemore.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds names.txt for tests that need the real data set: the {@code MAKEMORE_DATA} variable, else
 * {@code shared/data/names.txt} beside the checkout (how CI and the developers' machines lay it out).
 *
 * <p>The data set is not part of the repository and nothing downloads at test time. So where it is
 * absent, these tests are skipped with a message saying how to provide it, except under CI
 * ({@code CI=true}), where a missing data set is a broken setup and fails the build.
 */
public final class TestData {
    private TestData() {
    }

    /** The names file, or a skipped (locally) / failed (CI) test when there is none. */
    public static Path namesFile() {
        var tried = new ArrayList<Path>();
        String env = System.getenv("MAKEMORE_DATA");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(p);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("data").resolve("names.txt");
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(p);
        }
        String message = "names.txt not found (set MAKEMORE_DATA=/path/to/names.txt); looked at " + shortList(tried);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static String shortList(List<Path> tried) {
        return tried.size() <= 3 ? tried.toString() : tried.subList(0, 3) + " and " + (tried.size() - 3) + " more";
    }
}
