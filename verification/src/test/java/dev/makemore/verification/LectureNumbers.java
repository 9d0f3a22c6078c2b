package dev.makemore.verification;

import java.util.List;
import java.util.Map;

/**
 * What the lecture's own code prints, copied from the repository's {@code reference/LECTURE_NUMBERS.md} (PyTorch
 * 1.13, CPU, float32). These are the lecture's numbers, not this project's: tests compare what the
 * code computes with them. {@link LectureNumbersFileTest} checks that each one is written in that
 * file exactly as here, so a typo cannot slip in.
 */
final class LectureNumbers {
    private LectureNumbers() {
    }

    /** The seed of the one generator ({@code torch.Generator().manual_seed(2147483647)}). */
    static final long SEED = 2147483647L;

    // ---- Data ----
    static final int TRAIN_SIZE = 182625;
    static final int VAL_SIZE = 22655;
    static final int TEST_SIZE = 22866;
    static final List<String> FIRST_SHUFFLED = List.of("yuheng", "diondre", "xavien", "jori", "juanluis");

    /** Per stage: parameters, loss at step 0, train and val loss after 200,000 steps (the table, and the six-layer paragraphs). */
    record Row(int params, double lossStep0, double train, double val) {
    }

    static final Map<String, Row> STAGES = Map.of(
            "original", new Row(11897, 27.8817, 2.1266, 2.1734),
            "fix-softmax", new Row(11897, 3.3221, 2.0696, 2.1311),
            "fix-tanh", new Row(11897, 3.3135, 2.0356, 2.1027),
            "kaiming", new Row(11897, 3.3179, 2.0377, 2.1070),
            "batchnorm", new Row(12097, 3.3239, 2.0674, 2.1057),
            "deep-tanh", new Row(46497, 3.2962, 1.9629, 2.0875),
            "deep-batchnorm", new Row(47024, 3.2870, 1.9999, 2.0771));

    /** The loss of a uniform prediction over 27 characters, {@code -ln(1/27)}, as the lecture says it: 3.2958. */
    static final double UNIFORM_LOSS = 3.2958;

    // ---- Step 0 of the one-hidden-layer stages: % of |h| > 0.99, and the pre-activation std ----
    record Saturation(double percent, double preactStd) {
    }

    /** NaN where the lecture prints no pre-activation std (the batchnorm stage). */
    static final Map<String, Saturation> STEP0_SATURATION = Map.of(
            "original", new Saturation(60.95, 5.18),
            "fix-tanh", new Saturation(0.98, 1.00),
            "kaiming", new Saturation(8.14, 1.52),
            "batchnorm", new Saturation(0.42, Double.NaN));

    // ---- Six layers without BatchNorm, step 0: Tanh outputs (layer index, std, % |t| > 0.97) ----
    record TanhStats(int layer, double mean, double std, double saturatedPercent) {
    }

    /** Means are not printed for this network: NaN. */
    static final List<TanhStats> DEEP_TANH_STEP0 = List.of(
            new TanhStats(1, Double.NaN, 0.75, 20.25),
            new TanhStats(3, Double.NaN, 0.69, 8.38),
            new TanhStats(5, Double.NaN, 0.67, 6.62),
            new TanhStats(7, Double.NaN, 0.66, 5.47),
            new TanhStats(9, Double.NaN, 0.66, 6.13));

    // ---- Six layers with BatchNorm, after the lecture's 1001 steps ----
    static final int DEEP_BATCHNORM_STEPS = 1001;

    static final List<TanhStats> DEEP_BATCHNORM_TANH = List.of(
            new TanhStats(2, -0.00, 0.63, 2.78),
            new TanhStats(5, +0.00, 0.64, 2.56),
            new TanhStats(8, -0.00, 0.65, 2.25),
            new TanhStats(11, +0.00, 0.65, 1.69),
            new TanhStats(14, +0.00, 0.65, 1.88));

