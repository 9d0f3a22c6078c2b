package dev.makemore.verification;

import dev.makemore.training.testing.TestData;
import dev.makemore.training.data.Names;
import dev.makemore.training.data.Splits;

/**
 * The lecture's data, read once per test JVM: names.txt (found by {@link TestData#namesFile()}, which
 * skips the test locally and fails it under CI when the file is missing), split as the lecture splits
 * it (seed 42, contexts of 3).
 */
final class LectureData {
    private static Splits splits;

    private LectureData() {
    }

    /** The lecture's train / val / test split. */
    static synchronized Splits splits() {
        if (splits == null) {
            try {
                splits = Splits.lecture(Names.read(TestData.namesFile()), 3);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read names.txt: " + e.getMessage(), e);
            }
        }
        return splits;
    }
}
