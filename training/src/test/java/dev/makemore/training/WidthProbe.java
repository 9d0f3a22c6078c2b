package dev.makemore.training;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.kernels.Hardware;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The child JVM of {@link VectorWidthsTest}: trains a few stages for a short run at whatever vector
 * width its JVM flags give it, and prints one line per stage with the bits of every step's loss, the
 * samples, and the bytes a step allocated once warmed up; then a line with the width it ran at.
 */
final class WidthProbe {
    /** Steps of a run. */
    static final int STEPS = 1500;
    /** Steps before the allocation count starts. */
    static final int WARM_UP = 300;
    /** Steps per window of the allocation count. */
    static final int WINDOW = 100;

    private WidthProbe() {
    }

    public static void main(String[] args) {
        var trainer = new Trainer(TrainingData.lectureSplits());
        for (String name : args) {
            var stage = Stage.byName(name);
            var bytes = new AllocationCounter();
            var options = new TrainOptions(STEPS, 32, 2147483647L, false, 0);
            var run = trainer.train(stage, options, bytes);
            var losses = new StringBuilder();
            for (float loss : run.losses()) {
                losses.append(Integer.toHexString(Float.floatToRawIntBits(loss))).append(' ');
            }
            var samples = Sampler.sample(run.network(), trainer.data().vocab(), stage.blockSize(), 42, 5);
            System.out.printf("stage %s bytes/step %d losses %s samples %s%n", name, bytes.perStep(), losses.toString().trim(),
                    String.join(",", samples));
        }
        System.out.println("width " + Hardware.vectorBits() + " fma " + Hardware.fma());
    }

    /**
     * Bytes this thread allocated per step, in the quietest window of {@link #WINDOW} steps after the
     * warm-up: compiled code that boxes allocates in every window, while code the JIT has not yet
     * compiled (on a busy machine its compiler thread lags) allocates only in the early ones. A count
     * of bytes, not a time.
     */
    private static final class AllocationCounter implements TrainingObserver {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private long windowStart;
        private long least = Long.MAX_VALUE;

        @Override
        public void afterUpdate(int step, double loss, double learningRate, List<Module> layers, List<Tensor> parameters) {
            if (step >= WARM_UP && (step - WARM_UP) % WINDOW == 0) {
                long now = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                if (step > WARM_UP) {
                    least = Math.min(least, now - windowStart);
                }
                windowStart = now;
            }
        }

        long perStep() {
            return least / WINDOW;
        }
    }
}
