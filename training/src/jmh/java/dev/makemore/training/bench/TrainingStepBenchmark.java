package dev.makemore.training.bench;

import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.Trainer;
import dev.makemore.training.data.DataSource;
import dev.makemore.training.data.Names;
import dev.makemore.training.data.Splits;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step of the lecture's loop, in microseconds: minibatch draw and gather, forward,
 * backward, SGD update; for the BatchNorm network (n_embd 10, block 3, n_hidden 200, batch 32) and the
 * six-layer BatchNorm network. Targets on one core: at most 50 us and 200 us (PyTorch 1.13 on this
 * kind of machine: about 540 us and 2,000 us). With {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * the bytes a step allocates.
 *
 * <p>Each invocation trains {@value #STEPS} steps from a fresh network (its initialisation, a few
 * hundred microseconds, is shared out over the steps). Run it with
 * <pre>
 * MAKEMORE_DATA=/path/to/names.txt ./mvnw -B -Pbench -pl training -am verify -DskipTests
 * </pre>
 * (or with the data cached). The forks get the vector
 * module and a pre-touched fixed heap, as benchmarks here should.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g",
        "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {
    /** Steps per invocation. */
    static final int STEPS = 1000;

    /** The stage whose network is trained. */
    @Param({"batchnorm", "deep-batchnorm"})
    public String stage;

    private Trainer trainer;
    private Stage network;
    private TrainOptions options;

    /** Loads the lecture's split once per fork. */
    @Setup
    public void setUp() throws Exception {
        var words = Names.read(DataSource.system().locate(null));
        trainer = new Trainer(Splits.lecture(words, 3));
        network = Stage.byName(stage);
        options = new TrainOptions(STEPS, 32, 2147483647L, false, 0);
    }

    /** {@value #STEPS} steps of the lecture's loop; JMH reports the time per step. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Trainer.Run steps() {
        return trainer.train(network, options, null);
    }
}
