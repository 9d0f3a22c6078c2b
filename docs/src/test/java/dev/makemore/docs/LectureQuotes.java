package dev.makemore.docs;

import dev.makemore.core.testing.LectureNumbersFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each lecture column of the chapters' number tables must say, cell by cell: table id, then
 * row label, then one expected cell per lecture column, left to right. Every figure is read from its
 * own row and column (or phrase) of LECTURE_NUMBERS.md through {@link LectureNumbersFile}, so a cell
 * quoting the right number from the wrong row fails. A few cells quote what the lecture says in words
 * ("about -15 and 15", the gains); those are {@link #spoken}, and their numbers must be in the
 * reference's section {@value #STATED_IN_WORDS}. "—" is a cell the lecture has no figure for.
 */
final class LectureQuotes {
    private LectureQuotes() {
    }

    static final String NONE = "—";
    /** The heading of LECTURE_NUMBERS.md's section of figures the lecture states in words. */
    static final String STATED_IN_WORDS = "## Figures the lecture states in words";
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z-]+)`");

    /** The cells quoted from the lecture's speech, each to be found in the transcript. */
    static final List<String> SPOKEN = new ArrayList<>();

    private static String spoken(String words) {
        SPOKEN.add(words);
        return words;
    }

    /** Table id -> row label -> the expected lecture cells of that row. */
    static Map<String, Map<String, List<String>>> tables() {
        var f = LectureNumbersFile.read();
        var stages = f.stages();
        var t = new LinkedHashMap<String, Map<String, List<String>>>();
        SPOKEN.clear();

        var sizes = f.groups(LectureNumbersFile.SIZES);
        put(t, "data", "training examples", sizes.get(0));
        put(t, "data", "validation examples", sizes.get(1));
        put(t, "data", "test examples", sizes.get(2));
        put(t, "data", "first five names after the shuffle", f.value(LectureNumbersFile.FIRST_SHUFFLED));

        put(t, "expected-loss", "27 characters, all equally likely: -ln(1/27)", spoken("3.29"));
        put(t, "expected-loss", "4 characters, logits all equal: -ln(1/4)", spoken("1.38"));

        put(t, "initial-loss", "parameters", Integer.toString(stages.get("original").params()));
        put(t, "initial-loss", "loss at step 0, `original`", f4(stages.get("original").lossStep0()));
        put(t, "initial-loss", "loss at step 0, `fix-softmax`", f4(stages.get("fix-softmax").lossStep0()));
        put(t, "initial-loss", "largest abs(logit) at step 0, `original`", NONE);
        put(t, "initial-loss", "largest abs(logit) at step 0, `fix-softmax`", NONE);

        // original %, std; fix-tanh %, std; kaiming %, std; batchnorm %
        var sat = f.groups(LectureNumbersFile.STEP0_SATURATION);
        put(t, "saturation", "tanh outputs with abs(h) > 0.99", sat.get(0) + "%", sat.get(2) + "%");
        put(t, "saturation", "std of the pre-activations hpreact", sat.get(1), sat.get(3));
        put(t, "saturation", "smallest and largest pre-activation", spoken("about -15 and 15"), NONE);
        put(t, "saturation", "all-white columns of the batch", spoken("none"), NONE);
        put(t, "saturation", "units dead on the whole training split", NONE, NONE);

        put(t, "fan-in", "x itself", spoken("1"));
        put(t, "fan-in", "x @ w", spoken("3"));
        put(t, "fan-in", "x @ (w * 5)", spoken("15"));
        put(t, "fan-in", "x @ (w * 0.2)", spoken("0.6"));
        put(t, "fan-in", "x @ (w / sqrt(10))", spoken("1"));
        var linear = f.groups(LectureNumbersFile.LINEAR_MAP);
        String[] linearRows = {"std of a", "std of b", "std of c = b @ a", "std of c.grad", "std of a.grad",
                "std of b.grad"};
        for (int i = 0; i < linearRows.length; i++) {
            put(t, "linear-map", linearRows[i], linear.get(i));
        }
        put(t, "gains", "linear", spoken("1"));
        put(t, "gains", "relu", spoken("sqrt 2"));
        put(t, "gains", "tanh", spoken("5/3"));
        put(t, "gains", "std of W1: gain / sqrt(fan_in), fan_in = 30", spoken("0.3"));
        put(t, "gains", "std of `torch.nn.init.kaiming_normal_` on a (30, 200) W1: fan_in read from dim 1", NONE);

        put(t, "kaiming-step0", "loss", f4(stages.get("fix-tanh").lossStep0()), f4(stages.get("kaiming").lossStep0()));
        put(t, "kaiming-step0", "tanh outputs with abs(h) > 0.99", sat.get(2) + "%", sat.get(4) + "%");
        put(t, "kaiming-step0", "std of the pre-activations", sat.get(3), sat.get(5));

        put(t, "batchnorm-step0", "parameters", Integer.toString(stages.get("batchnorm").params()));
        put(t, "batchnorm-step0", "loss at step 0", f4(stages.get("batchnorm").lossStep0()));
        put(t, "batchnorm-step0", "tanh outputs with abs(h) > 0.99", sat.get(6) + "%");
        put(t, "batchnorm-step0", "largest abs(mean) of a unit after BatchNorm", NONE);
        put(t, "batchnorm-step0", "smallest and largest std of a unit after BatchNorm", NONE);

        var max = f.groups(LectureNumbersFile.CALIBRATION_MAX);
        var cal = f.groups(LectureNumbersFile.CALIBRATION_LOSSES);   // train, val explicit; train, val running
        put(t, "calibration", "largest abs(explicit - running) of a mean", max.get(0));
        put(t, "calibration", "largest abs(explicit - running) of a std", max.get(1));
        put(t, "calibration", "train loss, explicit statistics", cal.get(0));
        put(t, "calibration", "val loss, explicit statistics", cal.get(1));
        put(t, "calibration", "train loss, running statistics", cal.get(2));
        put(t, "calibration", "val loss, running statistics", cal.get(3));
        var bn = stages.get("batchnorm");
        put(t, "long-run-4", "train, val", f4(bn.train()) + ", " + f4(bn.val()));
        var printed = f.groups(LectureNumbersFile.PRINTED_LOSSES);
        put(t, "long-run-4", "minibatch loss at steps " + String.join(", ", printed.subList(0, 3)),
                String.join(", ", printed.subList(3, 6)));

        put(t, "deep-networks", "parameters, with BatchNorm", Integer.toString(stages.get("deep-batchnorm").params()));
        put(t, "deep-networks", "parameters, without BatchNorm", Integer.toString(stages.get("deep-tanh").params()));
        put(t, "deep-networks", "loss at step 0, with BatchNorm", f4(stages.get("deep-batchnorm").lossStep0()));
        put(t, "deep-networks", "loss at step 0, without BatchNorm", f4(stages.get("deep-tanh").lossStep0()));
        put(t, "deep-networks", "sqrt(32/31): how far the two variance conventions are apart", NONE);

        var tanh = f.all(LectureNumbersFile.DEEP_BATCHNORM_TANH);
        var gradStd = List.of(f.value(LectureNumbersFile.TANH_GRAD_STD).split(", "));
        for (int i = 0; i < tanh.size(); i++) {
            var r = tanh.get(i);
            String label = "layer " + r.get(0) + " (Tanh)";
            put(t, "activations-1000", label, r.get(1), r.get(2), r.get(3) + "%");
            put(t, "gradients-1000", label, gradStd.get(i));
        }
        var grads = f.all(LectureNumbersFile.PARAM_GRADS);
        // The 2-D parameters in order: C, then the weight of each Linear (layers 0, 3, ..., 15).
        for (int i = 0; i < grads.size(); i++) {
            var g = grads.get(i);
            String shape = "(" + g.get(0) + ", " + g.get(1) + ")";
            put(t, "weights-1000", (i == 0 ? "C " : "layer " + 3 * (i - 1) + " ") + shape, g.get(2), g.get(3));
        }
        var ratios = List.of(f.value(LectureNumbersFile.UPDATE_RATIOS).split(" "));
        // The parameters in order: C, then each Linear's weight with its BatchNorm1d's gamma and beta.
        put(t, "update-ratios-1000", "C", ratios.get(0), NONE, NONE);
        for (int k = 0; 1 + 3 * k < ratios.size(); k++) {
            put(t, "update-ratios-1000", "layer " + 3 * k + " and its BatchNorm1d", ratios.get(1 + 3 * k),
                    ratios.get(2 + 3 * k), ratios.get(3 + 3 * k));
        }
        var eval = f.groups(LectureNumbersFile.EVAL_1001);
        put(t, "eval-1000", "train loss", eval.get(0));
        put(t, "eval-1000", "val loss", eval.get(1));
        put(t, "eval-1000", "20 samples", f.value(LectureNumbersFile.SAMPLES_1001));

        var first = f.groups(LectureNumbersFile.DEEP_TANH_FIRST);
        put(t, "deep-tanh-step0", "layer " + first.get(0) + " (Tanh)", first.get(1), first.get(2) + "%");
        for (var r : f.all(LectureNumbersFile.DEEP_TANH_REST)) {
            put(t, "deep-tanh-step0", "layer " + r.get(0) + " (Tanh)", r.get(1), r.get(2) + "%");
        }
        return t;
    }

    /**
     * The lecture's train and val loss for a row of a "long-run-N" table, whose label names the stage
     * in backticks ({@code `fix-tanh`}, {@code `deep-tanh`, gain 5/3}); null if it names none.
     */
    static List<String> longRun(String rowLabel) {
        Matcher m = BACKTICKED.matcher(rowLabel);
        if (!m.find()) {
            return null;
        }
        var row = LectureNumbersFile.read().stages().get(m.group(1));
        return row == null ? null : List.of(f4(row.train()), f4(row.val()));
    }

    private static void put(Map<String, Map<String, List<String>>> t, String table, String row, String... cells) {
        var rows = t.computeIfAbsent(table, k -> new LinkedHashMap<>());
        if (rows.put(row, List.of(cells)) != null) {
            throw new IllegalStateException("LectureQuotes: row '" + row + "' of table '" + table + "' twice");
        }
    }

    private static String f4(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
