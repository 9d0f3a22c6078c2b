package dev.makemore.training.cli;

import dev.makemore.training.Stage;
import java.util.Iterator;

/** The stage names for help texts ({@code ${COMPLETION-CANDIDATES}}) and shell completion. */
final class StageNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Stage.all().stream().map(Stage::name).iterator();
    }
}
