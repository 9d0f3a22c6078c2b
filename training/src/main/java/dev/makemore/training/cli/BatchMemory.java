package dev.makemore.training.cli;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Workspace;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import java.util.Locale;

/**
 * How much memory a training step needs per example of the minibatch, measured, so that
 * {@code train --batch-size 1000000} is refused before training with the figure and the way to give
 * the JVM more, instead of failing with an {@link OutOfMemoryError} part-way.
 *
 * <p>Refused rather than capped at the split's size: the lecture draws each minibatch with
 * {@code torch.randint}, with replacement, so a batch larger than the split is a legal PyTorch run,
 * and capping it would silently train a different one. PyTorch itself fails such a batch with "not
 * enough memory: you tried to allocate N bytes"; this says so before the first step, and how to fix it.
 *
 * <p>The figure is measured, not modelled: one forward and backward pass at two batch sizes, each in a
 * fresh {@link Workspace} (which creates every array of the step once), the difference of the bytes of
 * the arrays created divided by the difference of the sizes. Everything that does not grow with the
 * batch (parameters, their gradients) cancels. The workspace's count, not the bytes the thread
 * allocated: those also hold what the JVM allocates while the kernels are still interpreted (every
 * vector operation, boxed), which depends on what ran before.
 */
final class BatchMemory {
    private static final int SMALL = 64;
    private static final int LARGE = 192;

    private BatchMemory() {
    }

    /** Bytes one more example of the minibatch costs a training step of {@code stage}. */
    static long bytesPerExample(Stage stage, int vocabSize) {
        var network = Network.build(stage, vocabSize, new Generator(0));
        network.train();
        long small = stepBytes(stage, network, SMALL);
        long large = stepBytes(stage, network, LARGE);
        // Index arrays of the minibatch (contexts and targets) come on top of the measured step.
        return Math.max(0, (large - small) / (LARGE - SMALL)) + 4L * (stage.blockSize() + 2);
    }

    private static long stepBytes(Stage stage, Network network, int batch) {
        var x = IntArray.of(new int[batch * stage.blockSize()], batch, stage.blockSize());
        var y = IntArray.of(new int[batch]);
        var workspace = new Workspace();
        try (var scope = workspace.enter()) {
            F.crossEntropy(network.forward(x), y).backward();
        }
        return workspace.bytesCreated();
    }

    /**
     * Null when a step of {@code batchSize} examples fits in the heap this JVM may still use, its
     * {@code maxMemory} less the {@code used} bytes, with a quarter of that to spare (for the collector
     * and the rest of the run); else the message saying how much it needs and how to give the JVM more.
     */
    static String tooLarge(int batchSize, long bytesPerExample, long maxMemory, long used) {
        if (bytesPerExample <= 0) {
            return null;
        }
        long need = bytesPerExample * batchSize;
        long usable = Math.max(0, maxMemory - used) / 4 * 3;
        if (need <= usable) {
            return null;
        }
        long fits = Math.max(1, usable / bytesPerExample);
        // -Xmx for the step, what is already in use, and the spare quarter, in whole gigabytes.
        long gigabytes = Math.max(1, (long) Math.ceil((need / 3.0 * 4 + used) / (1L << 30)));
        return String.format(Locale.ROOT, "--batch-size %d needs about %s for one training step (%,d bytes per"
                        + " example), more than the %s this JVM can still use: give it more memory with"
                        + " MAKEMORE_JAVA_OPTS=-Xmx%dg, or use a --batch-size of at most %d", batchSize, size(need),
                bytesPerExample, size(usable), gigabytes, fits);
    }

    /** Bytes as MB or GB, one decimal. */
    static String size(long bytes) {
        double mb = bytes / (double) (1L << 20);
        return mb < 1024 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
    }
}
