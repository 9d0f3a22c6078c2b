package dev.makemore.autograd;

/**
 * Whether ops record the graph on the current thread: PyTorch's {@code torch.no_grad()}.
 *
 * <p>The lecture wraps everything that is not training in {@code @torch.no_grad()}: calibrating the
 * BatchNorm statistics over the whole training set, the split losses, and sampling names. There no
 * graph is wanted, because it would only cost memory and time. Here the same reads
 * <pre>{@code
 * try (var off = Grad.disabled()) {
 *     var loss = F.crossEntropy(model.call(Xdev), Ydev);   // nothing recorded
 * }
 * }</pre>
 * Scopes nest (recording resumes when the outermost one closes) and are confined to the thread that
 * opened them: another thread keeps recording, as PyTorch's grad mode is thread-local.
 */
public final class Grad {
    /** How many {@link #disabled()} scopes are open on each thread; an {@code int[1]} so it can be bumped in place. */
    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Grad() {
    }

    /** True when ops on this thread record the graph (no {@link #disabled()} scope is open). */
    public static boolean isEnabled() {
        return DISABLED_DEPTH.get()[0] == 0;
    }

    /**
     * Opens a scope in which ops on this thread record nothing: their results have
     * {@code requiresGrad() == false} and no inputs. Close it with try-with-resources.
     */
    public static Scope disabled() {
        int[] depth = DISABLED_DEPTH.get();
        depth[0]++;
        return new Scope(depth, Thread.currentThread());
    }

    /**
     * An open no-grad scope, returned by {@link #disabled()}. Closing it twice is harmless; closing it
     * from another thread is an error, since it would re-enable recording on the wrong thread.
     */
    public static final class Scope implements AutoCloseable {
        private final int[] depth;
        private final Thread owner;
        private boolean closed;

        private Scope(int[] depth, Thread owner) {
            this.depth = depth;
            this.owner = owner;
        }

        /** Ends this scope; recording resumes when no other scope is open on the thread. */
        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("Grad.disabled() scope opened on thread " + owner.getName()
                        + " cannot be closed on thread " + Thread.currentThread().getName());
            }
            if (!closed) {
                closed = true;
                depth[0]--;
            }
        }
    }
}
