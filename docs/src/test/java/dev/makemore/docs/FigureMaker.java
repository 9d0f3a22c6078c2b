package dev.makemore.docs;

import dev.makemore.diagnostics.Figure;
import dev.makemore.diagnostics.Figures;
import dev.makemore.diagnostics.Recorder;
import dev.makemore.diagnostics.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Draws the chapters' figures into {@code docs/figures/} with the diagnostics module's charts, from
 * the same short runs the chapters' numbers come from ({@link ProjectRuns}):
 * <pre>
 * ./mvnw -q -B -Pfigures -DskipTests -pl docs -am package
 * </pre>
 * (the {@code figures} profile runs this class with the test class path and {@code MAKEMORE_DATA}).
 */
public final class FigureMaker {
    private FigureMaker() {
    }

    /** How the figures' titles name the lecture's two six-layer runs. */
    static final String DEEP_TANH = "deep-tanh, gain 5/3";
    static final String DEEP_BATCHNORM = "deep-batchnorm, gain 1";

    /** Every figure, by file name (without {@code .png}), in chapter order. */
    static Map<String, Supplier<Figure>> figures() {
        var out = new LinkedHashMap<String, Supplier<Figure>>();
        out.put("01-loss", () -> {
            var curves = new LinkedHashMap<String, float[]>();
            for (String stage : List.of("original", "fix-softmax")) {
                curves.put(stage, ProjectRuns.losses(ProjectRuns.stage(stage), 1000));
            }
            return Figures.losses("original and fix-softmax, first 1000 steps", curves);
        });
        out.put("02-preactivations-original", () -> Figures.preActivations(step0("original"), "original"));
        out.put("02-activations-original", () -> Figures.activations(step0("original"), "original"));
        out.put("02-activations-fix-tanh", () -> Figures.activations(step0("fix-tanh"), "fix-tanh"));
        out.put("02-saturation-original", () -> saturation("original"));
        out.put("02-saturation-fix-tanh", () -> saturation("fix-tanh"));
        out.put("03-fan-in", () -> Figures.distributions(
                "x = randn(1000, 10), w = randn(10, 200): x @ w at four scales of w", ProjectRuns.fanInArrays()));
        out.put("06-weight-gradients-deep-tanh-step-0",
                () -> Figures.weightGradients(ProjectRuns.deepTanh1001().recorder().snapshot(0), DEEP_TANH));
        out.put("06-weight-gradients-deep-tanh-step-1000",
                () -> Figures.weightGradients(ProjectRuns.deepTanh1001().last(), DEEP_TANH));
        out.put("06-update-ratios-deep-tanh", () -> {
            Recorder r = ProjectRuns.deepTanh1001().recorder();
            return Figures.updateRatios(r.updateRatios(), r.parameterLabels(), r.parameterShapes(), DEEP_TANH);
        });
        out.put("06-update-ratios-lr-0-001", () -> experimentRatios("lr-0.001", "deep-tanh, gain 5/3, lr 0.001"));
        out.put("06-activations-no-fan-in", () -> Figures.activations(
                ProjectRuns.experiment("no-fan-in").recorder().snapshot(0), "deep-tanh, gain 5/3, fan-in forgotten"));
        out.put("06-update-ratios-no-fan-in",
                () -> experimentRatios("no-fan-in", "deep-tanh, gain 5/3, fan-in forgotten, lr 0.1"));
        out.put("06-activations", () -> Figures.activations(ProjectRuns.deepBatchNorm1001().last(), DEEP_BATCHNORM));
        out.put("06-gradients", () -> Figures.gradients(ProjectRuns.deepBatchNorm1001().last(), DEEP_BATCHNORM));
        out.put("06-weight-gradients", () -> Figures.weightGradients(ProjectRuns.deepBatchNorm1001().last(), DEEP_BATCHNORM));
        out.put("06-update-ratios", () -> {
            Recorder r = ProjectRuns.deepBatchNorm1001().recorder();
            return Figures.updateRatios(r.updateRatios(), r.parameterLabels(), r.parameterShapes(), DEEP_BATCHNORM);
        });
        out.put("06-update-ratios-batchnorm-gain-0-2",
                () -> experimentRatios("batchnorm-gain-0.2", "deep-batchnorm, gain 0.2, lr 0.1"));
        out.put("06-update-ratios-batchnorm-no-fan-in",
                () -> experimentRatios("batchnorm-no-fan-in", "deep-batchnorm, fan-in forgotten, lr 0.1"));
        out.put("06-update-ratios-batchnorm-no-fan-in-lr-1",
                () -> experimentRatios("batchnorm-no-fan-in-lr-1", "deep-batchnorm, fan-in forgotten, lr 1.0"));
        out.put("07-linear-sandwich-activations", () -> Figures.distributions(
                "linear sandwich (no tanh), gain 5/3: outputs of the Linear layers, step 0",
                ProjectRuns.linearSandwichRun(5.0 / 3).outputs()));
        out.put("07-linear-sandwich-gradients", () -> Figures.distributions(
                "linear sandwich (no tanh), gain 5/3: gradients at the Linear outputs, step 0",
                ProjectRuns.linearSandwichRun(5.0 / 3).gradients()));
        out.put("07-activations-gain-1", () -> Figures.activations(deepTanhStep0(1), "deep-tanh, gain 1"));
        out.put("07-activations-gain-5-3", () -> Figures.activations(deepTanhStep0(5.0 / 3), DEEP_TANH));
        out.put("07-activations-gain-3", () -> Figures.activations(deepTanhStep0(3), "deep-tanh, gain 3"));
        out.put("07-gradients-gain-0-5", () -> Figures.gradients(deepTanhStep0(0.5), "deep-tanh, gain 0.5"));
        out.put("07-gradients-gain-5-3", () -> Figures.gradients(deepTanhStep0(5.0 / 3), DEEP_TANH));
        out.put("07-gradients-gain-3", () -> Figures.gradients(deepTanhStep0(3), "deep-tanh, gain 3"));
        return out;
    }

