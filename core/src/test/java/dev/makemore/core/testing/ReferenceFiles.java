package dev.makemore.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Locates the shared reference folder (numbers recorded from PyTorch and CPython, the lecture's
 * printed values) that tests compare against.
 *
 * <p>Lookup order: the system property {@value #PROPERTY} (set by the build to
 * {@code <repository root>/../shared/reference}); then the {@code reference} folder beside the folder
 * of the data file named by {@code MAKEMORE_DATA} ({@code shared/data/names.txt} gives
 * {@code shared/reference}), so a clone anywhere works once the data is named; then every ancestor of
 * the working directory that has a {@code shared/reference} folder, nearest first, so a clone with
 * {@code shared/} beside it works from the IDE too. If none exists the error names every place that was tried: a missing
 * reference is a failure, never a reason to skip.
 */
public final class ReferenceFiles {
    /** System property naming the reference folder. */
    public static final String PROPERTY = "makemore.reference";
    /** Relative path of the folder searched for above the working directory. */
    public static final String RELATIVE = "shared/reference";

    private static volatile Path cached;

    private ReferenceFiles() {
    }

    /** The reference folder, found as described in the class comment (and then remembered). */
    public static Path directory() {
        Path dir = cached;
        if (dir == null) {
            dir = locate(System.getProperty(PROPERTY), System.getenv("MAKEMORE_DATA"),
                    Path.of(System.getProperty("user.dir")));
            cached = dir;
        }
        return dir;
    }

    /**
     * The reference folder for an explicit property value (may be null or blank) and starting
     * directory; exposed so the lookup itself can be tested.
     *
     * @throws IllegalStateException naming each place tried, if none is a folder
     */
    public static Path locate(String propertyValue, Path start) {
        return locate(propertyValue, null, start);
    }

    /**
     * The same, also trying the {@code reference} folder beside the folder of {@code dataFile} (the
     * value of {@code MAKEMORE_DATA}; may be null or blank) before walking up from {@code start}.
     */
    public static Path locate(String propertyValue, String dataFile, Path start) {
        List<Path> tried = new ArrayList<>();
        if (propertyValue != null && !propertyValue.isBlank()) {
            Path p = Path.of(propertyValue).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            tried.add(p);
        }
        if (dataFile != null && !dataFile.isBlank()) {
            Path dataDir = Path.of(dataFile).toAbsolutePath().normalize().getParent();
            if (dataDir != null && dataDir.getParent() != null) {
                Path p = dataDir.resolveSibling("reference");
                if (Files.isDirectory(p)) {
                    return p;
                }
                tried.add(p);
            }
        }
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException("reference folder not found: set -D" + PROPERTY
                + "=<path to shared/reference>, set MAKEMORE_DATA=<path to shared/data/names.txt>, or run from inside"
                + " a checkout with shared/ beside it; tried "
                + tried);
    }

    /**
     * A file in the reference folder.
     *
     * @throws IllegalStateException if it does not exist, naming the full path
     */
    public static Path file(String name) {
        Path p = directory().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("reference file missing: " + p);
        }
        return p;
    }

    /** A JSON reference file parsed by {@link Json}, whose top level is an object. */
    public static Map<String, Object> jsonObject(String name) {
        return Json.object(Json.read(file(name)));
    }
}
