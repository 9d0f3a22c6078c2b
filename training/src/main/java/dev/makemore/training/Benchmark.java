package dev.makemore.training;

import dev.makemore.core.kernels.Kernels;
import dev.makemore.core.random.Generator;
import dev.makemore.training.data.Splits;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The performance figures of this project, measured in one run: the time of one training step of
 * every stage (one thread), the bytes a step allocates and the share of garbage collection, the
 * loss over the whole training split (every core), and matmul throughput at the lecture's shapes.
 *
 * <p>How: each figure is measured after a warm-up of the same work, so the JIT has compiled it; step
 * times are the mean over many steps (the machine drifts, so compare figures from one run); matmul
 * repeats each shape for rounds of a set length (0.2 s by default) and reports the best of five.
 */
public final class Benchmark {

    /** One stage's step: mean microseconds, bytes allocated per step, share of wall time spent in GC. */
    public record StepFigures(String stage, double usPerStep, double bytesPerStep, double gcShare) {
    }

    /** One matmul shape in one form: {@code C(m,n) = op(A) . op(B)} with inner dimension {@code k}. */
    public record MatmulFigures(String form, int m, int k, int n, double gflops, double scalarGflops) {
    }

    /**
     * Everything, plus where it ran. {@code lectureTrainingSeconds} is what the 200,000 steps of every
     * stage cost at the measured step times (training only; {@code time ./makemore lecture} measures
     * the whole command, evaluation and sampling included).
     */
    public record Figures(String jvm, String cpu, int cores, String kernels, List<StepFigures> steps,
                          double trainSplitLossMs, int trainSplitSize, List<MatmulFigures> matmul,
                          double lectureTrainingSeconds) {
    }

    /** The matmul shapes of the lecture's forward and backward passes (m, k, n and form). */
    static final List<int[]> LECTURE_SHAPES = List.of(
            new int[] {32, 30, 200, 0}, new int[] {32, 200, 27, 0},
            new int[] {30, 32, 200, 1}, new int[] {200, 32, 27, 1},
            new int[] {32, 27, 200, 2}, new int[] {32, 200, 30, 2},
            new int[] {32, 100, 100, 0}, new int[] {100, 32, 100, 1}, new int[] {32, 100, 100, 2},
            new int[] {100, 100, 100, 0}, new int[] {256, 256, 256, 0});

    private final Splits data;
    private final int steps;
    private final double roundSeconds;

    /**
     * A benchmark on {@code data}, timing {@code steps} training steps per stage and each matmul
     * shape in rounds of {@code roundSeconds} (0.2 for steady figures; less for a quick look).
     */
    public Benchmark(Splits data, int steps, double roundSeconds) {
        this.data = data;
        this.steps = steps;
        this.roundSeconds = roundSeconds;
    }

    /** Runs every measurement. */
    public Figures run(List<Stage> stages) {
        var trainer = new Trainer(data);
        var stepFigures = new ArrayList<StepFigures>();
        double lecture = 0;
        for (var stage : stages) {
            var f = step(trainer, stage);
            stepFigures.add(f);
            lecture += f.usPerStep() * TrainOptions.LECTURE_STEPS / 1e6;
        }
        double evalMs = trainSplitLoss(trainer);
        return new Figures(System.getProperty("java.vm.name") + " " + Runtime.version(), cpu(),
                Runtime.getRuntime().availableProcessors(), Kernels.get().name(), stepFigures, evalMs,
                data.train().size(), matmul(), lecture);
    }

    private StepFigures step(Trainer trainer, Stage stage) {
        var options = new TrainOptions(steps, TrainOptions.LECTURE_BATCH_SIZE, Generator.LECTURE_SEED, false, 0);
        trainer.train(stage, options.withSteps(Math.max(100, steps / 4)), null);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long bytes = threads.getThreadAllocatedBytes(id);
        long gc = gcMillis();
        long start = System.nanoTime();
        var run = trainer.train(stage, options, null);
        double wallMs = (System.nanoTime() - start) / 1e6;
        double perStep = (threads.getThreadAllocatedBytes(id) - bytes) / (double) steps;
        return new StepFigures(stage.name(), run.usPerStep(), perStep, (gcMillis() - gc) / wallMs);
    }

    private static long gcMillis() {
        long t = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    /** Milliseconds for the loss over the whole training split of the BatchNorm network, best of five. */
    private double trainSplitLoss(Trainer trainer) {
        var network = trainer.train(Stage.byName("batchnorm"), new TrainOptions(100, 32, 1, false, 0), null).network();
        try (var evaluator = new Evaluator()) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 8; i++) {
                long t = System.nanoTime();
                evaluator.loss(network, data.train());
                best = Math.min(best, (System.nanoTime() - t) / 1e6);
            }
            return best;
        }
    }

    private List<MatmulFigures> matmul() {
        var out = new ArrayList<MatmulFigures>();
        var vector = Kernels.get();
        var scalar = new dev.makemore.core.kernels.ScalarKernels();
        for (int[] s : LECTURE_SHAPES) {
            out.add(new MatmulFigures(new String[] {"A.B", "A^T.B", "A.B^T"}[s[3]], s[0], s[1], s[2],
                    gflops(vector, s, roundSeconds), gflops(scalar, s, roundSeconds)));
        }
        return out;
    }

    /** GFLOP/s of {@code kernels} on one shape: the best of five rounds of about {@code roundSeconds} each. */
    static double gflops(Kernels kernels, int[] shape, double roundSeconds) {
        int m = shape[0], k = shape[1], n = shape[2], form = shape[3];
        var rnd = new SplittableRandom(m * 31L + k * 7L + n);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        double flops = 2.0 * m * k * n;
        int reps = (int) Math.max(1, Math.min(1_000_000, 1e8 * roundSeconds / flops));
        double best = 0;
        for (int round = 0; round < 6; round++) {
            long t = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                switch (form) {
                    case 0 -> kernels.matmul(a, b, c, m, k, n, false);
                    case 1 -> kernels.matmulTransA(a, b, c, m, k, n, false);
                    default -> kernels.matmulTransB(a, b, c, m, k, n, false);
                }
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            if (round > 0) {
                best = Math.max(best, flops * reps / seconds / 1e9);
            }
            reps = (int) Math.max(1, Math.min(1_000_000, reps * roundSeconds / Math.max(seconds, 1e-6)));
        }
        return best;
    }

    /** The processor's model name (Linux), else the architecture. */
    static String cpu() {
        try {
            var lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (var line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + " (" + flags(lines) + ")";
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String flags(List<String> cpuinfo) {
        for (var line : cpuinfo) {
            if (line.startsWith("flags")) {
                var f = Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split(" "));
                return f.contains("avx512f") ? "AVX-512" : f.contains("avx2") ? "AVX2" : "no AVX2";
            }
        }
        return "?";
    }
}