    /** Gradient std at those Tanh outputs. */
    static final double[] DEEP_BATCHNORM_TANH_GRAD_STD = {2.640702e-03, 2.245584e-03, 2.045742e-03, 1.983134e-03,
            1.952382e-03};

    /** 2-D parameters in order: shape, grad std, grad:data. */
    record ParamGrad(int rows, int cols, double gradStd, double gradToData) {
    }

    static final List<ParamGrad> DEEP_BATCHNORM_PARAM_GRADS = List.of(
            new ParamGrad(27, 10, 8.020534e-03, 8.012630e-03),
            new ParamGrad(30, 100, 9.241077e-03, 4.881091e-02),
            new ParamGrad(100, 100, 7.132879e-03, 6.964619e-02),
            new ParamGrad(100, 100, 6.234305e-03, 6.073741e-02),
            new ParamGrad(100, 100, 5.742187e-03, 5.631483e-02),
            new ParamGrad(100, 100, 5.672205e-03, 5.570125e-02),
            new ParamGrad(100, 27, 1.209416e-02, 1.160106e-01));

    /** log10(std(lr * grad) / std(data)) at the last step, for each of the 19 parameters in order. */
    static final double[] DEEP_BATCHNORM_UPDATE_RATIOS = {-3.10, -2.31, -1.61, -1.75, -2.16, -1.60, -1.71, -2.22, -1.59,
            -1.81, -2.25, -1.68, -1.83, -2.25, -1.57, -1.74, -1.94, -2.26, -2.49};

    static final double DEEP_BATCHNORM_TRAIN_1001 = 2.4003;
    static final double DEEP_BATCHNORM_VAL_1001 = 2.3982;
    static final List<String> DEEP_BATCHNORM_SAMPLES_1001 = List.of("carpah", "qarlileif", "jmrix", "thty", "sacansa",
            "jazhnte", "dpn", "arciigqeiunellaia", "chriiv", "kalein", "dhlm", "join", "qhinn", "sroin", "arian",
            "quiqaelogiearyxix", "kaeklinsan", "ed", "ecoia", "gtleley");

    // ---- The batchnorm stage after 200,000 steps ----
    static final double BATCHNORM_MAX_MEAN_DIFF = 0.0266;
    static final double BATCHNORM_MAX_STD_DIFF = 0.0537;
    static final double BATCHNORM_TRAIN_EXPLICIT = 2.0678;
    static final double BATCHNORM_VAL_EXPLICIT = 2.1056;
    static final double BATCHNORM_TRAIN_RUNNING = 2.0674;
    static final double BATCHNORM_VAL_RUNNING = 2.1057;
    /** Minibatch losses printed at steps 10000, 100000, 190000. */
    static final int[] BATCHNORM_PRINTED_STEPS = {10000, 100000, 190000};
    static final double[] BATCHNORM_PRINTED_LOSSES = {2.0322, 2.3673, 2.1707};
    static final List<String> BATCHNORM_SAMPLES = List.of("carlah", "amorie", "khi", "mri", "reity", "salaysie",
            "mahnen", "delynn", "jareei", "ner", "kiah", "maiivia", "leigh", "ham", "joce", "quint", "salin", "alianni",
            "wate", "madiaryn");
    static final List<String> FIX_TANH_SAMPLES = List.of("carmahzauri", "jai", "kimri", "reh", "casparsha", "jazhith",
            "deliah", "jareei", "nellara", "chaily", "kaleigh", "ham", "jorn", "quint", "salin", "alianni",
            "waythoniearyn", "kai", "euliyuan", "eddeli");

    // ---- One linear map (generator 2147483647): a, b, c = b @ a, loss = randn(1000) @ c ----
    static final double LINEAR_A_STD = 0.9876;
    static final double LINEAR_B_STD = 1.0007;
    static final double LINEAR_C_STD = 31.0124;
    static final double LINEAR_C_GRAD_STD = 0.9783;
    static final double LINEAR_A_GRAD_STD = 30.8818;
    static final double LINEAR_B_GRAD_STD = 0.9667;
}
