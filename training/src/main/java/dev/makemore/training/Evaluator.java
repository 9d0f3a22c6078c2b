package dev.makemore.training;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Workspace;
import dev.makemore.training.data.Dataset;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The lecture's {@code split_loss}: the mean cross-entropy over a whole split, in eval mode and
 * without gradient. The split is cut into chunks so memory stays small, and the chunks are shared
 * out over the machine's cores (each thread opens its own no-grad scope, since scopes are
 * thread-confined).
 */
public final class Evaluator implements AutoCloseable {
    /** Rows per chunk: large enough for the kernels to run at speed, small enough to stay in cache-sized pieces. */
    static final int CHUNK = 4096;

    private final ExecutorService pool;
    private final int threads;

    /** An evaluator using every available core. */
    public Evaluator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** An evaluator using {@code threads} threads. */
    public Evaluator(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            var t = new Thread(r, "makemore-eval");
            t.setDaemon(true);
            return t;
        });
    }

    /** Mean loss of {@code network} over {@code data}; the network is left in the mode it was in. */
    public double loss(Network network, Dataset data) {
        try (var mode = network.evalMode()) {
            int n = data.size();
            int chunks = (n + CHUNK - 1) / CHUNK;
            var futures = new ArrayList<Future<Double>>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    double sum = 0;
                    var workspace = new Workspace();
                    try (var off = Grad.disabled()) {
                        for (int c = first; c < chunks; c += threads) {
                            try (var scope = workspace.enter()) {
                                sum += chunkLossSum(network, data, c * CHUNK, Math.min(n, (c + 1) * CHUNK));
                            }
                        }
                    }
                    return sum;
                }));
            }
            double total = 0;
            for (var f : futures) {
                total += f.get();
            }
            return total / n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Sum (not mean) of the losses of rows {@code [from, to)}, so chunks of any size combine exactly. */
    private static double chunkLossSum(Network network, Dataset data, int from, int to) {
        var chunk = data.rows(from, to);
        return F.crossEntropy(network.call(chunk.x()), chunk.y()).item() * chunk.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
