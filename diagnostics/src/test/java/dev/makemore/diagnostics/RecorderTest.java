package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.nn.Module;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RecorderTest {

    private static double std(NdArray a) {
        return new StandardDeviation(true).evaluate(a.toDoubleArray());
    }

    @Test
    void layersAreNumberedAsTheLectureNumbersThem() {
        var net = new TinyNet(1);
        var recorder = Recorder.atLastStep(3);
        net.train(3, recorder);
        Snapshot s = recorder.snapshot(2);
        assertThat(s.step()).isEqualTo(2);
        assertThat(s.learningRate()).isEqualTo(0.1);
        assertThat(s.layers()).extracting(LayerRecord::name)
                .containsExactly("Linear", "BatchNorm1d", "Tanh", "Linear", "BatchNorm1d");
        assertThat(s.layers()).extracting(LayerRecord::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(s.tanhLayers()).extracting(LayerRecord::label).containsExactly("layer 2 (Tanh)");
        assertThat(s.layer(2).tanh()).isTrue();
        assertThat(s.inputOf(s.layer(2)).orElseThrow().label()).isEqualTo("layer 1 (BatchNorm1d)");
        assertThat(s.inputOf(s.layer(0))).isEmpty();
        assertThatThrownBy(() -> s.layer(5)).hasMessageContaining("no layer 5");
        assertThat(recorder.parameterLabels()).containsExactly("C", "layer 0 (Linear) weight",
                "layer 1 (BatchNorm1d) weight", "layer 1 (BatchNorm1d) bias", "layer 3 (Linear) weight",
                "layer 4 (BatchNorm1d) weight", "layer 4 (BatchNorm1d) bias");
        assertThat(recorder.parameterShapes()).hasSize(7);
        assertThat(s.matrices()).extracting(ParameterRecord::legend)
                .containsExactly("(27, 4) C", "(12, 16) layer 0 (Linear) weight", "(16, 27) layer 3 (Linear) weight");
    }

    @Test
    void theSameNumberingWhateverListTheLoopPasses() {
        var viaSequential = new TinyNet(2);
        var a = Recorder.atSteps(1);
        viaSequential.train(2, a);

        var viaModules = new TinyNet(2);
        var b = Recorder.atSteps(1);
        viaModules.train(2, b, t -> List.of(t.emb, t.flatten, t.lin1, t.bn1, t.tanh, t.lin2, t.bn2));

        var viaLectureList = new TinyNet(2);
        var c = Recorder.atSteps(1).nameParameter(viaLectureList.emb.weight(), "C");
        viaLectureList.train(2, c, TinyNet::lectureLayers);

        for (Recorder r : List.of(b, c)) {
            assertThat(r.parameterLabels()).isEqualTo(a.parameterLabels());
            assertThat(r.snapshot(1).activationLines()).isEqualTo(a.snapshot(1).activationLines());
            assertThat(r.snapshot(1).gradientLines()).isEqualTo(a.snapshot(1).gradientLines());
            assertThat(r.snapshot(1).weightLines()).isEqualTo(a.snapshot(1).weightLines());
            assertThat(r.losses()).containsExactly(a.losses());
        }
        var unnamed = new TinyNet(2);
        var d = Recorder.atSteps();
        unnamed.train(1, d, TinyNet::lectureLayers);
        assertThat(d.parameterLabels().get(0)).isEqualTo("parameter 0");
        assertThat(d.snapshots()).isEmpty();
        assertThat(d.lastSnapshot()).isEmpty();
    }

    @Test
    void snapshotsHoldTheStatisticsOfThatStep() {
        var net = new TinyNet(3);
        var recorder = Recorder.atSteps(4);
        net.train(5, recorder);
        Snapshot s = recorder.lastSnapshot().orElseThrow();
        assertThat(s.step()).isEqualTo(4);
        assertThat(s.loss()).isEqualTo(recorder.losses()[4]);

        Tensor out = net.tanh.out();
        LayerRecord tanh = s.layer(2);
        assertThat(tanh.output()).isEqualTo(TensorStats.of(out.data()));
        assertThat(tanh.hasGradient()).isTrue();
        assertThat(tanh.gradient()).isEqualTo(TensorStats.of(out.grad()));
        assertThat(tanh.output().std()).isCloseTo(std(out.data()), within(1e-6));
        assertThat(tanh.gradient().std()).isCloseTo(std(out.grad()), within(1e-9));
        assertThat(tanh.outputHistogram().total()).isEqualTo(32 * 16);
        assertThat(tanh.saturation().rows()).isEqualTo(32);
        assertThat(tanh.saturation().cols()).isEqualTo(16);
        assertThat(s.layer(1).saturation()).isNull();
        assertThat(tanh.activationLine()).startsWith("layer 2 (      Tanh): mean ");
        assertThat(tanh.gradientLine()).startsWith("layer 2 (      Tanh): mean ");

        ParameterRecord w1 = s.parameters().get(1);
        Tensor p = net.lin1.weight();
        assertThat(w1.index()).isEqualTo(1);
        assertThat(w1.isMatrix()).isTrue();
        assertThat(w1.hasGradient()).isTrue();
        assertThat(w1.dataStd()).isCloseTo(std(p.data()), within(1e-6));
        assertThat(w1.gradient().std()).isCloseTo(std(p.grad()), within(1e-8));
        assertThat(w1.gradToData()).isCloseTo(std(p.grad()) / std(p.data()), within(1e-6));
        assertThat(w1.gradientHistogram().total()).isEqualTo(12 * 16);
        assertThat(s.parameters().get(2).gradientHistogram()).isNull(); // 1-D: no histogram, as the lecture
        assertThat(w1.weightLine()).startsWith("weight   (12, 16) | mean ");

        assertThat(s.activationLines()).hasSize(1);
        assertThat(s.gradientLines()).hasSize(1);
        assertThat(s.weightLines()).hasSize(3);
        assertThat(s.text()).contains("step 4: loss ").contains(s.activationLines().get(0))
                .contains(s.gradientLines().get(0)).contains(s.weightLines().get(2));
    }

    @Test
    void gradientsAreRetainedOnlyOnSnapshotStepsAndRatiosRecordedEveryStep() {
        var net = new TinyNet(4);
        var recorder = Recorder.atSteps(1, 3);
        var retained = new ArrayList<Boolean>();
        var ratios = new ArrayList<double[]>();
        TrainingObserver spy = new TrainingObserver() {
            @Override
            public void beforeBackward(int step, List<Module> layers) {
                recorder.beforeBackward(step, layers);
            }

            @Override
            public void afterUpdate(int step, double loss, double lr, List<Module> layers, List<Tensor> parameters) {
                recorder.afterUpdate(step, loss, lr, layers, parameters);
                retained.add(net.tanh.out().grad() != null);
                double[] r = new double[parameters.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = UpdateRatios.log10Ratio(lr, parameters.get(i).grad(), parameters.get(i).data());
                }
                ratios.add(r);
            }
        };
        net.train(5, spy);
        assertThat(retained).containsExactly(false, true, false, true, false);
        assertThat(recorder.snapshots()).extracting(Snapshot::step).containsExactly(1, 3);
        assertThat(recorder.snapshotSteps()).containsExactly(1, 3);
        assertThat(recorder.losses()).hasSize(5);
        assertThat(recorder.lossSteps()).containsExactly(0, 1, 2, 3, 4);
        assertThat(recorder.updateRatios().size()).isEqualTo(5);
        for (int step = 0; step < 5; step++) {
            assertThat(recorder.updateRatios().atStep(step)).containsExactly(ratios.get(step));
        }
        assertThat(recorder.updateRatios().last()).containsExactly(ratios.get(4));
    }

    @Test
    void snapshotsThatWereNotTakenAreExplained() {
        var net = new TinyNet(5);
        var recorder = Recorder.atSteps(1, 10);
        net.train(3, recorder);
        assertThatThrownBy(() -> recorder.snapshot(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no snapshot at step 2").hasMessageContaining("[1]");
        assertThatThrownBy(() -> recorder.snapshot(10)).hasMessageContaining("asked for but not reached");
        assertThatThrownBy(() -> Recorder.atSteps().snapshot(0)).hasMessageContaining("taken at no step");
        assertThat(Recorder.atSteps().updateRatios().size()).isZero();
    }

    @Test
    void badStepsAreRejected() {
        assertThatThrownBy(() -> Recorder.atSteps(3, -1)).hasMessageContaining("steps count from 0");
        assertThatThrownBy(() -> Recorder.atLastStep(0)).hasMessageContaining("must be positive");
        assertThat(Recorder.atLastStep(1001).snapshotSteps()).containsExactly(1000);
    }

    @Test
    void atStepsOfARunCountFromTheEndWhenNegative() {
        assertThat(Recorder.forRun(1001).snapshotSteps()).containsExactly(1000);
        assertThat(Recorder.forRun(1001, 0, -1, 500, 500).snapshotSteps()).containsExactly(0, 500, 1000);
        assertThat(Recorder.forRun(10, -10).snapshotSteps()).containsExactly(0);
        assertThatThrownBy(() -> Recorder.forRun(10, 10)).hasMessage(
                "snapshot step 10: a run of 10 steps has steps 0..9 (or -10..-1 counted from the end)");
        assertThatThrownBy(() -> Recorder.forRun(10, -11)).hasMessageContaining("snapshot step -11");
        assertThatThrownBy(() -> Recorder.forRun(0)).hasMessageContaining("must be positive");
    }

    @Test
    void aLayerThatNeverRanIsReported() {
        var net = new TinyNet(6);
        var recorder = Recorder.atSteps(0);
        // No forward pass: the layers have no output yet.
        assertThatThrownBy(() -> recorder.afterUpdate(0, 3.3, 0.1, List.of(net.net), net.parameters))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("layer 0 (Linear) has no output");
    }

    @Test
    void recordsWithoutGradientsStillPrintActivations() {
        var out = Tensor.of(NdArray.of(new float[]{0.5f, -0.99f, 0.995f, 0f}, 2, 2));
        var l = LayerRecord.of(2, "Tanh", true, out);
        assertThat(l.hasGradient()).isFalse();
        assertThat(l.gradientHistogram()).isNull();
        assertThat(l.activationLine()).isEqualTo("layer 2 (      Tanh): mean +0.13, std 0.85, saturated: 50.00%");
        assertThatThrownBy(l::gradientLine).hasMessageContaining("no gradient was recorded");
        var p = ParameterRecord.of(0, "C", Tensor.parameter(NdArray.of(new float[]{1f, 2f, 3f, 4f}, 2, 2)));
        assertThat(p.hasGradient()).isFalse();
        assertThat(p.gradToData()).isNaN();
        assertThat(p.gradientHistogram()).isNull();
        assertThatThrownBy(p::weightLine).hasMessageContaining("parameter 0 (C): no gradient");
        var s = new Snapshot(0, 3.0, 0.1, List.of(l), List.of(p));
        assertThat(s.tanhLayers()).isEmpty(); // the last layer is left out, as layers[:-1]
        assertThat(s.matrices()).isEmpty();
    }
}
