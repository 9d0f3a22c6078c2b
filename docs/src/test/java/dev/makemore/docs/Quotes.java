package dev.makemore.docs;

import static dev.makemore.docs.ProjectRuns.step0;
import static dev.makemore.docs.ProjectRuns.stage;

import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.LayerRecord;
import dev.makemore.diagnostics.ParameterRecord;
import dev.makemore.diagnostics.Snapshot;
import dev.makemore.nn.Init;
import dev.makemore.nn.Nonlinearity;
import dev.makemore.training.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * This project's side of every number table of the chapters: for each table (named by the
 * {@code <!-- numbers: ID -->} line above it) and each row (named by its first cell), how to compute
 * the cells of the columns that are not the lecture's, formatted as the chapter prints them.
 * {@link NumbersTest} recomputes them and compares.
 */
final class Quotes {
    private Quotes() {
    }

    /** One table's rows: label to the cells of its computed columns, in column order. */
    static final class Table {
        final Map<String, Supplier<List<String>>> rows = new LinkedHashMap<>();

        Table row(String label, Supplier<List<String>> cells) {
            if (rows.put(label, cells) != null) {
                throw new IllegalStateException("row '" + label + "' twice");
            }
            return this;
        }

        Table row(String label, String... cells) {
            return row(label, () -> List.of(cells));
        }
    }

    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static Map<String, Table> tables() {
        return TABLES;
    }

    private static Table table(String id) {
        var t = new Table();
        if (TABLES.put(id, t) != null) {
            throw new IllegalStateException("table '" + id + "' twice");
        }
        return t;
    }

    // ---- formats ----

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String signed(double v, int decimals) {
        return String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    /** {@code 2.641e-03}: {@code digits} significant digits. */
    static String e(double v, int digits) {
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /** {@code below N} when {@code v < N}, else the value: a bound that survives another CPU's last rounded digits. */
    static String below(double v, int n) {
        return v < n ? "below " + n : f(v, 0);
    }

    private static List<String> one(String s) {
        return List.of(s);
    }

    private static double step0Loss(String stage) {
        return step0(stage(stage)).loss();
    }

    private static LayerRecord firstTanh(Stage stage) {
        return step0(stage).snapshot().tanhLayers().get(0);
    }

    private static double saturatedPercent(Stage stage) {
        return 100 * firstTanh(stage).saturation().fraction();
    }

    private static double preactStd(Stage stage) {
        return ProjectRuns.std(step0(stage).hpreact());
    }

    private static double maxAbsLogit(String stage) {
        var s = step0(stage(stage));
        var layers = s.network().layers();
        return ProjectRuns.maxAbs(layers.get(layers.size() - 1).out().data());
    }

    private static double meanLoss(String stage, int from, int to) {
        float[] losses = ProjectRuns.losses(stage(stage), 1000);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += losses[i];
        }
        return sum / (to - from);
    }

    private static double meanLog10Loss(String stage, int from, int to) {
        float[] losses = ProjectRuns.losses(stage(stage), 1000);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.log10(losses[i]);
        }
        return sum / (to - from);
    }

    /** The local gradient of tanh where its output is {@code t}, from this project's autograd. */
    private static double tanhGradientAt(double t) {
        var x = Tensor.of(new float[] {(float) (0.5 * Math.log((1 + t) / (1 - t)))}, 1).setRequiresGrad(true);
        x.tanh().sum().backward();
        return x.grad().get(0);
    }

    private static List<String> experimentCells(String name) {
        var e = ProjectRuns.experiment(name);
        return experimentCells(e.recorder(), e.recorder().snapshot(0));
    }

