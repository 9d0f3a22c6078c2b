package dev.makemore.verification;

import dev.makemore.core.testing.LectureNumbersFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every constant of {@link LectureNumbers} is the figure in its own place of LECTURE_NUMBERS.md: the
 * stage table by row and column, the other figures by the words written before them, lists in their
 * order. A constant copied into the wrong row (train for val, one stage's saturation for another's,
 * two layers swapped) fails here, as a typo does.
 */
class LectureNumbersFileTest {
    private static LectureNumbersFile file;

    @BeforeAll
    static void read() {
        file = LectureNumbersFile.read();
    }

    @Test
    void theSplit() {
        var sizes = file.groups(LectureNumbersFile.SIZES);
        assertThat(ints(sizes))
                .containsExactly(LectureNumbers.TRAIN_SIZE, LectureNumbers.VAL_SIZE, LectureNumbers.TEST_SIZE);
        assertThat(List.of(file.value(LectureNumbersFile.FIRST_SHUFFLED).split(", ")))
                .containsExactlyElementsOf(LectureNumbers.FIRST_SHUFFLED);
        assertThat(Long.parseLong(file.value("manual_seed\\((\\d+)\\)"))).isEqualTo(LectureNumbers.SEED);
    }

    @Test
    void everyStageRowColumnByColumn() {
        var parsed = new LinkedHashMap<String, LectureNumbers.Row>();
        file.stages().forEach((name, r) -> parsed.put(name,
                new LectureNumbers.Row(r.params(), r.lossStep0(), r.train(), r.val())));
        assertThat(parsed).containsExactlyInAnyOrderEntriesOf(LectureNumbers.STAGES);
    }

    @Test
    void saturationAtStepZeroPerStage() {
        var g = file.groups(LectureNumbersFile.STEP0_SATURATION);
        var d = doubles(g);
        assertThat(Map.of("original", new LectureNumbers.Saturation(d[0], d[1]),
                "fix-tanh", new LectureNumbers.Saturation(d[2], d[3]),
                "kaiming", new LectureNumbers.Saturation(d[4], d[5]),
                "batchnorm", new LectureNumbers.Saturation(d[6], Double.NaN)))
                .containsExactlyInAnyOrderEntriesOf(LectureNumbers.STEP0_SATURATION);
    }

    @Test
    void sixTanhLayersAtStepZeroLayerByLayer() {
        var first = file.groups(LectureNumbersFile.DEEP_TANH_FIRST);
        var rest = file.all(LectureNumbersFile.DEEP_TANH_REST);
        var parsed = new ArrayList<LectureNumbers.TanhStats>();
        parsed.add(tanh(first.get(0), "NaN", first.get(1), first.get(2)));
        rest.forEach(r -> parsed.add(tanh(r.get(0), "NaN", r.get(1), r.get(2))));
        assertThat(parsed).containsExactlyElementsOf(LectureNumbers.DEEP_TANH_STEP0);
    }

    @Test
    void sixBatchNormLayersAfter1001StepsInOrder() {
        assertThat(Integer.parseInt(file.value("steps 0\\.\\.1000 \\((\\d+) updates\\)")))
                .isEqualTo(LectureNumbers.DEEP_BATCHNORM_STEPS);
        var parsed = file.all(LectureNumbersFile.DEEP_BATCHNORM_TANH).stream()
                .map(r -> tanh(r.get(0), r.get(1), r.get(2), r.get(3))).toList();
        assertThat(parsed).containsExactlyElementsOf(LectureNumbers.DEEP_BATCHNORM_TANH);
        assertThat(doubles(file.value(LectureNumbersFile.TANH_GRAD_STD).split(", ")))
                .containsExactly(LectureNumbers.DEEP_BATCHNORM_TANH_GRAD_STD);
        var grads = file.all(LectureNumbersFile.PARAM_GRADS).stream()
                .map(r -> new LectureNumbers.ParamGrad(Integer.parseInt(r.get(0)), Integer.parseInt(r.get(1)),
                        Double.parseDouble(r.get(2)), Double.parseDouble(r.get(3)))).toList();
        assertThat(grads).containsExactlyElementsOf(LectureNumbers.DEEP_BATCHNORM_PARAM_GRADS);
        assertThat(doubles(file.value(LectureNumbersFile.UPDATE_RATIOS).split(" ")))
                .containsExactly(LectureNumbers.DEEP_BATCHNORM_UPDATE_RATIOS);
        assertThat(doubles(file.groups(LectureNumbersFile.EVAL_1001)))
                .containsExactly(LectureNumbers.DEEP_BATCHNORM_TRAIN_1001, LectureNumbers.DEEP_BATCHNORM_VAL_1001);
        assertThat(samples(LectureNumbersFile.SAMPLES_1001))
                .containsExactlyElementsOf(LectureNumbers.DEEP_BATCHNORM_SAMPLES_1001);
    }

    @Test
    void theBatchNormStageAfter200000Steps() {
        var printed = file.groups(LectureNumbersFile.PRINTED_LOSSES);
        assertThat(ints(printed.subList(0, 3))).containsExactly(LectureNumbers.BATCHNORM_PRINTED_STEPS);
        assertThat(doubles(printed.subList(3, 6))).containsExactly(LectureNumbers.BATCHNORM_PRINTED_LOSSES);
        assertThat(doubles(file.groups(LectureNumbersFile.CALIBRATION_MAX))).containsExactly(
                LectureNumbers.BATCHNORM_MAX_MEAN_DIFF, LectureNumbers.BATCHNORM_MAX_STD_DIFF);
        assertThat(doubles(file.groups(LectureNumbersFile.CALIBRATION_LOSSES)))
                .containsExactly(LectureNumbers.BATCHNORM_TRAIN_EXPLICIT, LectureNumbers.BATCHNORM_VAL_EXPLICIT,
                        LectureNumbers.BATCHNORM_TRAIN_RUNNING,
                LectureNumbers.BATCHNORM_VAL_RUNNING);
        assertThat(samples("batchnorm stage: `([a-z. ]+)`"))
                .containsExactlyElementsOf(LectureNumbers.BATCHNORM_SAMPLES);
        assertThat(samples("Fix-tanh stage: `([a-z. ]+)`")).containsExactlyElementsOf(LectureNumbers.FIX_TANH_SAMPLES);
    }

    @Test
    void oneLinearMap() {
        assertThat(doubles(file.groups(LectureNumbersFile.LINEAR_MAP))).containsExactly(LectureNumbers.LINEAR_A_STD,
                LectureNumbers.LINEAR_B_STD, LectureNumbers.LINEAR_C_STD, LectureNumbers.LINEAR_C_GRAD_STD,
                LectureNumbers.LINEAR_A_GRAD_STD, LectureNumbers.LINEAR_B_GRAD_STD);
    }

    private static LectureNumbers.TanhStats tanh(String layer, String mean, String std, String saturated) {
        return new LectureNumbers.TanhStats(Integer.parseInt(layer), Double.parseDouble(mean), Double.parseDouble(std),
                Double.parseDouble(saturated));
    }

    private static List<String> samples(String regex) {
        String s = file.value(regex);
        assertThat(s).endsWith(".");
        return List.of(s.substring(0, s.length() - 1).split("\\. "));
    }

    private static int[] ints(List<String> values) {
        return values.stream().mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(List<String> values) {
        return values.stream().mapToDouble(Double::parseDouble).toArray();
    }

    private static double[] doubles(String[] values) {
        return doubles(Arrays.asList(values));
    }
}