    /** The update:data ratios over the 1001 steps of one of chapter 6's experiments. */
    private static Figure experimentRatios(String experiment, String run) {
        Recorder r = ProjectRuns.experiment(experiment).recorder();
        return Figures.updateRatios(r.updateRatios(), r.parameterLabels(), r.parameterShapes(), run);
    }

    /** Step 0 of the six-layer network without BatchNorm, with {@code gain} on every Linear but the last. */
    private static Snapshot deepTanhStep0(double gain) {
        return ProjectRuns.step0(ProjectRuns.deepTanh(gain)).snapshot();
    }

    private static Snapshot step0(String stage) {
        return ProjectRuns.step0(ProjectRuns.stage(stage)).snapshot();
    }

    private static Figure saturation(String stage) {
        Snapshot s = step0(stage);
        return Figures.saturation(s, s.tanhLayers().get(0), stage);
    }

    /** Width of the line charts in the pages, pixels: narrower than a report's, so the PNGs stay small. */
    static final int WIDTH = 1100;

    /** A line chart drawn {@link #WIDTH} wide (its height in proportion); saturation maps as they are. */
    static Figure smaller(Figure f) {
        return narrower(f, WIDTH);
    }

    private static Figure narrower(Figure f, int width) {
        if (f.width() <= width || f.name().contains("saturation")) {
            return f;
        }
        int height = Math.round((float) f.height() * width / f.width());
        return new Figure(f.name(), f.title(), f.caption(), width, height, f.painter());
    }

    /**
     * The PNG of a figure drawn {@link #WIDTH} wide, or narrower when that stays above the pages' limit
     * ({@link MarkdownTest#MAX_FIGURE_BYTES}): noisy lines, like 1001 steps of update ratios, compress badly.
     */
    static byte[] png(Figure f) {
        byte[] png = smaller(f).png();
        for (int width = WIDTH - 100; png.length > MarkdownTest.MAX_FIGURE_BYTES && width >= 700; width -= 100) {
            png = narrower(f, width).png();
        }
        return png;
    }

    /** Draws every figure into {@code args[0]} (default {@code docs/figures}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/figures");
        Files.createDirectories(dir);
        for (var e : figures().entrySet()) {
            byte[] png = png(e.getValue().get());
            Path file = dir.resolve(e.getKey() + ".png");
            Files.write(file, png);
            System.out.printf("%s (%d KB)%n", file, (png.length + 1023) / 1024);
        }
    }
}
