package dev.makemore.training;

import dev.makemore.training.testing.TestData;
import dev.makemore.training.data.Names;
import dev.makemore.training.data.Splits;
import java.io.UncheckedIOException;

/** The lecture's split of the real names, loaded once for all training tests. */
final class TrainingData {
    private TrainingData() {
    }

    private static Splits splits;

    static synchronized Splits lectureSplits() {
        if (splits == null) {
            try {
                splits = Splits.lecture(Names.read(TestData.namesFile()), 3);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            } catch (dev.makemore.training.data.DataException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return splits;
    }
}
