package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.NdArray;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The graph engine behind {@link Tensor#backward()}, as micrograd's {@code Value.backward}: order the
 * graph below the loss topologically, seed the loss's grad, run every op's {@link Backward} from the
 * loss down, and free the graph; and {@link Tensor#graphString()}'s printout. The ops themselves
 * (what each records) live in {@link Tensor} and {@link F}.
 */
final class Graph {
    /** Source of the marks the topological sort leaves on visited tensors (cheaper than a visited set). */
    private static final AtomicInteger EPOCHS = new AtomicInteger();

    private Graph() {
    }

    /**
     * Backpropagates {@code seed}, {@code d loss / d root}, through the graph below {@code root}:
     * afterwards every tensor that requires grad holds its gradient (added to any it already had),
     * intermediate results only if they retain it; the graph is freed unless {@code retainGraph}.
     */
    static void backward(Tensor root, NdArray seed, boolean retainGraph) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward: this tensor ('" + root.op + "', shape " + root.shape() + ") does"
                    + " not require grad and has no graph; was it computed under Grad.disabled(), or from tensors that"
                    + " do not require grad? Call setRequiresGrad(true) on the parameters.");
        }
        List<Tensor> order = topologicalOrder(root, true);
        // A retained grad from an earlier pass must not flow through this one (it would be counted
        // twice): set it aside, run the pass with fresh buffers, and add the new grad to it afterwards.
        NdArray[] retained = null;
        for (int i = 0; i < order.size(); i++) {
            Tensor t = order.get(i);
            if (!t.leaf && t.grad != null) {
                if (retained == null) {
                    retained = new NdArray[order.size()];
                }
                retained[i] = t.grad;
                t.grad = null;
            }
        }
        ArrayMath.axpy(1.0, seed, root.gradBuffer());
        // From the loss down: each tensor's grad is complete before its own backward runs.
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.leaf) {
                continue;
            }
            if (t.grad != null) {
                t.backward.apply(t.grad);
            }
            if (!t.retainsGrad) {
                t.grad = null;
            } else if (retained != null && retained[i] != null) {
                if (t.grad != null) {
                    ArrayMath.axpy(1.0, t.grad, retained[i]);
                }
                t.grad = retained[i];
            }
            if (!retainGraph) {
                t.inputs = null;
                t.backward = null;
                t.freed = true;
            }
        }
    }

    /**
     * Tensors reachable from {@code root}, inputs before the results computed from them; an iterative
     * depth-first search with an explicit stack (recursion would overflow on deep graphs).
     *
     * @param forBackward follow only inputs that require grad, and refuse a graph already freed
     */
    static List<Tensor> topologicalOrder(Tensor root, boolean forBackward) {
        int epoch = EPOCHS.incrementAndGet();
        var order = new ArrayList<Tensor>();
        var stack = new ArrayDeque<Tensor>();
        enter(root, epoch, stack, forBackward);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            Tensor[] in = t.inputs;
            if (in != null && t.cursor < in.length) {
                Tensor next = in[t.cursor++];
                if (next.visitedIn != epoch && (next.requiresGrad || !forBackward)) {
                    enter(next, epoch, stack, forBackward);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    private static void enter(Tensor t, int epoch, ArrayDeque<Tensor> stack, boolean forBackward) {
        if (forBackward && t.freed) {
            throw new IllegalStateException("backward: trying to backward through the graph a second time (or to"
                    + " reach '" + t.op + "' " + t.shape() + " whose graph was already freed by an earlier backward()):"
                    + " the saved values were released. Specify retainGraph=true (backward(true)) on the first"
                    + " backward if you need to backward through the graph a second time, or recompute the forward"
                    + " pass.");
        }
        t.visitedIn = epoch;
        t.cursor = 0;
        stack.push(t);
    }

    /**
     * The graph below {@code root}, one line per tensor, inputs first:
     * {@code #3 matmul (32, 200) float32 <- #1, #2}.
     */
    static String describe(Tensor root) {
        List<Tensor> order = topologicalOrder(root, false);
        var ids = new IdentityHashMap<Tensor, Integer>();
        var sb = new StringBuilder();
        for (Tensor t : order) {
            ids.put(t, ids.size());
            sb.append('#').append(ids.get(t)).append(' ').append(t.op).append(' ').append(t.shape()).append(' ')
                    .append(t.dtype().torchName());
            if (t.requiresGrad) {
                sb.append(" requiresGrad");
            }
            if (t.inputs != null) {
                sb.append(" <-");
                for (int i = 0; i < t.inputs.length; i++) {
                    sb.append(i == 0 ? " #" : ", #").append(ids.get(t.inputs[i]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
