package dev.makemore.autograd;

import dev.makemore.core.NdArray;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Grad#disabled()}: nothing recorded inside, nesting, and confinement to one thread. */
@SuppressWarnings("try")   // scopes are opened for their effect, and some are closed explicitly on purpose
class GradScopeTest {

    private static Tensor param() {
        return Tensor.parameter(NdArray.of(new double[]{1.0, 2.0}));
    }

    @Test
    void nothingIsRecordedInsideAScope() {
        var w = param();
        assertThat(Grad.isEnabled()).isTrue();
        Tensor y;
        try (var off = Grad.disabled()) {
            assertThat(Grad.isEnabled()).isFalse();
            y = w.mul(3).tanh().sum();
        }
        assertThat(Grad.isEnabled()).isTrue();
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.inputs()).isEmpty();
        assertThat(y.isLeaf()).isTrue();
        assertThat(y.item()).isCloseTo(Math.tanh(3) + Math.tanh(6), org.assertj.core.data.Offset.offset(1e-15));
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("backward: this tensor ('sum', shape ()) does not require grad and has no graph; was it"
                        + " computed under Grad.disabled(), or from tensors that do not require grad? Call"
                        + " setRequiresGrad(true) on the parameters.");
        assertThat(w.mul(3).requiresGrad()).isTrue();
    }

    @Test
    void scopesNest() {
        var w = param();
        try (var outer = Grad.disabled()) {
            try (var inner = Grad.disabled()) {
                assertThat(w.add(1).requiresGrad()).isFalse();
            }
            assertThat(Grad.isEnabled()).isFalse();
            assertThat(w.add(1).requiresGrad()).isFalse();
            outer.close();
            assertThat(Grad.isEnabled()).isTrue();
            outer.close();   // idempotent: the try-with-resources close does not re-enable twice
        }
        assertThat(Grad.isEnabled()).isTrue();
        assertThat(w.add(1).requiresGrad()).isTrue();
    }

    @Test
    void anotherThreadKeepsRecording() throws InterruptedException {
        var w = param();
        var recorded = new AtomicBoolean();
        try (var off = Grad.disabled()) {
            var t = new Thread(() -> recorded.set(Grad.isEnabled() && w.mul(2).requiresGrad()));
            t.start();
            t.join();
            assertThat(w.mul(2).requiresGrad()).isFalse();
        }
        assertThat(recorded).isTrue();
    }

    @Test
    void aScopeCannotBeClosedFromAnotherThread() throws InterruptedException {
        var failure = new AtomicReference<Throwable>();
        try (var off = Grad.disabled()) {
            var t = new Thread(() -> {
                try {
                    off.close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "other");
            t.start();
            t.join();
            assertThat(Grad.isEnabled()).isFalse();
        }
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Grad.disabled() scope opened on thread " + Thread.currentThread().getName()
                        + " cannot be closed on thread other");
    }
}
