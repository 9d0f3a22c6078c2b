package dev.makemore.training.testing;

import dev.makemore.training.data.DataException;
import dev.makemore.training.data.DataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds names.txt for the tests that need the real data set, exactly as the program does
 * ({@link DataSource#system()}): the {@code MAKEMORE_DATA} variable, then the copy in the user's cache
 * folder, then one checksum-checked download into that cache.
 *
 * <p>If none of these works the test fails with the program's own message naming the three ways to
 * provide the file: a build without the data set proves nothing about the lecture's numbers, so it
 * must not pass by skipping them. The one way to leave them out on purpose is the documented
 * {@value #SKIP_PROPERTY} property, which the build then reports (see the README).
 */
public final class TestData {
    /** System property (set through Maven: {@code -Dmakemore.skipDataTests=true}) that turns the data tests off. */
    public static final String SKIP_PROPERTY = "makemore.skipDataTests";

    private static Path names;

    private TestData() {
    }

    /** The names file; aborts the test only when {@value #SKIP_PROPERTY} is set, fails when there is none. */
    public static synchronized Path namesFile() {
        Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY),
                "the data tests are turned off by -D" + SKIP_PROPERTY + "=true");
        if (names == null) {
            try {
                names = DataSource.system().locate(null);
            } catch (DataException e) {
                throw new IllegalStateException("the tests need names.txt: " + e.getMessage(), e);
            }
        }
        return names;
    }
}
