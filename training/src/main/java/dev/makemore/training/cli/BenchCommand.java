package dev.makemore.training.cli;

import dev.makemore.core.kernels.Hardware;
import dev.makemore.training.Benchmark;
import dev.makemore.training.TrainOptions;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code makemore bench}: the performance figures in one run (see {@link Benchmark}), with the JVM,
 * processor, vector width and FMA they were measured with, beside the targets for that width and
 * what PyTorch 1.13 does on this kind of machine.
 */
@Command(name = "bench",
        description = {"Measure the step time of every stage (one core), the bytes a step allocates and the",
            "time spent in GC, the loss over the whole training split (every core), and matmul",
            "GFLOP/s at the lecture's shapes; print them beside the targets."},
        footer = {"", "Run it on a quiet machine; compare figures from one run (machines drift).",
            "HotSpot flags stand in for other CPUs: -XX:UseAVX=2 (AVX2), -XX:UseAVX=2",
            "-XX:MaxVectorSize=16 (128 bits, like ARM's NEON), -XX:-UseFMA (no FMA), e.g.",
            "  MAKEMORE_JAVA_OPTS='-XX:UseAVX=2' ./makemore bench --quick",
            "For steady figures give the JVM a fixed, pre-touched heap, as ./makemore does:",
            "  MAKEMORE_JAVA_OPTS='-Xms2g -XX:+AlwaysPreTouch' ./makemore bench",
            "",
            "With --json, stdout holds one JSON object: jvm, cpu, kernels, species",
            "(strings), cores, vector_bits (integers), fma (boolean), train_split_loss_ms,",
            "lecture_training_seconds (numbers), steps (an array of objects: stage,",
            "us_per_step, bytes_per_step, gc_share), matmul (an array of objects: form,",
            "m, k, n, gflops, scalar_gflops).",
            "", "Exit status: 0 ok, 2 bad arguments or input."})
final class BenchCommand extends BaseCommand {
    /** PyTorch 1.13 on this kind of machine, one thread (LECTURE_NUMBERS.md). */
    private static final Map<String, String> PYTORCH = Map.of("batchnorm", "~540", "deep-batchnorm", "~2000",
            "original", "170-270", "fix-softmax", "170-270", "fix-tanh", "170-270", "kaiming", "170-270");

    /**
     * The targets at one vector width (issue 13): step times of the two BatchNorm networks, the loss
     * over the training split, matmul at the lecture's shapes.
     */
    record Targets(int bits, double batchNormUs, double deepBatchNormUs, double trainSplitMs, double matmulGflops) {
        /** The targets for {@code bits}-bit vectors (the narrowest row below 128). */
        static Targets at(int bits) {
            return bits >= 512 ? new Targets(512, 40, 140, 70, 180)
                    : bits >= 256 ? new Targets(256, 60, 200, 100, 80)
                    : new Targets(128, 110, 350, 150, 40);
        }

        String step(String stage) {
            return switch (stage) {
                case "batchnorm" -> "<= " + Format.fixed(batchNormUs, 0);
                case "deep-batchnorm" -> "<= " + Format.fixed(deepBatchNormUs, 0);
                default -> "";
            };
        }
    }

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20000",
            description = "Training steps timed per stage, after a warm-up (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    DataOption data;

    @Option(names = "--quick", description = "Short matmul rounds (0.01 s instead of 0.2 s): rough figures, fast.")
    boolean quick;

    @Mixin
    JsonOption json;

    @Override
    int run() throws Exception {
        Inputs.positive(spec, "--steps", steps);
        var splits = Inputs.load(cli(), data.path, 3);
        var f = new Benchmark(splits, steps, quick ? 0.01 : 0.2).run(cli().stages());
        if (json.requested()) {
            json.print(toJson(f));
        } else {
            print(f);
        }
        return Makemore.OK;
    }

    private void print(Benchmark.Figures f) {
        var o = out();
        var targets = Targets.at(Hardware.vectorBits());
        o.printf(Locale.ROOT, "JVM %s, %s, %d cores, %s kernels%n", f.jvm(), f.cpu(), f.cores(), f.kernels());
        o.printf(Locale.ROOT, "vectors: %d bits (%s), FMA in hardware: %s%n%n", Hardware.vectorBits(),
                Hardware.species(), Hardware.fma() ? "yes" : "no (multiply, then add)");
        o.println("training step, batch 32, one thread");
        o.printf(Locale.ROOT, "  %-16s %10s %10s %12s %8s %12s%n", "stage", "us/step", "target", "bytes/step", "GC",
                "PyTorch 1.13");
        for (var s : f.steps()) {
            o.printf(Locale.ROOT, "  %-16s %10.1f %10s %12.0f %7.1f%% %12s%n", s.stage(), s.usPerStep(),
                    targets.step(s.stage()), s.bytesPerStep(), 100 * s.gcShare(),
                    PYTORCH.getOrDefault(s.stage(), ""));
        }
        o.printf(Locale.ROOT, "%nloss over the training split (%d contexts), BatchNorm network, %d threads: %.1f ms"
                + " (target <= %.0f)%n", f.trainSplitSize(), f.cores(), f.trainSplitLossMs(), targets.trainSplitMs());
        o.printf(Locale.ROOT, "%ntraining time of the whole lecture (%d steps per stage) at these step times: %.0f s"
                + " on one core, about %.0f s on %d (./makemore lecture runs the stages side by side)%n",
                TrainOptions.LECTURE_STEPS, f.lectureTrainingSeconds(),
                f.lectureTrainingSeconds() / Math.min(f.cores(), Math.max(1, f.steps().size())), f.cores());
        o.println();
        o.printf(Locale.ROOT, "matmul, one thread, GFLOP/s (target at %d bits: >= %.0f at the lecture's shapes;"
                + " OpenBLAS here: 67 at 32x30.30x200, 100 at 256^3)%n", targets.bits(), targets.matmulGflops());
        o.printf(Locale.ROOT, "  %-6s %16s %10s %10s%n", "form", "m x k . k x n", "vector", "scalar");
        for (var m : f.matmul()) {
            o.printf(Locale.ROOT, "  %-6s %16s %10.1f %10.1f%n", m.form(), m.m() + "x" + m.k() + "." + m.k() + "x" + m.n(),
                    m.gflops(), m.scalarGflops());
        }
    }

    private static Map<String, Object> toJson(Benchmark.Figures f) {
        var steps = f.steps().stream().map(s -> Json.object("stage", s.stage(), "us_per_step", s.usPerStep(),
                "bytes_per_step", s.bytesPerStep(), "gc_share", s.gcShare())).toList();
        var matmul = f.matmul().stream().map(m -> Json.object("form", m.form(), "m", m.m(), "k", m.k(), "n", m.n(),
                "gflops", m.gflops(), "scalar_gflops", m.scalarGflops())).toList();
        return Json.object("jvm", f.jvm(), "cpu", f.cpu(), "cores", f.cores(), "kernels", f.kernels(),
                "vector_bits", Hardware.vectorBits(), "species", Hardware.species(), "fma", Hardware.fma(),
                "steps", steps,
                "train_split_loss_ms", f.trainSplitLossMs(), "lecture_training_seconds", f.lectureTrainingSeconds(),
                "matmul", matmul);
    }
}
