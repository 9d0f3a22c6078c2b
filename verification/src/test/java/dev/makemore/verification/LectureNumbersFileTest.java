package dev.makemore.verification;

import dev.makemore.core.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every constant of {@link LectureNumbers} is written in LECTURE_NUMBERS.md as it is in the class. */
class LectureNumbersFileTest {

    @Test
    void everyConstantAppearsInTheReferenceFile() throws Exception {
        String text = Files.readString(ReferenceFiles.file("LECTURE_NUMBERS.md"));
        var expected = new ArrayList<String>();
        expected.add(thousands(LectureNumbers.TRAIN_SIZE));
        expected.add(thousands(LectureNumbers.VAL_SIZE));
        expected.add(thousands(LectureNumbers.TEST_SIZE));
        expected.add(String.join(", ", LectureNumbers.FIRST_SHUFFLED));
        LectureNumbers.STAGES.values().forEach(r -> {
            expected.add(Integer.toString(r.params()));
            expected.add(f4(r.lossStep0()));
            expected.add(f4(r.train()));
            expected.add(f4(r.val()));
        });
        LectureNumbers.STEP0_SATURATION.values().forEach(s -> {
            expected.add(String.format(Locale.ROOT, "%.2f%%", s.percent()));
            if (!Double.isNaN(s.preactStd())) {
                expected.add(String.format(Locale.ROOT, "std %.2f", s.preactStd()));
            }
        });
        LectureNumbers.DEEP_TANH_STEP0.forEach(t -> expected.add(String.format(Locale.ROOT, "layer %d: %s%.2f, %.2f%%",
                t.layer(), t.layer() == 1 ? "std " : "", t.std(), t.saturatedPercent())));
        LectureNumbers.DEEP_BATCHNORM_TANH.forEach(t -> expected.add(String.format(Locale.ROOT, "layer %d: %+.2f, %.2f, %.2f%%",
                t.layer(), t.mean(), t.std(), t.saturatedPercent())));
        for (double g : LectureNumbers.DEEP_BATCHNORM_TANH_GRAD_STD) {
            expected.add(e6(g));
        }
        LectureNumbers.DEEP_BATCHNORM_PARAM_GRADS.forEach(p -> expected.add(String.format(Locale.ROOT, "(%d,%d) %s, %s",
                p.rows(), p.cols(), e6(p.gradStd()), e6(p.gradToData()))));
        var ratios = new StringBuilder();
        for (double r : LectureNumbers.DEEP_BATCHNORM_UPDATE_RATIOS) {
            ratios.append(ratios.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", r));
        }
        expected.add(ratios.toString());
        expected.add("train **" + f4(LectureNumbers.DEEP_BATCHNORM_TRAIN_1001) + "**, val **"
                + f4(LectureNumbers.DEEP_BATCHNORM_VAL_1001) + "**");
        expected.add(samples(LectureNumbers.DEEP_BATCHNORM_SAMPLES_1001));
        expected.add(samples(LectureNumbers.BATCHNORM_SAMPLES));
        expected.add(samples(LectureNumbers.FIX_TANH_SAMPLES));
        expected.add(f4(LectureNumbers.BATCHNORM_MAX_MEAN_DIFF) + " for the mean");
        expected.add(f4(LectureNumbers.BATCHNORM_MAX_STD_DIFF) + " for the std");
        expected.add(f4(LectureNumbers.BATCHNORM_TRAIN_EXPLICIT) + " / " + f4(LectureNumbers.BATCHNORM_VAL_EXPLICIT));
        expected.add(f4(LectureNumbers.BATCHNORM_TRAIN_RUNNING) + " / " + f4(LectureNumbers.BATCHNORM_VAL_RUNNING));
        for (int i = 0; i < 3; i++) {
            expected.add(f4(LectureNumbers.BATCHNORM_PRINTED_LOSSES[i]));
            expected.add(Integer.toString(LectureNumbers.BATCHNORM_PRINTED_STEPS[i]));
        }
        expected.add("a std " + f4(LectureNumbers.LINEAR_A_STD) + ", b std " + f4(LectureNumbers.LINEAR_B_STD) + ", c std "
                + f4(LectureNumbers.LINEAR_C_STD) + "; c.grad std " + f4(LectureNumbers.LINEAR_C_GRAD_STD) + ", a.grad std "
                + f4(LectureNumbers.LINEAR_A_GRAD_STD) + ", b.grad std " + f4(LectureNumbers.LINEAR_B_GRAD_STD));
        expected.add("manual_seed(" + LectureNumbers.SEED + ")");
        expected.add("steps 0..1000 (" + LectureNumbers.DEEP_BATCHNORM_STEPS + " updates)");
        assertThat(text).contains(expected);
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String e6(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    private static String thousands(int v) {
        return "**" + v + "**";
    }

    private static String samples(java.util.List<String> names) {
        return String.join(". ", names) + ".";
    }
}