    /**
     * An experiment's row: the saturation of the first Tanh at step 0, and the update:data ratios (log10)
     * at the last step: the lowest and the highest of the hidden Linear weights, and the last layer's weight.
     */
    private static List<String> experimentCells(dev.makemore.diagnostics.Recorder r, Snapshot step0) {
        int[] matrices = ProjectRuns.matrixIndices(r);
        double[] last = r.updateRatios().last();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < matrices.length - 1; k++) {
            lo = Math.min(lo, last[matrices[k]]);
            hi = Math.max(hi, last[matrices[k]]);
        }
        return List.of(pct(step0.tanhLayers().get(0).output().saturatedPercent()), f(lo, 2), f(hi, 2),
                f(last[matrices[matrices.length - 1]], 2));
    }

    private static dev.makemore.training.Network deep1001Model() {
        return ProjectRuns.deepBatchNorm1001().result().model();
    }

    private static Snapshot deep() {
        return ProjectRuns.deepBatchNorm1001().last();
    }

    private static LayerRecord tanhLayer(Snapshot s, int index) {
        return s.layer(index);
    }

    private static ParameterRecord matrix(Snapshot s, int i) {
        return s.matrices().get(i);
    }

    private static double ratio(int parameter) {
        return ProjectRuns.deepBatchNorm1001().recorder().updateRatios().last()[parameter];
    }

    /** Tanh layer {@code index} of the six-layer network without BatchNorm and with {@code gain}, at step 0. */
    private static LayerRecord gainLayer(double gain, int index) {
        return step0(ProjectRuns.deepTanh(gain)).snapshot().layer(index);
    }

    private static List<String> perGain(java.util.function.Function<Double, String> cell) {
        var out = new ArrayList<String>();
        for (double g : new double[] {0.5, 1, 5.0 / 3, 3}) {
            out.add(cell.apply(g));
        }
        return out;
    }

    private static List<String> perBatchNormGain(java.util.function.Function<Snapshot, String> cell) {
        var out = new ArrayList<String>();
        for (double g : new double[] {0.2, 1, 5}) {
            out.add(cell.apply(step0(ProjectRuns.deepBatchNorm(g)).snapshot()));
        }
        return out;
    }

    static {
        // ---- 01: the loss at initialisation ----
        table("data")
                .row("training examples", () -> one(Integer.toString(ProjectRuns.splits().train().size())))
                .row("validation examples", () -> one(Integer.toString(ProjectRuns.splits().val().size())))
                .row("test examples", () -> one(Integer.toString(ProjectRuns.splits().test().size())))
                .row("first five names after the shuffle",
                        () -> one(String.join(", ", ProjectRuns.splits().words().subList(0, 5))));
        table("expected-loss")
                .row("27 characters, all equally likely: -ln(1/27)", () -> one(f(-Math.log(1.0 / 27), 4)))
                .row("4 characters, logits all equal: -ln(1/4)", () -> {
                    var logits = Tensor.of(new float[] {0, 0, 0, 0}, 1, 4);
                    var loss = dev.makemore.autograd.F.crossEntropy(logits, dev.makemore.core.IntArray.of(new int[] {2}));
                    return one(f(loss.item(), 4));
                });
        table("initial-loss")
                .row("parameters", () -> one(Long.toString(step0(stage("original")).network().numParameters())))
                .row("loss at step 0, `original`", () -> one(f(step0Loss("original"), 4)))
                .row("loss at step 0, `fix-softmax`", () -> one(f(step0Loss("fix-softmax"), 4)))
                .row("largest abs(logit) at step 0, `original`", () -> one(f(maxAbsLogit("original"), 1)))
                .row("largest abs(logit) at step 0, `fix-softmax`", () -> one(f(maxAbsLogit("fix-softmax"), 2)));
        table("hockey-stick")
                .row("minibatch loss at step 0", () -> List.of(f(step0Loss("original"), 4), f(step0Loss("fix-softmax"), 4)))
                .row("first point of the curve: mean log10(loss), steps 0 to 9",
                        () -> List.of(f(meanLog10Loss("original", 0, 10), 2), f(meanLog10Loss("fix-softmax", 0, 10), 2)))
                .row("mean minibatch loss, steps 0 to 99",
                        () -> List.of(f(meanLoss("original", 0, 100), 1), f(meanLoss("fix-softmax", 0, 100), 1)))
                .row("mean minibatch loss, steps 900 to 999",
                        () -> List.of(f(meanLoss("original", 900, 1000), 1), f(meanLoss("fix-softmax", 900, 1000), 1)));

        // ---- 02: saturated tanh ----
        table("saturation")
                .row("tanh outputs with abs(h) > 0.99",
                        () -> List.of(pct(saturatedPercent(stage("original"))), pct(saturatedPercent(stage("fix-tanh")))))
                .row("std of the pre-activations hpreact",
                        () -> List.of(f(preactStd(stage("original")), 2), f(preactStd(stage("fix-tanh")), 2)))
                .row("smallest and largest pre-activation", () -> {
                    var out = new ArrayList<String>();
                    for (String s : List.of("original", "fix-tanh")) {
                        var in = step0(stage(s)).snapshot().inputOf(firstTanh(stage(s))).orElseThrow().output();
                        out.add(f(in.min(), 1) + " and " + f(in.max(), 1));
                    }
                    return out;
                })
                .row("all-white columns of the batch", () -> List.of(
                        Integer.toString(firstTanh(stage("original")).saturation().deadUnits().length),
                        Integer.toString(firstTanh(stage("fix-tanh")).saturation().deadUnits().length)))
                .row("units dead on the whole training split", () -> List.of(
                        Integer.toString(ProjectRuns.deadUnitsOnTrainingSplit(stage("original"))),
                        Integer.toString(ProjectRuns.deadUnitsOnTrainingSplit(stage("fix-tanh")))));
        var tanhGrad = table("tanh-gradient");
        for (int x : new int[] {0, 1, 2, 3, 5}) {
            tanhGrad.row("x = " + x, () -> {
                var t = Tensor.of(new float[] {x}, 1).setRequiresGrad(true);
                var h = t.tanh();
                h.sum().backward();
                return List.of(f(h.item(), 4), f(t.grad().get(0), 4));
            });
        }

        table("thresholds")
                .row("abs(h) > 0.99, chapters 2 to 4", () -> one(f(tanhGradientAt(0.99), 4)))
                .row("abs(t) > 0.97, chapters 6 and 7", () -> one(f(tanhGradientAt(0.97), 4)));

        // ---- 03: Kaiming initialisation ----
        table("fan-in")
                .row("x itself", () -> one(f(ProjectRuns.fanIn()[0], 2)))
                .row("x @ w", () -> one(f(ProjectRuns.fanIn()[1], 2)))
                .row("x @ (w * 5)", () -> one(f(ProjectRuns.fanIn()[2], 2)))
                .row("x @ (w * 0.2)", () -> one(f(ProjectRuns.fanIn()[3], 2)))
                .row("x @ (w / sqrt(10))", () -> one(f(ProjectRuns.fanIn()[4], 2)));
        table("linear-map")
                .row("std of a", () -> one(f(ProjectRuns.linearMap()[0], 4)))
                .row("std of b", () -> one(f(ProjectRuns.linearMap()[1], 4)))
                .row("std of c = b @ a", () -> one(f(ProjectRuns.linearMap()[2], 4)))
                .row("std of c.grad", () -> one(f(ProjectRuns.linearMap()[3], 4)))
                .row("std of a.grad", () -> one(f(ProjectRuns.linearMap()[4], 4)))
                .row("std of b.grad", () -> one(f(ProjectRuns.linearMap()[5], 4)));
        table("gains")
                .row("linear", () -> one(f(Init.calculateGain(Nonlinearity.LINEAR), 4)))
                .row("relu", () -> one(f(Init.calculateGain(Nonlinearity.RELU), 4)))
                .row("tanh", () -> one(f(Init.calculateGain(Nonlinearity.TANH), 4)))
                .row("std of W1: gain / sqrt(fan_in), fan_in = 30",
                        () -> one(f(Init.calculateGain(Nonlinearity.TANH) / Math.sqrt(30), 4)))
                // PyTorch's fan_in of a (30, 200) weight is its dim 1, our layout's fan-out.
                .row("std of `torch.nn.init.kaiming_normal_` on a (30, 200) W1: fan_in read from dim 1",
                        () -> one(f(Init.kaimingStd(dev.makemore.core.Shape.of(30, 200),
                                Init.calculateGain(Nonlinearity.TANH), dev.makemore.nn.FanMode.FAN_OUT), 4)));
        table("kaiming-step0")
                .row("loss", () -> List.of(f(step0Loss("fix-tanh"), 4), f(step0Loss("kaiming"), 4)))
                .row("tanh outputs with abs(h) > 0.99",
                        () -> List.of(pct(saturatedPercent(stage("fix-tanh"))), pct(saturatedPercent(stage("kaiming")))))
                .row("std of the pre-activations",
                        () -> List.of(f(preactStd(stage("fix-tanh")), 2), f(preactStd(stage("kaiming")), 2)));

        // ---- 04: BatchNorm ----
        table("batchnorm-step0")
                .row("parameters", () -> one(Long.toString(step0(stage("batchnorm")).network().numParameters())))
                .row("loss at step 0", () -> one(f(step0Loss("batchnorm"), 4)))
                .row("tanh outputs with abs(h) > 0.99", () -> one(pct(saturatedPercent(stage("batchnorm")))))
                .row("largest abs(mean) of a unit after BatchNorm",
                        () -> one(f(ProjectRuns.columnStatistics(step0(stage("batchnorm")).hpreact())[0], 4)))
                .row("smallest and largest std of a unit after BatchNorm", () -> {
                    double[] c = ProjectRuns.columnStatistics(step0(stage("batchnorm")).hpreact());
                    return one(f(c[1], 4) + " and " + f(c[2], 4));
                });
        table("useless-bias")
                .row("largest abs(b1.grad)", () -> {
                    double m = ProjectRuns.maxAbs(
                            ProjectRuns.firstLinear(step0(ProjectRuns.batchNormWithBias()).network()).bias().grad());
                    return one(m < 1e-6 ? "below 1e-6" : e(m, 2));
                })
                .row("std of W1.grad", () -> one(e(ProjectRuns.std(
                        ProjectRuns.firstLinear(step0(ProjectRuns.batchNormWithBias()).network()).weight().grad()), 2)));
        table("coupling")
                .row("largest change of a logit, training mode", () -> one(f(ProjectRuns.coupling()[0], 4)))
                .row("largest change of a logit, eval mode", () -> one(f(ProjectRuns.coupling()[1], 4)));
        table("calibration")
                .row("largest abs(explicit - running) of a mean",
                        () -> one(f(ProjectRuns.batchNormCalibrated1001().calibration().maxMeanDiff(), 4)))
                .row("largest abs(explicit - running) of a std",
                        () -> one(f(ProjectRuns.batchNormCalibrated1001().calibration().maxSpreadDiff(), 4)))
                .row("train loss, explicit statistics",
                        () -> one(f(ProjectRuns.batchNormCalibrated1001().calibration().explicit().train(), 4)))
                .row("train loss, running statistics",
                        () -> one(f(ProjectRuns.batchNormCalibrated1001().calibration().running().train(), 4)))
                .row("val loss, explicit statistics",
                        () -> one(f(ProjectRuns.batchNormCalibrated1001().calibration().explicit().val(), 4)))
                .row("val loss, running statistics",
                        () -> one(f(ProjectRuns.batchNormCalibrated1001().calibration().running().val(), 4)));

        // ---- 05: PyTorch-ifying ----
        table("deep-networks")
                .row("parameters, with BatchNorm",
                        () -> one(Long.toString(step0(stage("deep-batchnorm")).network().numParameters())))
                .row("parameters, without BatchNorm",
                        () -> one(Long.toString(step0(stage("deep-tanh")).network().numParameters())))
                .row("loss at step 0, with BatchNorm", () -> one(f(step0Loss("deep-batchnorm"), 4)))
                .row("loss at step 0, without BatchNorm", () -> one(f(step0Loss("deep-tanh"), 4)))
                .row("sqrt(32/31): how far the two variance conventions are apart",
                        () -> one(f(Math.sqrt(32.0 / 31), 4)));

        // ---- 06: diagnostics, the six-layer BatchNorm network after 1001 steps ----
        var activations = table("activations-1000");
        var gradients = table("gradients-1000");
        for (int index : new int[] {2, 5, 8, 11, 14}) {
            String label = "layer " + index + " (Tanh)";
            activations.row(label, () -> {
                var out = tanhLayer(deep(), index).output();
                return List.of(signed(out.mean(), 2), f(out.std(), 2), pct(out.saturatedPercent()));
            });
            gradients.row(label, () -> one(e(tanhLayer(deep(), index).gradient().std(), 4)));
        }
        var weights = table("weights-1000");
        String[] weightLabels = {"C (27, 10)", "layer 0 (30, 100)", "layer 3 (100, 100)", "layer 6 (100, 100)",
            "layer 9 (100, 100)", "layer 12 (100, 100)", "layer 15 (100, 27)"};
        for (int i = 0; i < weightLabels.length; i++) {
            int k = i;
            weights.row(weightLabels[i], () -> {
                var p = matrix(deep(), k);
                return List.of(e(p.gradient().std(), 4), e(p.gradToData(), 4));
            });
        }
        var ratios = table("update-ratios-1000");
        ratios.row("C", () -> List.of(f(ratio(0), 2), "—", "—"));
        int[] linearIndex = {0, 3, 6, 9, 12, 15};
        for (int b = 0; b < linearIndex.length; b++) {
            int first = 1 + 3 * b;
            ratios.row("layer " + linearIndex[b] + " and its BatchNorm1d",
                    () -> List.of(f(ratio(first), 2), f(ratio(first + 1), 2), f(ratio(first + 2), 2)));
        }
        var deepTanhWeights = table("deep-tanh-weights");
        String[] deepTanhLabels = {"C (27, 10)", "layer 0 (30, 100)", "layer 2 (100, 100)", "layer 4 (100, 100)",
            "layer 6 (100, 100)", "layer 8 (100, 100)", "layer 10 (100, 27)"};
        for (int i = 0; i < deepTanhLabels.length; i++) {
            int k = i;
            deepTanhWeights.row(deepTanhLabels[i], () -> {
                var run = ProjectRuns.deepTanh1001();
                var r = run.recorder();
                int parameter = ProjectRuns.matrixIndices(r)[k];
                return List.of(e(r.snapshot(0).matrices().get(k).gradToData(), 2), e(run.last().matrices().get(k).gradToData(), 2),
                        f(r.updateRatios().atStep(0)[parameter], 2), f(r.updateRatios().last()[parameter], 2));
            });
        }
        var tanhExperiments = table("experiments-tanh");
        tanhExperiments.row("`deep-tanh`, gain 5/3, lr 0.1 (above)", () -> experimentCells(
                ProjectRuns.deepTanh1001().recorder(), ProjectRuns.deepTanh1001().recorder().snapshot(0)));
        tanhExperiments.row("`deep-tanh`, lr 0.001", () -> experimentCells("lr-0.001"));
        tanhExperiments.row("`deep-tanh`, fan-in forgotten, lr 0.1", () -> experimentCells("no-fan-in"));
        var bnExperiments = table("experiments-batchnorm");
        bnExperiments.row("`deep-batchnorm`, gain 1, lr 0.1 (above)", () -> experimentCells(
                ProjectRuns.deepBatchNorm1001().recorder(), step0(stage("deep-batchnorm")).snapshot()));
        bnExperiments.row("`deep-batchnorm`, gain 0.2, lr 0.1", () -> experimentCells("batchnorm-gain-0.2"));
        bnExperiments.row("`deep-batchnorm`, fan-in forgotten, lr 0.1", () -> experimentCells("batchnorm-no-fan-in"));
        bnExperiments.row("`deep-batchnorm`, fan-in forgotten, lr 1.0", () -> experimentCells("batchnorm-no-fan-in-lr-1"));
        table("eval-1000")
                .row("train loss", () -> one(f(ProjectRuns.deepBatchNorm1001().result().losses().train(), 4)))
                .row("val loss", () -> one(f(ProjectRuns.deepBatchNorm1001().result().losses().val(), 4)))
                .row("20 samples", () -> one(String.join(". ", ProjectRuns.deepBatchNorm1001().result().samples()) + "."));

        // ---- 08: exercises ----
        var zero = table("zero-init");
        String[][] zeroRows = {{"`C` (27, 10)", "C.weight"}, {"`W1` (30, 200)", "layers.0.weight"},
            {"`b1` (200)", "layers.0.bias"}, {"`W2` (200, 27)", "layers.2.weight"}, {"`b2` (27)", "layers.2.bias"}};
        for (String[] r : zeroRows) {
            zero.row(r[0], () -> {
                var run = ProjectRuns.zeroRun();
                int i = run.index(r[1]);
                var out = new ArrayList<String>();
                for (double[] atStep : run.gradNorms()) {
                    out.add(e(atStep[i], 2));
                }
                out.add(e(run.maxAbs()[i], 2));
                return out;
            });
        }
        table("zero-init-loss")
                .row("loss at step 0", () -> one(f(ProjectRuns.zeroRun().losses()[0], 4)))
                .row("mean minibatch loss, steps 900 to 999", () -> {
                    float[] l = ProjectRuns.zeroRun().losses();
                    double s = 0;
                    for (int i = 900; i < 1000; i++) {
                        s += l[i];
                    }
                    return one(f(s / 100, 4));
                })
                .row("val loss after 1001 steps",
                        () -> one(f(ProjectRuns.loss(ProjectRuns.zeroRun().network(), ProjectRuns.splits().val()), 4)))
                .row("entropy of the next character over the training split: the best loss that ignores the input",
                        () -> one(f(Exercises.unigramEntropy(ProjectRuns.splits().train()), 4)))
                .row("val loss of `fix-softmax` after 1001 steps, for comparison",
                        () -> one(f(ProjectRuns.loss(ProjectRuns.trainer().train(stage("fix-softmax"),
                                ProjectRuns.options(ProjectRuns.DEEP_STEPS, false, 0), null).network(),
                                ProjectRuns.splits().val()), 4)));
        table("folding")
                .row("modules after C", () -> List.of(
                        Integer.toString(deep1001Model().layers().size()),
                        Integer.toString(Exercises.folded(deep1001Model()).layers().size())))
                .row("parameters", () -> List.of(
                        Long.toString(deep1001Model().numParameters()),
                        Long.toString(Exercises.folded(deep1001Model()).numParameters())))
                .row("val loss, eval mode", () -> List.of(
                        f(ProjectRuns.loss(deep1001Model(), ProjectRuns.splits().val()), 4),
                        f(ProjectRuns.loss(Exercises.folded(deep1001Model()), ProjectRuns.splits().val()), 4)))
                .row("largest difference of a logit on the validation split, in float32 epsilons", () -> List.of("—",
                        below(Exercises.largestDifference(deep1001Model(), Exercises.folded(deep1001Model()),
                                ProjectRuns.splits().val()), 16)));

        // ---- 07: the deep network ----
        var deepTanh = table("deep-tanh-step0");
        for (int index : new int[] {1, 3, 5, 7, 9}) {
            deepTanh.row("layer " + index + " (Tanh)", () -> {
                var out = step0(stage("deep-tanh")).snapshot().layer(index).output();
                return List.of(f(out.std(), 2), pct(out.saturatedPercent()));
            });
        }
        var gainStd = table("gains-activations");
        var gainSat = table("gains-saturation");
        var gainGrad = table("gains-gradients");
        for (int index : new int[] {1, 3, 5, 7, 9}) {
            String label = "layer " + index + " (Tanh)";
            gainStd.row(label, () -> perGain(g -> f(gainLayer(g, index).output().std(), 2)));
            gainSat.row(label, () -> perGain(g -> pct(gainLayer(g, index).output().saturatedPercent())));
            gainGrad.row(label, () -> perGain(g -> e(gainLayer(g, index).gradient().std(), 2)));
        }
        var sandwich = table("linear-sandwich");
        for (int i = 0; i < 5; i++) {
            int k = i;
            sandwich.row("layer " + i + " (Linear)", () -> List.of(
                    f(ProjectRuns.linearSandwich(5.0 / 3)[k][0], 2), e(ProjectRuns.linearSandwich(5.0 / 3)[k][1], 2),
                    f(ProjectRuns.linearSandwich(1)[k][0], 2), e(ProjectRuns.linearSandwich(1)[k][1], 2)));
        }
        table("batchnorm-placement")
                .row("BatchNorm1d before each Tanh (`deep-batchnorm`)", () -> List.of(
                        f(ProjectRuns.deepBatchNorm1001().result().losses().train(), 4),
                        f(ProjectRuns.deepBatchNorm1001().result().losses().val(), 4)))
                .row("BatchNorm1d after each Tanh", () -> List.of(
                        f(ProjectRuns.loss(ProjectRuns.batchNormAfterTanh().network(), ProjectRuns.splits().train()), 4),
                        f(ProjectRuns.loss(ProjectRuns.batchNormAfterTanh().network(), ProjectRuns.splits().val()), 4)));
        table("batchnorm-gains")
                .row("std of layer 2 (Tanh)", () -> perBatchNormGain(s -> f(s.layer(2).output().std(), 2)))
                .row("std of layer 14 (Tanh)", () -> perBatchNormGain(s -> f(s.layer(14).output().std(), 2)))
                .row("std of the gradient at layer 2 (Tanh)",
                        () -> perBatchNormGain(s -> e(s.layer(2).gradient().std(), 2)))
                .row("grad:data of the layer 3 weight", () -> perBatchNormGain(s -> e(s.matrices().get(2).gradToData(), 2)))
                .row("update:data (log10) of the layer 3 weight", () -> {
                    var out = new ArrayList<String>();
                    for (double g : new double[] {0.2, 1, 5}) {
                        out.add(f(step0(ProjectRuns.deepBatchNorm(g)).recorder().updateRatios().atStep(0)[4], 2));
                    }
                    return out;
                });
    }
}
