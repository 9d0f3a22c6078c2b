package dev.makemore.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    /** A small training step: gather, matmul, tanh, matmul, cross-entropy, backward, SGD. */
    private static double step(Tensor c, Tensor w1, Tensor w2, IntArray x, IntArray y) {
        var h = c.index(x).view(x.shape().dim(0), -1).matmul(w1).tanh();
        var loss = F.crossEntropy(h.matmul(w2), y);
        for (var p : new Tensor[] {c, w1, w2}) {
            p.setGrad(null);
        }
        loss.backward();
        for (var p : new Tensor[] {c, w1, w2}) {
            p.sgdStep(0.1);
        }
        return loss.item();
    }

    private static Tensor[] parameters() {
        var g = new Generator(1);
        return new Tensor[] {Tensor.parameter(Tensor.randn(g, 27, 10).data()),
                Tensor.parameter(Tensor.randn(g, 30, 50).data()), Tensor.parameter(Tensor.randn(g, 50, 27).data())};
    }

    private static final IntArray X = IntArray.of(new int[] {0, 0, 5, 0, 5, 13, 5, 13, 13, 13, 13, 1}, 4, 3);
    private static final IntArray Y = IntArray.of(new int[] {5, 13, 13, 1});

    @Test
    void stepsInAWorkspaceComputeExactlyWhatFreshArraysDo() {
        var fresh = parameters();
        var pooled = parameters();
        var workspace = new Workspace();
        for (int i = 0; i < 20; i++) {
            double a = step(fresh[0], fresh[1], fresh[2], X, Y);
            double b;
            try (var scope = workspace.enter()) {
                b = step(pooled[0], pooled[1], pooled[2], X, Y);
            }
            assertThat(b).isEqualTo(a);
        }
        for (int p = 0; p < 3; p++) {
            assertThat(pooled[p].data().toFloatArray()).isEqualTo(fresh[p].data().toFloatArray());
        }
    }

    @Test
    void emptyArraysSkipTheZeroingThatZerosDoesAndArePoisonedOnRequest() {
        var shape = dev.makemore.core.Shape.of(3, 4);
        for (boolean poison : new boolean[] {false, true}) {
            System.setProperty(Workspace.POISON_PROPERTY, Boolean.toString(poison));
            Workspace workspace;
            try {
                workspace = new Workspace();
            } finally {
                System.clearProperty(Workspace.POISON_PROPERTY);
            }
            try (var scope = workspace.enter()) {
                Workspace.empty(DType.FLOAT32, shape).fill(7);
                Workspace.zeros(DType.FLOAT32, shape).fill(7);
            }
            try (var scope = workspace.enter()) {
                // Both arrays held 7 when the last step gave them back.
                var empty = Workspace.empty(DType.FLOAT32, shape);
                var zeros = Workspace.zeros(DType.FLOAT32, shape);
                assertThat(empty.toFloatArray()).as("empty, poison=%s", poison).containsOnly(poison ? Float.NaN : 7f);
                assertThat(zeros.toFloatArray()).as("zeros, poison=%s", poison).containsOnly(0f);
            }
        }
        // Outside a workspace both are fresh zeros.
        assertThat(Workspace.empty(DType.FLOAT64, shape).toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void afterTheFirstStepNoArrayIsCreated() {
        var p = parameters();
        var workspace = new Workspace();
        try (var scope = workspace.enter()) {
            step(p[0], p[1], p[2], X, Y);
        }
        long afterFirst = workspace.arraysCreated();
        assertThat(afterFirst).isPositive();
        for (int i = 0; i < 5; i++) {
            try (var scope = workspace.enter()) {
                step(p[0], p[1], p[2], X, Y);
            }
        }
        assertThat(workspace.arraysCreated()).isEqualTo(afterFirst);
    }

    @Test
    void leafGradientsNeverComeFromTheWorkspace() {
        var p = parameters();
        var workspace = new Workspace();
        NdArray grad;
        try (var scope = workspace.enter()) {
            step(p[0], p[1], p[2], X, Y);
            grad = p[1].grad();
        }
        var kept = grad.copy();
        try (var scope = workspace.enter()) {
            // A step that does not touch p[1]'s grad but takes arrays of every size again.
            step(Tensor.parameter(p[0].data().copy()), Tensor.parameter(p[1].data().copy()),
                    Tensor.parameter(p[2].data().copy()), X, Y);
        }
        assertThat(grad.toFloatArray()).isEqualTo(kept.toFloatArray());
    }

    @Test
    void arraysFromTheWorkspaceAreZeroedAndShaped() {
        var workspace = new Workspace();
        try (var scope = workspace.enter()) {
            var a = Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(4, 5));
            a.fill(7);
        }
        try (var scope = workspace.enter()) {
            var b = Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(2, 10));
            assertThat(b.shape()).isEqualTo(dev.makemore.core.Shape.of(2, 10));
            assertThat(b.toFloatArray()).containsOnly(0f);
            var d = Workspace.zeros(DType.FLOAT64, dev.makemore.core.Shape.of(20));
            assertThat(d.dtype()).isEqualTo(DType.FLOAT64);
        }
        assertThat(workspace.arraysCreated()).isEqualTo(2);
    }

    @Test
    void scopesAreConfinedAndNotReentrant() throws Exception {
        var workspace = new Workspace();
        var scope = workspace.enter();
        assertThatThrownBy(workspace::enter).hasMessageContaining("already in use");
        var failure = new AtomicReference<Throwable>();
        var t = new Thread(() -> {
            try {
                scope.close();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(failure.get()).hasMessageContaining("closed by the thread that entered it");
        // Another thread allocates fresh arrays: the workspace belongs to this thread only.
        var other = new AtomicReference<Long>();
        var u = new Thread(() -> {
            Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(3));
            other.set(workspace.arraysCreated());
        });
        u.start();
        u.join();
        assertThat(other.get()).isZero();
        scope.close();
        scope.close();
        try (var again = workspace.enter()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void anArrayIsLentOncePerStepHoweverOftenItWasReused() {
        // Steps 0 and 1 take one array of 4 floats, step 2 takes two: they must be two arrays, not
        // the one array handed back to the workspace by each earlier step.
        var workspace = new Workspace();
        for (int step = 0; step < 3; step++) {
            try (var scope = workspace.enter()) {
                var a = Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(4));
                if (step == 2) {
                    var b = Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(4));
                    assertThat(a.sharesStorageWith(b)).isFalse();
                }
            }
        }
        assertThat(workspace.arraysCreated()).isEqualTo(2);
    }

    @Test
    void outsideAClosedScopeArraysAreFreshAgain() {
        var workspace = new Workspace();
        try (var scope = workspace.enter()) {
            Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(3));
        }
        long created = workspace.arraysCreated();
        var outside = Workspace.zeros(DType.FLOAT32, dev.makemore.core.Shape.of(5));
        assertThat(outside.size()).isEqualTo(5);
        assertThat(workspace.arraysCreated()).as("arrays the closed workspace created").isEqualTo(created);
    }
}
