package dev.makemore.autograd;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Arrays reused from one training step to the next. Every step of the lecture's loop builds the
 * same graph, so it asks for the same arrays in the same order; inside a workspace scope those come
 * from what the previous step gave back instead of fresh, zeroed heap memory.
 * <pre>
 * var workspace = new Workspace();
 * for (int step = 0; step &lt; steps; step++) {
 *     try (var scope = workspace.enter()) {
 *         // forward, backward, update
 *     }
 * }
 * </pre>
 * The contract: a tensor computed inside a scope is valid until that workspace enters its next
 * scope (so the last step's {@code layer.out} can still be inspected after the loop). Gradients of
 * leaves (parameters) are never taken from the workspace: they outlive the step. Scopes are
 * confined to the thread that entered them, like the no-grad scope; entering a workspace twice
 * without closing is refused.
 *
 * <p>This is the "keep the hot loop from allocating what it could reuse" rule: without it every step
 * of a network allocates and zeroes every intermediate array anew (the bytes allocated per step,
 * which {@code makemore bench} reports, show the difference). An op whose kernel writes every element
 * of its output asks for it with {@link #empty}, as PyTorch's ops use {@code torch.empty}: it then
 * skips zeroing memory it is about to overwrite, some 190 KB a step in the BatchNorm network.
 *
 * <p>Setting the system property {@value #POISON_PROPERTY} (read when a workspace is created) fills
 * every reused {@code empty} array with NaN instead of leaving the previous step's values: a kernel
 * that reads an element of its output before writing it then turns the loss into NaN, which the tests
 * run every stage with to prove that no op relies on stale values.
 */
public final class Workspace {
    private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

    /** Free arrays by type and element count (a view gives each request its shape). */
    private final Map<Long, ArrayDeque<NdArray>> free = new HashMap<>();
    private final ArrayList<NdArray> lent = new ArrayList<>();
    /** The system property that makes new workspaces fill reused {@code empty} arrays with NaN. */
    public static final String POISON_PROPERTY = "makemore.workspace.poison";

    private final boolean poison = Boolean.getBoolean(POISON_PROPERTY);
    private Thread owner;
    private Workspace outer;
    private long created;
    private long bytesCreated;

    /** An empty workspace: its first step allocates, the steps after it reuse. */
    public Workspace() {
    }

    /** Starts a step: until the scope closes, op outputs on this thread come from this workspace. */
    public Scope enter() {
        if (owner != null) {
            throw new IllegalStateException("this workspace is already in use by " + owner.getName()
                    + "; close its scope before entering it again");
        }
        owner = Thread.currentThread();
        outer = CURRENT.get();
        CURRENT.set(this);
        return new Scope(this);
    }

    /** How many arrays this workspace has ever created (after the first step, it should stop growing). */
    public long arraysCreated() {
        return created;
    }

    /** The bytes of element data in the arrays this workspace has ever created. */
    public long bytesCreated() {
        return bytesCreated;
    }

    /**
     * An array of {@code shape}, zeroed: from the workspace open on this thread, else fresh. What
     * every op allocates its outputs with, including fused ops defined in other modules (layers'
     * BatchNorm), under the same contract: valid until the workspace's next step.
     */
    public static NdArray zeros(DType dtype, Shape shape) {
        var ws = CURRENT.get();
        return ws == null ? NdArray.zeros(dtype, shape) : ws.take(dtype, shape, true);
    }

    /**
     * An array of {@code shape} for a caller that writes every element before reading any, as
     * {@code torch.empty}: from the workspace open on this thread it holds whatever the previous step
     * left in it (NaN under {@value #POISON_PROPERTY}), else fresh zeros.
     */
    public static NdArray empty(DType dtype, Shape shape) {
        var ws = CURRENT.get();
        return ws == null ? NdArray.zeros(dtype, shape) : ws.take(dtype, shape, false);
    }

    private NdArray take(DType dtype, Shape shape, boolean zeroed) {
        long key = ((long) shape.size() << 1) | dtype.ordinal();
        var queue = free.get(key);
        NdArray array;
        if (queue == null || queue.isEmpty()) {
            array = NdArray.zeros(dtype, Shape.of(shape.size()));
            created++;
            bytesCreated += (long) shape.size() * dtype.elementSize();
        } else {
            array = queue.poll();
            if (zeroed) {
                // Callers may accumulate into what they get, as a fresh array would allow.
                array.fill(0);
            } else if (poison) {
                array.fill(Double.NaN);
            }
        }
        lent.add(array);
        return array.view(shape);
    }

    private void release() {
        for (var array : lent) {
            long key = ((long) array.size() << 1) | array.dtype().ordinal();
            free.computeIfAbsent(key, k -> new ArrayDeque<>()).add(array);
        }
        lent.clear();
    }

    /** One step's use of a workspace; closing it gives the step's arrays back. */
    public static final class Scope implements AutoCloseable {
        private final Workspace workspace;
        private boolean closed;

        private Scope(Workspace workspace) {
            this.workspace = workspace;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != workspace.owner) {
                throw new IllegalStateException("a workspace scope must be closed by the thread that entered it");
            }
            closed = true;
            CURRENT.set(workspace.outer);
            workspace.outer = null;
            workspace.owner = null;
            workspace.release();
        }
    }
}
