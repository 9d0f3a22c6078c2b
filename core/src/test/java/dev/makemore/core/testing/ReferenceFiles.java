package dev.makemore.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Locates the repository's {@code reference/} folder: what PyTorch 1.13 and CPython printed for given
 * seeds ({@code rng_vectors.json}) and the lecture's numbers ({@code LECTURE_NUMBERS.md}), the figures
 * the tests compare against. The folder is part of the repository (its {@code README.md} says where each
 * file comes from and how to regenerate it), so every clone carries it.
 *
 * <p>Lookup order: the system property {@value #PROPERTY} (the build sets it to the repository's
 * {@code reference} folder); then every ancestor of the working directory, nearest first, that has a
 * {@code reference/rng_vectors.json} (so a test started from an IDE in any module finds it too). If none
 * exists the error names every place that was tried: a missing reference is a failure, never a reason
 * to skip.
 */
public final class ReferenceFiles {
    /** System property naming the reference folder. */
    public static final String PROPERTY = "makemore.reference";
    /** The folder's name at the repository root. */
    public static final String FOLDER = "reference";
    /** A file every reference folder holds; it tells the repository's folder from any other "reference". */
    static final String MARKER = "rng_vectors.json";

    private static volatile Path cached;

    private ReferenceFiles() {
    }

    /** The reference folder, found as described in the class comment (and then remembered). */
    public static Path directory() {
        Path dir = cached;
        if (dir == null) {
            dir = locate(System.getProperty(PROPERTY), Path.of(System.getProperty("user.dir")));
            cached = dir;
        }
        return dir;
    }

    /**
     * The reference folder for an explicit property value (may be null or blank) and starting
     * directory; exposed so the lookup itself can be tested.
     *
     * @throws IllegalStateException naming each place tried, if none holds the reference files
     */
    public static Path locate(String propertyValue, Path start) {
        List<Path> tried = new ArrayList<>();
        if (propertyValue != null && !propertyValue.isBlank()) {
            Path p = Path.of(propertyValue).toAbsolutePath().normalize();
            if (Files.isRegularFile(p.resolve(MARKER))) {
                return p;
            }
            tried.add(p);
        }
        for (Path d = start.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(FOLDER);
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException("reference folder not found (it is reference/ at the repository's root,"
                + " holding " + MARKER + "): run the tests from inside a clone, or set -D" + PROPERTY
                + "=<path to reference>; tried " + tried);
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
