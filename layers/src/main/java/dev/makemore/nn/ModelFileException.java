package dev.makemore.nn;

import java.nio.file.Path;

/**
 * A model file could not be written or read, or does not fit the model: the message names the file
 * and says exactly what is wrong ({@code missing key '3.weight'}, {@code checksum mismatch},
 * {@code truncated file}, ...), so that {@code makemore sample --model FILE} can print it instead of a
 * stack trace. Checked, because a bad file is an expected condition callers must handle.
 */
public final class ModelFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}; the message is {@code "<file>: <problem>"}. */
    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file} caused by {@code cause} (an I/O error). */
    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
