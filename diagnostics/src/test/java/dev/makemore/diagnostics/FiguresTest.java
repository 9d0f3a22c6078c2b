package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FiguresTest {

    @Test
    void theLossWindowIsTheLecturesThousandWhenTheRunIsLong() {
        assertThat(Figures.lossWindow(200_000)).isEqualTo(1000);
        assertThat(Figures.lossWindow(20_000)).isEqualTo(1000);
        assertThat(Figures.lossWindow(19_999)).isEqualTo(100);
        assertThat(Figures.lossWindow(1001)).isEqualTo(10);
        assertThat(Figures.lossWindow(40)).isEqualTo(1);
        assertThat(Figures.lossWindow(0)).isEqualTo(1);
    }

    @Test
    void theLossCurveAveragesLog10LossOverCompleteWindows() throws Exception {
        // 205 steps: windows of 10 (20 complete ones), the last 5 steps left out. In window w the
        // losses alternate 10^w and 10^(w+2): the mean of log10 is w + 1 exactly (the log10 of the
        // mean loss would be about w + 1.70). The 5 left-over steps are huge, to show if counted.
        float[] losses = new float[205];
        int[] steps = new int[205];
        for (int i = 0; i < losses.length; i++) {
            int w = i / 10;
            losses[i] = i >= 200 ? 1e30f : (float) Math.pow(10, i % 2 == 0 ? w : w + 2);
            steps[i] = 1000 + 3 * i;
        }
        assertThat(Figures.lossWindow(losses.length)).isEqualTo(10);
        double[] curve = Figures.windowedLog10(losses, Figures.lossWindow(losses.length));
        assertThat(curve).hasSize(20);
        for (int w = 0; w < 20; w++) {
            assertThat(curve[w]).as("mean log10 loss of window %d", w).isCloseTo(w + 1, within(1e-6));
        }
        var f = Figures.loss(losses, steps);
        assertThat(f.title()).isEqualTo("Loss");
        assertThat(ImageIO.read(new ByteArrayInputStream(f.png())).getWidth()).isEqualTo(1400);
        assertThatThrownBy(() -> Figures.loss(new float[2], new int[1])).hasMessageContaining("2 losses for 1 steps");
    }

    @Test
    void severalLossCurvesShareOneChart() throws Exception {
        float[] high = new float[1000];
        float[] low = new float[1000];
        java.util.Arrays.fill(high, 27.9f);
        java.util.Arrays.fill(low, 3.3f);
        var curves = new java.util.LinkedHashMap<String, float[]>();
        curves.put("original", high);
        curves.put("fix-softmax", low);
        var f = Figures.losses("original and fix-softmax", curves);
        assertThat(f.name()).isEqualTo("losses");
        assertThat(ImageIO.read(new ByteArrayInputStream(f.png())).getWidth()).isEqualTo(1400);
        assertThatThrownBy(() -> Figures.losses("none", java.util.Map.of())).hasMessageContaining("none given");
    }

    @Test
    void distributionsShareOneChart() throws Exception {
        var narrow = dev.makemore.core.NdArray.zeros(dev.makemore.core.DType.FLOAT32, 100);
        var wide = dev.makemore.core.NdArray.zeros(dev.makemore.core.DType.FLOAT32, 100);
        for (int i = 0; i < 100; i++) {
            narrow.set(i, (i - 50) / 50.0);
            wide.set(i, (i - 50) / 5.0);
        }
        var m = new java.util.LinkedHashMap<String, dev.makemore.core.NdArray>();
        m.put("x", narrow);
        m.put("y", wide);
        var f = Figures.distributions("x and y", m);
        assertThat(f.title()).isEqualTo("x and y");
        assertThat(ImageIO.read(new ByteArrayInputStream(f.png())).getWidth()).isEqualTo(1400);
        assertThatThrownBy(() -> Figures.distributions("none", java.util.Map.of())).hasMessageContaining("none given");
    }

    @Test
    void aFigureCanNameItsRun() throws Exception {
        var recorder = Recorder.atSteps(0);
        new TinyNet(12).train(1, recorder);
        Snapshot s = recorder.snapshot(0);
        assertThat(Figures.activations(s, "deep-tanh, gain 3").title()).isEqualTo("deep-tanh, gain 3: Activations, step " + s.step());
        assertThat(Figures.activations(s).title()).isEqualTo("Activations, step " + s.step());
        assertThat(Figures.gradients(s, "run").png()).isNotEmpty();
    }

    @Test
    void longRatioSeriesAreAveragedAndDrawn() throws Exception {
        var p = Tensor.parameter(NdArray.of(new float[]{1, 2, 3, 4}, 2, 2));
        p.setGrad(NdArray.of(new float[]{0.1f, -0.1f, 0.2f, 0f}, 2, 2));
        var b = Tensor.parameter(NdArray.of(new float[]{1, 2}));
        b.setGrad(NdArray.of(new float[]{1, 2}));
        var r = new UpdateRatios(2);
        for (int step = 0; step < 4500; step++) {
            r.record(step, step == 10 ? 0.0 : 0.1, List.of(p, b)); // lr 0 gives -inf once: a gap, not a crash
        }
        var f = Figures.updateRatios(r, List.of("w", "b"), List.of(Shape.of(2, 2), Shape.of(2)));
        var image = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(new String(f.svg(), StandardCharsets.UTF_8)).contains("<svg");
        var empty = Figures.updateRatios(new UpdateRatios(0), List.of(), List.of());
        assertThat(empty.png()).isNotEmpty();
    }

    @Test
    void tickLabelsReadLikeMatplotlibs() {
        assertThat(Figures.tickLabel(0.0020000000000000005)).isEqualTo("0.002");
        assertThat(Figures.tickLabel(-0.5)).isEqualTo("-0.5");
        assertThat(Figures.tickLabel(1000.0)).isEqualTo("1000");
        assertThat(Figures.tickLabel(-1e-17)).isEqualTo("0");
        assertThat(Figures.tickLabel(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Figures.niceStep(100, 20)).isEqualTo(5);
        assertThat(Figures.niceStep(32, 8)).isEqualTo(5);
        assertThat(Figures.niceStep(200, 20)).isEqualTo(10);
        assertThat(Figures.niceStep(10, 20)).isEqualTo(1);
        assertThat(Figures.niceStep(3000, 20)).isEqualTo(200);
    }

    @Test
    void saturationNeedsATanhLayerAndIsSizedToItsBatch() throws Exception {
        var recorder = Recorder.atSteps(0);
        new TinyNet(12).train(1, recorder);
        Snapshot s = recorder.snapshot(0);
        assertThatThrownBy(() -> Figures.saturation(s, s.layer(1))).hasMessageContaining("no saturation map");
        var f = Figures.saturation(s, s.layer(2));
        // 16 units over 1290 px would make cells 80 px; 32 rows cap the image at 700 px.
        var g = Figures.SaturationGeometry.of(32, 16);
        assertThat(f.height()).isEqualTo(g.height());
        assertThat(g.cell()).isEqualTo(700.0 / 32);
        var image = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertThat(image.getHeight()).isEqualTo(f.height());
        // A saturated pixel is white, a healthy one black, inside the image.
        var map = s.layer(2).saturation();
        for (int r = 0; r < map.rows(); r++) {
            for (int c = 0; c < map.cols(); c++) {
                int x = (int) (g.left() + (c + 0.5) * g.cell());
                int y = (int) (g.top() + (r + 0.5) * g.cell());
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                assertThat(rgb).as("pixel %d,%d", r, c).isEqualTo(map.isSaturated(r, c) ? 0xFFFFFF : 0x000000);
            }
        }
    }

    @Test
    void figuresCheckTheirNameAndSize() {
        Figure.Painter nothing = (g, w, h) -> { };
        assertThatThrownBy(() -> new Figure("../x", "t", "c", 10, 10, nothing)).hasMessageContaining("plain file stem");
        assertThatThrownBy(() -> new Figure("x", "t", "c", 0, 10, nothing)).hasMessageContaining("size must be positive");
        var f = new Figure("x", "t", "c", 3, 2, nothing);
        assertThat(f.image().getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }
}
