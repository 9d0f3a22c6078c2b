package dev.makemore.docs;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.DeadUnits;
import dev.makemore.diagnostics.Recorder;
import dev.makemore.diagnostics.Snapshot;
import dev.makemore.diagnostics.TensorStats;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import dev.makemore.training.Architecture;
import dev.makemore.training.LectureFigures;
import dev.makemore.training.Network;
import dev.makemore.training.OneHiddenLayer;
import dev.makemore.training.DeepMlp;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import dev.makemore.training.data.DataException;
import dev.makemore.training.data.Dataset;
import dev.makemore.training.data.Names;
import dev.makemore.training.data.Splits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runs behind the numbers and figures of the chapters, each made once per JVM: short runs of the
 * lecture's stages (step 0, or the lecture's 1001 steps) and of a few variants the lecture tries
 * (other gains, a bias before BatchNorm, a network without tanh). Nothing here takes more than a
 * second or two; the 200,000-step runs are quoted as the lecture's.
 */
final class ProjectRuns {
    private ProjectRuns() {
    }

    static final long SEED = Generator.LECTURE_SEED;
    static final int BATCH = TrainOptions.LECTURE_BATCH_SIZE;
    /** The lecture's six-layer loop: steps 0..1000. */
    static final int DEEP_STEPS = 1001;

    private static final Map<String, Object> CACHE = new HashMap<>();

    @SuppressWarnings("unchecked")
    private static synchronized <T> T once(String key, Supplier<T> compute) {
        Object v = CACHE.get(key);
        if (v == null) {
            v = compute.get();
            CACHE.put(key, v);
        }
        return (T) v;
    }

    // =====================================================================================
    // Data and stages
    // =====================================================================================

