package dev.makemore.training.data;

/**
 * Bad or missing data, with a message meant for the person running the program: which file, which
 * line, what is wrong, and what to do about it.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error whose message names the file, the line and the reason. */
    public DataException(String message) {
        super(message);
    }

    /** The same, keeping the underlying cause for {@code --debug}. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
