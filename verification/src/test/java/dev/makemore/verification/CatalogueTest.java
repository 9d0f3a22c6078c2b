package dev.makemore.verification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every case of the catalogue: every op and every layer, at every shape listed there. */
class CatalogueTest {
    private static final List<GradCheck.Report> REPORTS = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyOp() {
        return Catalogue.ops().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> record(c.run())));
    }

    @TestFactory
    Stream<DynamicTest> everyLayer() {
        return Catalogue.modules().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> record(c.run())));
    }

    private static synchronized void record(GradCheck.Report r) {
        assertThat(r.entries()).as("entries compared by %s", r.name()).isPositive();
        assertThat(r.worstRatio()).as("%s", r).isLessThanOrEqualTo(1.0);
        REPORTS.add(r);
    }

    @Test
    void caseNamesAreUnique() {
        var all = new ArrayList<Catalogue.Case>();
        all.addAll(Catalogue.ops());
        all.addAll(Catalogue.modules());
        assertThat(all.stream().map(Catalogue.Case::name)).doesNotHaveDuplicates();
        assertThat(all.get(0).toString()).isEqualTo(all.get(0).name());
    }

    /** The worst case of the run, in the build log: how much of PyTorch's tolerance the gradients use. */
    @AfterAll
    static void summary() {
        REPORTS.stream().max((a, b) -> Double.compare(a.worstRatio(), b.worstRatio()))
                .ifPresent(r -> System.out.println("[catalogue] " + REPORTS.size() + " checks; largest fraction of the"
                        + " tolerance used: " + r));
        REPORTS.stream().max((a, b) -> Double.compare(a.worstRelative(), b.worstRelative()))
                .ifPresent(r -> System.out.println("[catalogue] largest relative error: " + r));
        System.out.println("[catalogue] " + Catalogue.opTargets().size() + " op signatures, "
                + Catalogue.moduleTargets().size() + " layers, " + Catalogue.ops().size() + " op cases, "
                + Catalogue.modules().size() + " layer cases");
    }
}
