package dev.makemore.verification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of the catalogue: every op and every layer, at every shape listed there; each case
 * must have differentiated a graph that holds the op it is named after ({@link Catalogue#opNames}).
 */
class CatalogueTest {
    private static final List<GradCheck.Report> REPORTS = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyOp() {
        return Catalogue.ops().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> record(c, c.run())));
    }

    @TestFactory
    Stream<DynamicTest> everyLayer() {
        return Catalogue.modules().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> record(c, c.run())));
    }

    private static synchronized void record(Catalogue.Case c, GradCheck.Report r) {
        assertThat(r.entries()).as("entries compared by %s", r.name()).isPositive();
        assertThat(r.ops()).as("ops in the graph of %s", r.name()).containsAll(Catalogue.opNames(c.target()));
        assertThat(r.worstRatio()).as("%s", r).isLessThanOrEqualTo(1.0);
        REPORTS.add(r);
    }

    @Test
    void opNamesAreTheOpsOfTheTarget() {
        assertThat(Catalogue.opNames("Tensor.add(Tensor)")).containsExactly("add");
        assertThat(Catalogue.opNames("F.crossEntropy(Tensor,IntArray)")).containsExactly("cross_entropy");
        assertThat(Catalogue.opNames("Tensor.logSoftmax(int)")).containsExactly("log_softmax");
        assertThat(Catalogue.opNames("Tensor.std(int,boolean)")).containsExactlyInAnyOrder("var", "sqrt");
        assertThat(Catalogue.opNames("dev.makemore.nn.BatchNorm1d")).containsExactly("batchnorm");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Catalogue.opNames("dev.makemore.nn.Dropout"))
                .hasMessageContaining("no op names for dev.makemore.nn.Dropout");
    }

    @Test
    void aCaseThatDoesNotRunItsOpFails() {
        // A case named after tanh whose function only adds: its graph has no tanh.
        var report = GradCheck.check("Tensor.tanh() that adds", t -> t[0].add(1.0), Values.signed(1, 2, 3));
        assertThat(report.ops()).containsExactlyInAnyOrder("leaf", "add");
        var wrong = new Catalogue.Case("Tensor.tanh()", "that adds", () -> report);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> record(wrong, report))
                .hasMessageContaining("ops in the graph of Tensor.tanh() that adds");
        REPORTS.remove(report);
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