    static Splits splits() {
        return once("splits", () -> {
            try {
                return Splits.lecture(Names.read(Docs.names()), 3);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DataException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    static Trainer trainer() {
        return new Trainer(splits());
    }

    static Stage stage(String name) {
        return Stage.byName(name);
    }

    // docs:begin gain-variants
    /** A stage the lecture tries but does not keep: its own name, another architecture. */
    static Stage variant(String name, Architecture architecture) {
        return new Stage(name, name, architecture, 3, 150_000, new LectureFigures(0, Double.NaN, Double.NaN, Double.NaN));
    }

    /** The six-layer network without BatchNorm, with {@code gain} on every Linear but the last. */
    static Stage deepTanh(double gain) {
        return variant("deep-tanh-gain-" + gain, DeepMlp.of(10, 100, 5).withGain(gain).withLastScale(0.1));
    }

    /** The six-layer network with BatchNorm, with {@code gain} on every Linear but the last. */
    static Stage deepBatchNorm(double gain) {
        var network = DeepMlp.of(10, 100, 5).withBatchNorm().withGain(gain).withLastScale(0.1);
        return variant("deep-batchnorm-gain-" + gain, network);
    }
    // docs:end gain-variants

    /** The batchnorm stage with the bias b1 kept in front of the BatchNorm. */
    static Stage batchNormWithBias() {
        var kaiming = (OneHiddenLayer) stage("kaiming").architecture();
        return variant("batchnorm-with-b1", kaiming.withBatchNorm());
    }

    static TrainOptions options(int steps, boolean calibrate, int samples) {
        return new TrainOptions(steps, BATCH, SEED, calibrate, samples);
    }

    // =====================================================================================
    // Runs
    // =====================================================================================

    /**
     * One training step: the network after its update (its layers' outputs and the parameters'
     * gradients are those of step 0), and a recorder with a snapshot of step 0.
     */
    record Step0(Trainer.Run run, Recorder recorder) {
        Network network() {
            return run.network();
        }

        Snapshot snapshot() {
            return recorder.snapshot(0);
        }

        double loss() {
            return run.losses()[0];
        }

        /** Output of layer {@code i} of the lecture's {@code layers} at step 0. */
        NdArray out(int i) {
            return network().layers().get(i).out().data();
        }

        /** Output of the first Tanh layer (the lecture's {@code h}). */
        NdArray h() {
            return out(tanhIndex());
        }

        /** The input of the first Tanh layer (the lecture's {@code hpreact}). */
        NdArray hpreact() {
            return out(tanhIndex() - 1);
        }

        private int tanhIndex() {
            var layers = network().layers();
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof Tanh) {
                    return i;
                }
            }
            throw new IllegalStateException("no Tanh layer");
        }
    }

    static Step0 step0(Stage stage) {
        return once("step0:" + stage.name(), () -> {
            var recorder = Recorder.atSteps(0);
            var run = trainer().train(stage, options(1, false, 0), recorder);
            return new Step0(run, recorder);
        });
    }

    /** The minibatch losses of the first {@code steps} steps of a stage. */
    static float[] losses(Stage stage, int steps) {
        return once("losses:" + stage.name() + ":" + steps, () -> trainer().train(stage, options(steps, false, 0), null)
                .losses());
    }

    /** The lecture's six-layer run: 1001 steps of deep-batchnorm, statistics at the last one, 20 samples. */
    record Deep(TrainResult result, Recorder recorder) {
        Snapshot last() {
            return recorder.snapshot(DEEP_STEPS - 1);
        }
    }

    static Deep deepBatchNorm1001() {
        return once("deep1001", () -> {
            var recorder = Recorder.atLastStep(DEEP_STEPS);
            var result = trainer().run(stage("deep-batchnorm"), options(DEEP_STEPS, false, 20), recorder);
            return new Deep(result, recorder);
        });
    }

    /**
     * The lecture's first look at the parameters: 1001 steps of deep-tanh (no BatchNorm, gain 5/3),
     * snapshots at step 0 and at the last step, update ratios at every step
     * ({@code ./makemore diagnose --stage deep-tanh --at 0,1000}).
     */
    static Deep deepTanh1001() {
        return once("deeptanh1001", () -> {
            var recorder = Recorder.atSteps(0, DEEP_STEPS - 1);
            var result = trainer().run(stage("deep-tanh"), options(DEEP_STEPS, false, 0), recorder);
            return new Deep(result, recorder);
        });
    }

    /** A hand-run experiment of chapter 6: the network after the lecture's 1001 steps, and the recorder that watched them. */
    record Experiment(Network network, float[] losses, Recorder recorder) {
        Snapshot last() {
            return recorder.snapshot(DEEP_STEPS - 1);
        }
    }

    /** The experiments chapter 6 runs after the lecture, in its order, by name. */
    static final List<String> EXPERIMENTS = List.of("lr-0.001", "no-fan-in", "batchnorm-gain-0.2", "batchnorm-no-fan-in",
            "batchnorm-no-fan-in-lr-1");

    /**
     * One of {@link #EXPERIMENTS}: the six-layer network without BatchNorm at the learning rate 0.001, or
     * with its fan-in forgotten; with BatchNorm at gain 0.2, or with its fan-in forgotten at the learning
     * rates 0.1 and 1.0. 1001 steps at a fixed learning rate, snapshots at steps 0 and 1000.
     */
    static Experiment experiment(String name) {
        return once("experiment:" + name, () -> {
            record Setup(Stage stage, boolean forgetFanIn, double lr) {
            }
            var setup = switch (name) {
                case "lr-0.001" -> new Setup(stage("deep-tanh"), false, 0.001);
                case "no-fan-in" -> new Setup(stage("deep-tanh"), true, 0.1);
                case "batchnorm-gain-0.2" -> new Setup(deepBatchNorm(0.2), false, 0.1);
                case "batchnorm-no-fan-in" -> new Setup(stage("deep-batchnorm"), true, 0.1);
                case "batchnorm-no-fan-in-lr-1" -> new Setup(stage("deep-batchnorm"), true, 1.0);
                default -> throw new IllegalArgumentException("no experiment " + name + " (known: " + EXPERIMENTS + ")");
            };
            var g = new Generator(SEED);
            var network = Network.build(setup.stage(), splits().vocab().size(), g);
            if (setup.forgetFanIn()) {
                LectureLoop.withoutFanIn(network);
            }
            var recorder = Recorder.atSteps(0, DEEP_STEPS - 1);
            float[] losses = LectureLoop.run(network, splits().train(), g, DEEP_STEPS, setup.lr(), recorder);
            return new Experiment(network, losses, recorder);
        });
    }

    /**
     * The six-layer network with each BatchNorm1d after its tanh instead of before it (Linear, Tanh,
     * BatchNorm1d, five times; then Linear and BatchNorm1d, its gamma times 0.1), trained as
     * {@code deep-batchnorm} is: 1001 steps at lr 0.1.
     */
    static Experiment batchNormAfterTanh() {
        return once("bn-after-tanh", () -> {
            var g = new Generator(SEED);
            var c = new Embedding(27, 10, g);
            var modules = new ArrayList<Module>();
            for (int i = 0; i < 5; i++) {
                modules.add(new Linear(i == 0 ? 30 : 100, 100, false, g));
                modules.add(new Tanh());
                modules.add(dev.makemore.nn.BatchNorm1d.lecture(100));
            }
            modules.add(new Linear(100, 27, false, g));
            var last = dev.makemore.nn.BatchNorm1d.lecture(27);
            modules.add(last);
            try (var off = Grad.disabled()) {
                scaleInPlace(last.gamma(), 0.1);
            }
            var network = new Network(c, new Sequential(modules));
            var recorder = Recorder.atSteps(0, DEEP_STEPS - 1);
            float[] losses = LectureLoop.run(network, splits().train(), g, DEEP_STEPS, 0.1, recorder);
            return new Experiment(network, losses, recorder);
        });
    }

    /** Exercise E01: the all-zero network after the lecture's 1001 steps, gradient norms at steps 0, 10, 100, 1000. */
    static Exercises.ZeroRun zeroRun() {
        return once("zero1001", () -> Exercises.zeroInit(splits(), DEEP_STEPS, 0, 10, 100, 1000));
    }

    /** The loss of a network over a split, in eval mode, as {@code split_loss} computes it. */
    static double loss(Network network, Dataset data) {
        try (var evaluator = new dev.makemore.training.Evaluator()) {
            return evaluator.loss(network, data);
        }
    }

    /** Indices, among a recorder's parameters, of the 2-D ones (the lecture's update-ratio plot draws only those). */
    static int[] matrixIndices(Recorder r) {
        var shapes = r.parameterShapes();
        return java.util.stream.IntStream.range(0, shapes.size()).filter(i -> shapes.get(i).rank() == 2).toArray();
    }

    /** The batchnorm stage after 1001 steps, with the explicit statistics computed over the training split. */
    static TrainResult batchNormCalibrated1001() {
        return once("bn1001", () -> trainer().run(stage("batchnorm"), options(DEEP_STEPS, true, 0), null));
    }

    // =====================================================================================
    // Computations of the chapters
    // =====================================================================================

    /** Units of the first tanh layer saturated ({@code |h| > 0.99}) on every example of the training split, at initialisation. */
    static int deadUnitsOnTrainingSplit(Stage stage) {
        return once("dead:" + stage.name(), () -> {
            var network = Network.build(stage, splits().vocab().size(), new Generator(SEED));
            var dead = new DeadUnits();
            Dataset train = splits().train();
            int n = train.size();
            int block = train.blockSize();
            try (var off = Grad.disabled()) {
                for (int from = 0; from < n; from += 4096) {
                    int to = Math.min(n, from + 4096);
                    var x = IntArray.of(Arrays.copyOfRange(train.x().data(), from * block, to * block), to - from, block);
                    Tensor h = network.embedding().call(x).view(to - from, -1);
                    for (Module layer : network.layers()) {
                        h = layer.call(h);
                        if (layer instanceof Tanh) {
                            break;
                        }
                    }
                    dead.accept(h.data());
                }
            }
            return dead.dead().length;
        });
    }

    /** The lecture's fan-in demonstration: {@code x = randn(1000, 10)}, {@code w = randn(10, 200)}, std of {@code x @ w * scale}. */
    static double[] fanIn() {
        return fanInArrays().values().stream().mapToDouble(ProjectRuns::std).toArray();
    }

    /** The arrays of the fan-in demonstration, by the chapter's names: x, then x @ w at each scale. */
    static Map<String, NdArray> fanInArrays() {
        return once("faninarrays", () -> {
            var g = new Generator(SEED);
            var x = Tensor.randn(g, 1000, 10);
            var w = Tensor.randn(g, 10, 200);
            var out = new java.util.LinkedHashMap<String, NdArray>();
            out.put("x", x.data());
            out.put("x @ w", x.matmul(w).data());
            out.put("x @ (w * 5)", x.matmul(w.mul(5)).data());
            out.put("x @ (w * 0.2)", x.matmul(w.mul(0.2)).data());
            out.put("x @ (w / sqrt(10))", x.matmul(w.div(Math.sqrt(10))).data());
            return out;
        });
    }

    /**
     * LECTURE_NUMBERS.md's one linear map: {@code a = randn(1000, 1)}, {@code b = randn(1000, 1000)},
     * {@code c = b @ a}, {@code loss = randn(1000) @ c}; the stds of a, b, c and of their gradients.
     */
    static double[] linearMap() {
        return once("linearmap", () -> {
            var g = new Generator(SEED);
            var a = Tensor.randn(g, 1000, 1).setRequiresGrad(true);
            var b = Tensor.randn(g, 1000, 1000).setRequiresGrad(true);
            var c = b.matmul(a);
            c.retainGrad();
            var z = Tensor.randn(g, 1, 1000);
            var loss = z.matmul(c).sum();
            loss.backward();
            return new double[] {std(a), std(b), std(c), std(c.grad()), std(a.grad()), std(b.grad())};
        });
    }

    /**
     * The same example in two batches of the batchnorm stage's network at initialisation: the largest
     * change of its logits between the batches, in training mode (batch statistics) and in eval mode.
     */
    static double[] coupling() {
        return once("coupling", () -> {
            var network = Network.build(stage("batchnorm"), splits().vocab().size(), new Generator(SEED));
            Dataset train = splits().train();
            int[] first = new int[BATCH];
            int[] second = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                first[i] = i;
                second[i] = i == 0 ? 0 : BATCH + i;
            }
            double[] out = new double[2];
            try (var off = Grad.disabled()) {
                for (int mode = 0; mode < 2; mode++) {
                    network.train(mode == 0);
                    float[] a = network.call(rows(train, first)).data().toFloatArray();
                    float[] b = network.call(rows(train, second)).data().toFloatArray();
                    int vocab = splits().vocab().size();
                    for (int j = 0; j < vocab; j++) {
                        out[mode] = Math.max(out[mode], Math.abs(a[j] - b[j]));
                    }
                }
            }
            return out;
        });
    }

    /** The labels of rows {@code ix} of a split (the lecture's {@code Ytr[ix]}). */
    static IntArray labels(Dataset d, int[] ix) {
        int[] y = new int[ix.length];
        for (int i = 0; i < ix.length; i++) {
            y[i] = d.y().get(ix[i]);
        }
        return IntArray.of(y);
    }

    /** The contexts of rows {@code ix} of a split (the lecture's {@code Xtr[ix]}). */
    static IntArray rows(Dataset d, int[] ix) {
        int block = d.blockSize();
        int[] x = new int[ix.length * block];
        for (int i = 0; i < ix.length; i++) {
            System.arraycopy(d.x().data(), ix[i] * block, x, i * block, block);
        }
        return IntArray.of(x, ix.length, block);
    }

    /**
     * The six-layer network with no tanh at all (a "linear sandwich", with {@code gain} on every
     * Linear but the last), one forward and backward of the first minibatch: for each of the first
     * five Linear layers, the std of its output and of that output's gradient.
     */
    static double[][] linearSandwich(double gain) {
        var run = linearSandwichRun(gain);
        double[][] out = new double[5][];
        int i = 0;
        for (String layer : run.outputs().keySet()) {
            out[i++] = new double[] {std(run.outputs().get(layer)), std(run.gradients().get(layer))};
        }
        return out;
    }

    /** The first five Linear layers' outputs and their gradients, by layer name, after one step of the linear sandwich. */
    record Sandwich(Map<String, NdArray> outputs, Map<String, NdArray> gradients) {
    }

    static Sandwich linearSandwichRun(double gain) {
        return once("sandwich:" + gain, () -> {
            var g = new Generator(SEED);
            var c = new Embedding(27, 10, g);
            var linears = new ArrayList<Linear>();
            linears.add(new Linear(30, 100, true, g));
            for (int i = 0; i < 4; i++) {
                linears.add(new Linear(100, 100, true, g));
            }
            linears.add(new Linear(100, 27, true, g));
            try (var off = Grad.disabled()) {
                scaleInPlace(linears.get(5).weight(), 0.1);
                for (int i = 0; i < 5; i++) {
                    scaleInPlace(linears.get(i).weight(), gain);
                }
            }
            var network = new Network(c, new Sequential(linears));
            Dataset train = splits().train();
            int[] ix = g.randint(0, train.size(), BATCH);
            var logits = network.call(rows(train, ix));
            for (Linear l : linears) {
                l.out().retainGrad();
            }
            F.crossEntropy(logits, labels(train, ix)).backward();
            var outputs = new java.util.LinkedHashMap<String, NdArray>();
            var gradients = new java.util.LinkedHashMap<String, NdArray>();
            for (int i = 0; i < 5; i++) {
                Tensor o = linears.get(i).out();
                outputs.put("layer " + i + " (Linear)", o.data());
                gradients.put("layer " + i + " (Linear)", o.grad());
            }
            return new Sandwich(outputs, gradients);
        });
    }

    private static void scaleInPlace(Tensor t, double s) {
        float[] f = t.data().floats();
        for (int i = 0; i < f.length; i++) {
            f[i] *= (float) s;
        }
    }

    /** Per unit (column) of a {@code (N, units)} batch: the largest |mean|, the smallest and the largest std. */
    static double[] columnStatistics(NdArray x) {
        int n = x.dim(0), d = x.dim(1);
        double maxAbsMean = 0, minStd = Double.POSITIVE_INFINITY, maxStd = 0;
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x.get(i * d + j);
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double v = x.get(i * d + j) - mean;
                ss += v * v;
            }
            double std = Math.sqrt(ss / (n - 1));
            maxAbsMean = Math.max(maxAbsMean, Math.abs(mean));
            minStd = Math.min(minStd, std);
            maxStd = Math.max(maxStd, std);
        }
        return new double[] {maxAbsMean, minStd, maxStd};
    }

    /** Largest |value| of an array. */
    static double maxAbs(NdArray a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.get(i)));
        }
        return m;
    }

    static double std(Tensor t) {
        return TensorStats.of(t.data()).std();
    }

    static double std(NdArray a) {
        return TensorStats.of(a).std();
    }

    /** The Linear layer in front of the first BatchNorm / Tanh of a one-hidden-layer network. */
    static Linear firstLinear(Network network) {
        return (Linear) network.layers().get(0);
    }

    static List<Module> layers(Network network) {
        return network.layers();
    }
}
