package dev.makemore.core.bench;

import dev.makemore.core.kernels.Kernels;
import dev.makemore.core.kernels.ScalarKernels;
import dev.makemore.core.kernels.UnaryOp;
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
 * The other kernels of one training step at the lecture's sizes, vector against scalar: tanh of the
 * (32, 200) hidden layer and its backward, BatchNorm's mean and variance over the batch (dim 0),
 * softmax and log-softmax of the (32, 27) logits, and the embedding lookup. Run with {@code java -jar
 * core/target/benchmarks.jar --all}, or JMH's runner: {@code java -cp core/target/benchmarks.jar
 * org.openjdk.jmh.Main KernelsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Threads(1)
@State(Scope.Thread)
public class KernelsBenchmark {
    @Param({"vector", "scalar"})
    public String kernels;

    private Kernels impl;
    private final float[] hidden = new float[32 * 200];
    private final float[] out = new float[32 * 200];
    private final float[] grad = new float[32 * 200];
    private final float[] stats = new float[200];
    private final float[] logits = new float[32 * 27];
    private final float[] logProbs = new float[32 * 27];
    private final float[] table = new float[27 * 10];
    private final int[] index = new int[32 * 3];
    private final float[] emb = new float[32 * 3 * 10];

    @Setup
    public void setUp() {
        impl = "scalar".equals(kernels) ? new ScalarKernels() : new VectorKernels();
        var r = new SplittableRandom(7);
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = (float) (3 * (r.nextDouble() - 0.5));
            grad[i] = (float) (r.nextDouble() - 0.5);
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (4 * (r.nextDouble() - 0.5));
        }
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < index.length; i++) {
            index[i] = r.nextInt(27);
        }
    }

    @Benchmark
    public float[] tanh32x200() {
        impl.unary(UnaryOp.TANH, hidden, out, hidden.length);
        return out;
    }

    @Benchmark
    public float[] tanhBackward32x200() {
        impl.tanhBackward(hidden, grad, out, hidden.length, false);
        return out;
    }

    @Benchmark
    public float[] sumDim0of32x200() {
        impl.sum(hidden, 1, 32, 200, stats, false);
        return stats;
    }

    @Benchmark
    public float[] varianceDim0of32x200() {
        impl.variance(hidden, 1, 32, 200, true, stats, null);
        return stats;
    }

    @Benchmark
    public float[] logSoftmax32x27() {
        impl.logSoftmax(logits, 32, 27, 1, logProbs);
        return logProbs;
    }

    @Benchmark
    public float[] softmax32x27() {
        impl.softmax(logits, 32, 27, 1, logProbs);
        return logProbs;
    }

    @Benchmark
    public float[] gather32x3of27x10() {
        impl.gatherRows(table, 10, index, emb, index.length);
        return emb;
    }
}
