package dev.makemore.core.bench;

import dev.makemore.core.kernels.Kernels;
import dev.makemore.core.kernels.ScalarKernels;
import dev.makemore.core.kernels.VectorKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 matrix multiplication at the lecture's shapes, each in the form it occurs in, vector kernels
 * against the scalar oracle, one thread. The time per call is what JMH reports; {@link BenchmarkTable}
 * turns it into GFLOP/s = {@code 2 * m * k * n / time}.
 *
 * <p>Run: {@code ./mvnw -Pbench -pl core package -DskipTests}, then
 * {@code java --add-modules jdk.incubator.vector -jar core/target/benchmarks.jar} for the table, or
 * {@code java -cp core/target/benchmarks.jar org.openjdk.jmh.Main MatmulBenchmark} for JMH's own output.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Threads(1)
@State(Scope.Thread)
public class MatmulBenchmark {

    /**
     * {@code FORM:m:k:n} with {@code C(m, n) = op(A) . op(B)}: AB is {@code x @ W}, ATB the weight
     * gradient {@code x^T . dout}, ABT the input gradient {@code dout . W^T}. First the 3-layer net of
     * the lecture (embedding 30 -> 200 -> 27), then the 6-layer net (100 wide), then square sizes.
     */
    @Param({
        "AB:32:30:200", "AB:32:200:27", "ATB:30:32:200", "ATB:200:32:27", "ABT:32:27:200", "ABT:32:200:30",
        "AB:32:100:100", "ATB:100:32:100", "ABT:32:100:100",
        "AB:100:100:100", "AB:256:256:256", "ATB:256:256:256", "ABT:256:256:256",
    })
    public String shape;

    /** Which implementation: {@code vector} or {@code scalar}. */
    @Param({"vector", "scalar"})
    public String kernels;

    private Kernels impl;
    private String form;
    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        form = parts[0];
        m = Integer.parseInt(parts[1]);
        k = Integer.parseInt(parts[2]);
        n = Integer.parseInt(parts[3]);
        impl = "scalar".equals(kernels) ? new ScalarKernels() : new VectorKernels();
        var random = new SplittableRandom(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextDouble() - 0.5);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (random.nextDouble() - 0.5);
        }
    }

    @Benchmark
    public float[] matmul() {
        switch (form) {
            case "ATB" -> impl.matmulTransA(a, b, c, m, k, n, false);
            case "ABT" -> impl.matmulTransB(a, b, c, m, k, n, false);
            default -> impl.matmul(a, b, c, m, k, n, false);
        }
        return c;
    }
}
