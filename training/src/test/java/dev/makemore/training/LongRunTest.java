package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A long run stays flat: 200,000 steps of the smallest stage, with the bytes a step allocates and the
 * heap that survives a collection measured near the start and at the end. Neither grows: no graph,
 * workspace or gradient is kept alive from one step to the next. Tagged {@code lecture} (the
 * {@code -Plecture} profile): it trains a whole lecture stage.
 */
@Tag("lecture")
class LongRunTest {
    private static final int STEPS = 200_000;
    /** Steps measured at each end, after a warm-up of as many (the JIT compiles the loop meanwhile). */
    private static final int WINDOW = 10_000;

    /** Records allocation over [from, from + WINDOW) and the live heap at the window's end. */
    private static final class Meter implements TrainingObserver {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final int[] starts;
        final double[] bytesPerStep;
        final long[] liveHeap;
        private long allocatedAtStart;

        Meter(int... starts) {
            this.starts = starts;
            this.bytesPerStep = new double[starts.length];
            this.liveHeap = new long[starts.length];
        }

        @Override
        public void afterUpdate(int step, double loss, double learningRate, List<Module> layers,
                                List<Tensor> parameters) {
            for (int w = 0; w < starts.length; w++) {
                if (step + 1 == starts[w]) {
                    allocatedAtStart = threads.getCurrentThreadAllocatedBytes();
                } else if (step + 1 == starts[w] + WINDOW) {
                    bytesPerStep[w] = (threads.getCurrentThreadAllocatedBytes() - allocatedAtStart) / (double) WINDOW;
                    liveHeap[w] = liveHeap();
                }
            }
        }

        private static long liveHeap() {
            var rt = Runtime.getRuntime();
            long best = Long.MAX_VALUE;
            // The smallest of a few collections' results: what is really kept alive.
            for (int i = 0; i < 3; i++) {
                System.gc();
                best = Math.min(best, rt.totalMemory() - rt.freeMemory());
            }
            return best;
        }
    }

    @Test
    void twoHundredThousandStepsAllocateNoMoreAtTheEndThanNearTheStart() {
        var stage = Stage.all().stream().min((a, b) -> Long.compare(params(a), params(b))).orElseThrow();
        var meter = new Meter(WINDOW, STEPS - WINDOW);
        var run = new Trainer(TrainingData.lectureSplits()).train(stage,
                dev.makemore.training.TrainOptions.lecture().withSteps(STEPS), meter);
        assertThat(run.losses()).hasSize(STEPS);
        double start = meter.bytesPerStep[0];
        double end = meter.bytesPerStep[1];
        System.out.printf("%s: %.1f bytes/step at steps %d-%d, %.1f at %d-%d; live heap %,d then %,d bytes%n",
                stage.name(), start, WINDOW, 2 * WINDOW, end, STEPS - WINDOW, STEPS, meter.liveHeap[0],
                meter.liveHeap[1]);
        // Per step: no more at the end than at the start (a few bytes of slack for the JIT's own noise).
        assertThat(end).isLessThanOrEqualTo(start * 1.05 + 16);
        // Kept alive: the same heap after 190,000 more steps, within 1 MB (a graph of one step is more).
        assertThat(meter.liveHeap[1] - meter.liveHeap[0]).isLessThan(1L << 20);
    }

    private static long params(Stage s) {
        return Network.build(s, 27, new dev.makemore.core.random.Generator(1)).numParameters();
    }
}
