package dev.makemore.core.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link MatmulBenchmark} through JMH and prints GFLOP/s per shape, vector next to scalar, with
 * OpenBLAS's single-core figures on this machine class where they were measured.
 *
 * <p>The one command, from the repository root:
 * <pre>
 *   ./mvnw -Pbench -pl core package -DskipTests &amp;&amp; java --add-modules jdk.incubator.vector -jar core/target/benchmarks.jar
 * </pre>
 * Options: {@code --quick} (3 x 0.5 s warm-up and measurement instead of 5 x 1 s), {@code --vector-only},
 * {@code --all} (also {@link KernelsBenchmark}, reported in ns per call), {@code --gc} (JMH's allocation
 * profiler: bytes per call, the sign of the Vector API's boxed fallback), and {@code --width W} with W
 * one of 512, 256 ({@code -XX:UseAVX=2}: AVX2), 128 ({@code -XX:UseAVX=2 -XX:MaxVectorSize=16}: like
 * ARM's NEON), nofma ({@code -XX:-UseFMA}), a comma-separated list of them, or all: one table per
 * width, the flags appended to the forks' (x86 flags; they stand in for other CPUs on an AVX-512 one). Each benchmark runs in its own
 * forked JVM with {@code --add-modules jdk.incubator.vector -Xms1g -Xmx1g -XX:+AlwaysPreTouch}, one thread.
 */
public final class BenchmarkTable {
    /** OpenBLAS sgemm, one thread, measured on the project's 2-core AMD EPYC (AVX-512) machines. */
    private static final Map<String, String> OPENBLAS = Map.of("AB:32:30:200", "67", "AB:256:256:256", "100");

    private BenchmarkTable() {
    }

    /** The HotSpot flags that narrow the vectors to a width, standing in for other CPUs (x86 flags). */
    private static final Map<String, List<String>> WIDTHS = new LinkedHashMap<>();

    static {
        WIDTHS.put("512", List.of());
        WIDTHS.put("256", List.of("-XX:UseAVX=2"));
        WIDTHS.put("128", List.of("-XX:UseAVX=2", "-XX:MaxVectorSize=16"));
        WIDTHS.put("nofma", List.of("-XX:-UseFMA"));
    }

    public static void main(String[] args) throws RunnerException {
        List<String> flags = List.of(args);
        List<String> widths = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--width")) {
                widths.addAll(args[i + 1].equals("all") ? WIDTHS.keySet() : List.of(args[i + 1].split(",")));
            }
        }
        if (widths.isEmpty()) {
            widths.add("default");
        }
        for (String width : widths) {
            List<String> jvm = width.equals("default") ? List.of() : WIDTHS.get(width);
            if (jvm == null) {
                throw new IllegalArgumentException("--width: expected 512, 256, 128, nofma or all, got " + width);
            }
            run(flags, width, jvm);
        }
    }

    /** One table: the benchmarks in forks with {@code jvm} appended to their flags. */
    private static void run(List<String> flags, String width, List<String> jvm) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(MatmulBenchmark.class.getName());
        if (!jvm.isEmpty()) {
            options.jvmArgsAppend(jvm.toArray(String[]::new));
        }
        if (flags.contains("--all")) {
            options.include(KernelsBenchmark.class.getName());
        }
        if (flags.contains("--vector-only")) {
            options.param("kernels", "vector");
        }
        if (flags.contains("--gc")) {
            options.addProfiler(GCProfiler.class);
        }
        if (flags.contains("--quick")) {
            options.warmupIterations(3).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, double[]> matmul = new LinkedHashMap<>(); // shape -> {vector ns, scalar ns, vector B/op}
        Map<String, double[]> others = new LinkedHashMap<>();
        for (RunResult r : results) {
            String impl = r.getParams().getParam("kernels");
            int slot = "vector".equals(impl) ? 0 : 1;
            double ns = r.getPrimaryResult().getScore();
            var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            String label = r.getParams().getBenchmark();
            double[] row;
            if (label.endsWith(".matmul")) {
                row = matmul.computeIfAbsent(r.getParams().getParam("shape"),
                        s -> new double[] {Double.NaN, Double.NaN, Double.NaN});
            } else {
                row = others.computeIfAbsent(label.substring(label.lastIndexOf('.') + 1),
                        s -> new double[] {Double.NaN, Double.NaN, Double.NaN});
            }
            row[slot] = ns;
            if (slot == 0 && alloc != null) {
                row[2] = alloc.getScore();
            }
        }

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-5s %-13s %12s %14s %14s %9s %10s %9s",
                "form", "m x k x n", "vector ns", "vector GFLOP/s", "scalar GFLOP/s", "speed-up", "OpenBLAS", "B/op"));
        for (var e : matmul.entrySet()) {
            String[] p = e.getKey().split(":");
            double flops = 2.0 * Integer.parseInt(p[1]) * Integer.parseInt(p[2]) * Integer.parseInt(p[3]);
            double vector = e.getValue()[0];
            double scalar = e.getValue()[1];
            lines.add(String.format(Locale.ROOT, "%-5s %-13s %12.0f %14.1f %14.1f %8.0fx %10s %9.0f",
                    p[0], p[1] + "x" + p[2] + "x" + p[3], vector, flops / vector, flops / scalar, scalar / vector,
                    OPENBLAS.getOrDefault(e.getKey(), ""), e.getValue()[2]));
        }
        if (!others.isEmpty()) {
            lines.add("");
            lines.add(String.format(Locale.ROOT, "%-24s %12s %12s %9s %9s", "kernel", "vector ns", "scalar ns", "speed-up",
                    "B/op"));
            for (var e : others.entrySet()) {
                lines.add(String.format(Locale.ROOT, "%-24s %12.0f %12.0f %8.1fx %9.0f",
                        e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[1] / e.getValue()[0], e.getValue()[2]));
            }
        }
        System.out.println();
        System.out.println("== vectors: " + width + (jvm.isEmpty() ? "" : " (" + String.join(" ", jvm) + ")"));
        System.out.println("GFLOP/s = 2*m*k*n / (average time per call), float32, one thread;"
                + " B/op: bytes allocated per call (--gc; NaN without it)");
        lines.forEach(System.out::println);
    }
}
