package dev.makemore.diagnostics;

import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The lecture's figures, built from what a {@link Recorder} collected: the loss curve, the
 * update:data ratios over time, and at each snapshot the pre-activation, activation, gradient and
 * weight-gradient histograms and the saturation maps. Each comes with a caption saying what a
 * healthy picture looks like.
 *
 * <p>The look follows the lecture's matplotlib figures ({@code plt.figure(figsize=(20, 4))}, about
 * 1400 x 400 pixels here): one line per layer in matplotlib's default colours, a legend naming the
 * layer ({@code layer 2 (Tanh)}), histograms plotted as the lecture does, density against each bin's
 * left edge ({@code plt.plot(hx[:-1], hy)}).
 */
public final class Figures {
    /** Width of every chart, pixels (the lecture's 20-inch-wide figures, scaled to a page). */
    public static final int WIDTH = 1400;
    /** Height of the line charts, pixels. */
    public static final int HEIGHT = 400;
    /** The lecture's loss curve averages the log10 loss over windows of this many steps. */
    public static final int LOSS_WINDOW = 1000;
    /** Time series longer than this are averaged over windows before plotting (keeps the SVGs small). */
    static final int MAX_POINTS = 2000;

    /** matplotlib's default colour cycle ("tab10"), so the figures read like the lecture's. */
    static final Color[] TAB10 = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    static {
        // Charts are drawn off screen; a report must not need a display (see Figure).
        Figure.headless();
    }

    private Figures() {
    }

    // =====================================================================================
    // Over the whole run
    // =====================================================================================

    /**
     * The loss curve: {@code log10(loss)} averaged over windows of steps, the lecture's
     * {@code plt.plot(torch.tensor(lossi).view(-1, 1000).mean(1))}. The window is 1000 steps when the
     * run has at least 20 such windows, else the largest of 100, 10, 1 that gives 20 points or more
     * (a 1001-step run is plotted in windows of 10). An incomplete last window is left out, as
     * {@code view(-1, 1000)} would refuse it.
     *
     * @param losses the loss of each step
     * @param steps  the step of each loss
     */
    public static Figure loss(float[] losses, int[] steps) {
        if (losses.length != steps.length) {
            throw new IllegalArgumentException("loss curve: " + losses.length + " losses for " + steps.length + " steps");
        }
        int window = lossWindow(losses.length);
        int windows = losses.length / window;
        double[] x = new double[windows];
        for (int w = 0; w < windows; w++) {
            x[w] = steps[w * window];
        }
        double[] y = windowedLog10(losses, window);
        XYChart chart = chart("loss (log10, mean over windows of " + window + (window == 1 ? " step" : " steps") + ")",
                "step", "log10(loss)", WIDTH, HEIGHT);
        chart.getStyler().setLegendVisible(false);
        if (windows > 0) {
            line(chart, "log10 loss", x, finite(y), TAB10[0]);
        } else {
            emptyNote(chart);
        }
        return new Figure("loss", "Loss", "Healthy: starts near log10(3.30) = 0.52 (3.30 = -ln(1/27), "
                + "the loss of a uniform guess over 27 characters), falls quickly, then slowly, and steps down when the "
                + "learning rate decays. A start far above (the lecture's first run began at 27.9, log10 1.45) is a "
                + "confidently wrong initialisation, the hockey stick that wastes the first steps.",
                WIDTH, HEIGHT, painter(chart));
    }

    /**
     * Several runs' loss curves on one chart, averaged as {@link #loss} averages one, so that their
     * levels compare on one axis (the lecture's first run against its fixed one: the hockey stick is
     * only visible beside a curve that has none).
     *
     * @param title  what the chart compares, e.g. the stages' names
     * @param curves each run's name and the loss of each of its steps 0, 1, 2, ...
     * @throws IllegalArgumentException if there is no curve
     */
    public static Figure losses(String title, Map<String, float[]> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("loss curves: none given");
        }
        int shortest = curves.values().stream().mapToInt(l -> l.length).min().orElseThrow();
        int window = lossWindow(shortest);
        XYChart chart = chart(title + ": loss (log10, mean over windows of " + window
                + (window == 1 ? " step" : " steps") + ")", "step", "log10(loss)", WIDTH, HEIGHT);
        int colour = 0;
        for (var e : curves.entrySet()) {
            double[] y = windowedLog10(e.getValue(), window);
            double[] x = new double[y.length];
            for (int w = 0; w < y.length; w++) {
                x[w] = (double) w * window;
            }
            if (y.length > 0) {
                line(chart, e.getKey(), x, finite(y), TAB10[colour++ % TAB10.length]);
            }
        }
        return new Figure("losses", "Loss curves", "Several runs on one axis: a curve that starts far above "
                + "log10(3.30) = 0.52 and falls steeply is the hockey stick of a confidently wrong initialisation.",
                WIDTH, HEIGHT, painter(chart));
    }

    /** The mean of {@code log10(loss)} over each complete window of {@code window} steps. */
    static double[] windowedLog10(float[] losses, int window) {
        double[] y = new double[losses.length / window];
        for (int w = 0; w < y.length; w++) {
            double sum = 0;
            for (int k = w * window; k < (w + 1) * window; k++) {
                sum += Math.log10(losses[k]);
            }
            y[w] = sum / window;
        }
        return y;
    }

    /**
     * The distributions of a few tensors on one chart, one density line each: the lecture's side-by-side
     * {@code plt.hist} of {@code x} and {@code y = x @ w} for several scales of {@code w}.
     *
     * @param title  what the chart compares
     * @param arrays each line's name and its values
     * @throws IllegalArgumentException if there is no array
     */
    public static Figure distributions(String title, Map<String, NdArray> arrays) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("distributions: none given");
        }
        XYChart chart = chart(title, "value", "density", WIDTH, HEIGHT);
        int colour = 0;
        for (var e : arrays.entrySet()) {
            histogramLine(chart, e.getKey(), Histogram.of(e.getValue(), e.getKey()), colour++);
        }
        return new Figure("distributions", title, "How wide each distribution is: a matrix multiply stretches a "
                + "unit Gaussian by the square root of its fan-in unless the weights are scaled down by it.",
                WIDTH, HEIGHT, painter(chart));
    }

    /** {@code "run: "}, or nothing for an unnamed run. */
    private static String runPrefix(String run) {
        return run == null || run.isEmpty() ? "" : run + ": ";
    }

    static int lossWindow(int n) {
        for (int w : new int[]{LOSS_WINDOW, 100, 10}) {
            if (n / w >= 20) {
                return w;
            }
        }
        return 1;
    }

    /**
     * The update:data ratio of every 2-D parameter over the steps, with the guide line at -3 that the
     * lecture draws ({@code plt.plot([0, len(ud)], [-3, -3], 'k')}). Long runs are averaged over
     * windows so that at most 2000 points are drawn per line.
     *
     * @param ratios the recorded ratios
     * @param labels how each parameter is named (in parameter order)
     * @param shapes each parameter's shape; only 2-D ones are drawn, as in the lecture
     */
    public static Figure updateRatios(UpdateRatios ratios, List<String> labels, List<Shape> shapes) {
        return updateRatios(ratios, labels, shapes, "");
    }

    /** As the method above, with the run (e.g. the stage and its gain) named in the chart's and the figure's titles. */
    public static Figure updateRatios(UpdateRatios ratios, List<String> labels, List<Shape> shapes, String run) {
        int n = ratios.size();
        int window = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int[] steps = ratios.steps();
        int points = (n + window - 1) / window;
        double[] x = new double[points];
        for (int k = 0; k < points; k++) {
            x[k] = steps[k * window];
        }
        // A named run keeps the title short enough for a narrow figure: the y axis says what is drawn.
        XYChart chart = chart((run == null || run.isEmpty() ? "update:data ratio, log10(std(lr * grad) / std(data))"
                : run + ": update:data ratio")
                        + (window > 1 ? ", mean over windows of " + window + " steps" : ""),
                "step", "log10(update / data)", WIDTH, HEIGHT);
        int colour = 0;
        for (int p = 0; p < ratios.parameterCount(); p++) {
            if (shapes.get(p).rank() != 2) {
                continue;
            }
            double[] y = windowMeans(ratios.series(p), window);
            line(chart, "param " + p + " " + PyFormat.tuple(shapes.get(p)) + " " + labels.get(p), x, finite(y),
                    TAB10[colour++ % TAB10.length]);
        }
        if (n > 0) {
            var guide = line(chart, "-3 (updates 1/1000 of the data)", new double[]{steps[0], steps[n - 1]},
                    new double[]{-3, -3}, Color.BLACK);
            guide.setLineWidth(1.2f);
        } else {
            emptyNote(chart);
        }
        return new Figure("update-ratios", runPrefix(run) + "Update:data ratios",
                "Healthy: the lines settle near -3 (each step changes "
                + "a parameter by about a thousandth of its size). Much above -3, the learning rate is too high or the "
                + "layer too small; much below, it learns too slowly. A line far from the others is a layer training at "
                + "its own speed (the lecture's last layer at first, made small on purpose).", WIDTH, HEIGHT, painter(chart));
    }

    private static double[] windowMeans(double[] values, int window) {
        if (window == 1) {
            return values;
        }
        int points = (values.length + window - 1) / window;
        double[] out = new double[points];
        for (int k = 0; k < points; k++) {
            double sum = 0;
            int count = 0;
            for (int j = k * window; j < Math.min(values.length, (k + 1) * window); j++) {
                if (Double.isFinite(values[j])) {
                    sum += values[j];
                    count++;
                }
            }
            out[k] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }

    // =====================================================================================
    // At one snapshot
    // =====================================================================================

    /**
     * Every figure of one snapshot: pre-activations, activations, gradients (when recorded) of the
     * tanh layers, weight gradients, and one saturation map per tanh layer. Figures with nothing to
     * show (no tanh layer, no gradient) are left out.
     */
    public static List<Figure> of(Snapshot s) {
        var out = new ArrayList<Figure>();
        var tanh = s.tanhLayers();
        if (!tanh.isEmpty()) {
            out.add(preActivations(s, ""));
            out.add(activations(s, ""));
            if (tanh.stream().anyMatch(LayerRecord::hasGradient)) {
                out.add(gradients(s, ""));
            }
        }
        if (!s.matrices().isEmpty()) {
            out.add(weightGradients(s, ""));
        }
        for (LayerRecord l : tanh) {
            if (l.saturation() != null) {
                out.add(saturation(s, l));
            }
        }
        return out;
    }

    /**
     * The distribution of the tanh layers' inputs (the lecture's {@code hpreact}): one line per tanh
     * layer, showing the output of the layer before it.
     *
     * @param run the run (e.g. the stage and its gain) named in the chart's and the figure's titles, or ""
     */
    public static Figure preActivations(Snapshot s, String run) {
        return DensityFigure.PRE_ACTIVATIONS.of(s, run);
    }

    /** The activation distribution of the tanh layers, the lecture's first histogram figure. */
    public static Figure activations(Snapshot s) {
        return activations(s, "");
    }

    /** As the method above, with the run (e.g. the stage and its gain) named in the chart's and the figure's titles. */
    public static Figure activations(Snapshot s, String run) {
        return DensityFigure.ACTIVATIONS.of(s, run);
    }

    /**
     * The distribution of the gradients at the tanh layers' outputs ({@code layer.out.grad}).
     *
     * @param run the run named in the titles, or ""
     */
    public static Figure gradients(Snapshot s, String run) {
        return DensityFigure.GRADIENTS.of(s, run);
    }

    /**
     * The distribution of every 2-D parameter's gradient.
     *
     * @param run the run named in the titles, or ""
     */
    public static Figure weightGradients(Snapshot s, String run) {
        return DensityFigure.WEIGHT_GRADIENTS.of(s, run);
    }

    /** One line of a density figure: its legend and histogram; {@link #NONE} keeps its colour unused. */
    private record Density(String legend, Histogram histogram) {
        static final Density NONE = new Density(null, null);
    }

    /**
     * One of the lecture's histogram figures of a snapshot: which density lines it draws, what it is
     * called, and what a healthy one looks like. Line {@code i} is drawn in colour {@code i}, so a layer
     * keeps its colour across figures even when some line is missing.
     *
     * @param name       the file name after {@code step-N-}
     * @param title      the figure's title
     * @param chartTitle the chart's title
     * @param xLabel     what the x axis holds
     * @param lines      the density lines of a snapshot
     * @param caption    what a healthy picture looks like
     */
    private record DensityFigure(String name, String title, String chartTitle, String xLabel,
                                 Function<Snapshot, List<Density>> lines, String caption) {
        static final DensityFigure PRE_ACTIVATIONS = new DensityFigure("preactivations", "Pre-activations",
                "pre-activation distribution (inputs of the tanh layers)", "pre-activation",
                eachTanhLayer((s, t) -> s.inputOf(t)
                        .map(in -> new Density(in.label() + " -> " + t.label(), in.outputHistogram()))
                        .orElse(Density.NONE)),
                "Healthy: roughly unit Gaussian, the same for every layer (BatchNorm makes them so). Much wider, and "
                        + "tanh squashes most values to -1 or +1, where it passes no gradient back; much narrower, "
                        + "and the layer is nearly linear.");

        static final DensityFigure ACTIVATIONS = new DensityFigure("activations", "Activations",
                "activation distribution (tanh outputs)", "tanh output",
                eachTanhLayer((s, t) -> new Density(t.label(), t.outputHistogram())),
                "Healthy: every layer alike, spread over (-1, 1) with std about 0.65 and a few percent saturated "
                        + "(|t| > 0.97). Tall spikes at -1 and +1 mean saturated units that learn almost nothing; a "
                        + "narrow peak at 0 that shrinks with depth means the signal is dying out.");

        static final DensityFigure GRADIENTS = new DensityFigure("gradients", "Gradients",
                "gradient distribution (at the tanh outputs)", "gradient",
                eachTanhLayer((s, t) -> t.hasGradient() ? new Density(t.label(), t.gradientHistogram()) : Density.NONE),
                "Healthy: every layer alike. Distributions that narrow from the last layer to the first mean "
                        + "vanishing gradients; widening, exploding ones. Either way the layers learn at different "
                        + "speeds.");

        static final DensityFigure WEIGHT_GRADIENTS = new DensityFigure("weight-gradients", "Weight gradients",
                "weights gradient distribution (2-D parameters)", "gradient",
                s -> s.matrices().stream()
                        .map(p -> new Density("param " + p.index() + " " + p.legend(), p.gradientHistogram())).toList(),
                "Healthy: similar widths, with grad:data ratios (table) about 1e-3 to 1e-2. A much wider "
                        + "distribution, typically the last layer's, means that parameter trains much faster than the "
                        + "rest; with plain SGD that imbalance matters early in training.");

        /** One line per tanh layer of the snapshot, in the layers' order. */
        private static Function<Snapshot, List<Density>> eachTanhLayer(
                BiFunction<Snapshot, LayerRecord, Density> line) {
            return s -> s.tanhLayers().stream().map(t -> line.apply(s, t)).toList();
        }

        /** This figure at snapshot {@code s}, the run (if any) named in its titles. */
        Figure of(Snapshot s, String run) {
            XYChart chart = chart(runPrefix(run) + chartTitle + ", step " + s.step(), xLabel, "density", WIDTH, HEIGHT);
            var drawn = lines.apply(s);
            for (int colour = 0; colour < drawn.size(); colour++) {
                var line = drawn.get(colour);
                if (line.histogram() != null) {
                    histogramLine(chart, line.legend(), line.histogram(), colour);
                }
            }
            return new Figure(stepName(s, name), runPrefix(run) + title + ", step " + s.step(), caption, WIDTH, HEIGHT,
                    painter(chart));
        }
    }

    /**
     * The saturation map of one tanh layer, the lecture's
     * {@code plt.imshow(h.abs() > 0.99, cmap='gray', interpolation='nearest')}: one row per example of
     * the batch, one column per unit, white where saturated.
     *
     * @throws IllegalArgumentException if the layer has no saturation map
     */
    public static Figure saturation(Snapshot s, LayerRecord layer) {
        return saturation(s, layer, "");
    }

    /** As the method above, with the run (e.g. the stage and its gain) named in the chart's and the figure's titles. */
    public static Figure saturation(Snapshot s, LayerRecord layer, String run) {
        SaturationMap map = layer.saturation();
        if (map == null) {
            throw new IllegalArgumentException(layer.label() + " has no saturation map (not a tanh layer with a 2-D output)");
        }
        var geometry = SaturationGeometry.of(map.rows(), map.cols());
        int dead = map.deadUnits().length;
        String title = runPrefix(run) + layer.label() + ", step " + s.step() + ": |h| > " + trim(map.threshold()) + " in white ("
                + String.format(Locale.ROOT, "%.1f", 100 * map.fraction()) + "% of " + map.rows() * map.cols() + "; "
                + (dead == 0 ? "no dead unit" : dead + (dead == 1 ? " dead unit" : " dead units")) + ")";
        return new Figure(stepName(s, "saturation-layer-" + layer.index()),
                runPrefix(run) + "Saturation, " + layer.label() + ", step "
                + s.step(), "Healthy: mostly black. A white pixel is an example on which the unit is saturated "
                + "(|h| > 0.99) and passes almost no gradient back; a column white from top to bottom is a dead unit, "
                + "which no example of the batch can train.", WIDTH, geometry.height(),
                (g, w, h) -> paintSaturation(g, map, geometry, title));
    }

    // =====================================================================================
    // Drawing
    // =====================================================================================

    private static String stepName(Snapshot s, String what) {
        return "step-" + s.step() + "-" + what;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.DARK_GRAY);
        st.setPlotGridLinesColor(new Color(0xE5E5E5));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setLegendBorderColor(new Color(0xCCCCCC));
        // Outside the plot: the lines reach every corner of it (tanh histograms peak at both ends).
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendSeriesLineLength(28);
        st.setSeriesColors(TAB10);
        st.setMarkerSize(0);
        st.setPlotContentSize(0.96);
        st.setLocale(Locale.ROOT);
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        st.setxAxisTickLabelsFormattingFunction(Figures::tickLabel);
        st.setyAxisTickLabelsFormattingFunction(Figures::tickLabel);
        return chart;
    }

    /** A tick label like matplotlib's: {@code 0.002}, {@code -0.5}, {@code 1000}, no float noise, no {@code -0}. */
    static String tickLabel(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Makes a chart ready to paint. XChart puts a tick on (nearly) every data point when the x values
     * of all series together are equally spaced (one histogram, or a time series), which crowds the
     * axis; one invisible extra point off that grid makes it choose round ticks as usual.
     */
    private static Figure.Painter painter(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double y = Double.NaN;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (int i = 0; i < s.getXData().length; i++) {
                min = Math.min(min, s.getXData()[i]);
                max = Math.max(max, s.getXData()[i]);
                if (Double.isNaN(y) && Double.isFinite(s.getYData()[i])) {
                    y = s.getYData()[i];
                }
            }
        }
        if (max > min && !Double.isNaN(y)) {
            XYSeries off = chart.addSeries(" ", new double[]{min + (max - min) * 0.1234567}, new double[]{y});
            off.setMarker(SeriesMarkers.NONE);
            off.setShowInLegend(false);
        }
        return chart::paint;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(1.6f);
        return series;
    }

    private static void histogramLine(XYChart chart, String name, Histogram h, int colour) {
        line(chart, name, h.leftEdges(), h.density(), TAB10[colour % TAB10.length]);
    }

    /** XChart cannot scale an axis to infinity; a non-finite value becomes a gap (NaN). */
    private static double[] finite(double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static void emptyNote(XYChart chart) {
        chart.setTitle(chart.getTitle() + " (nothing recorded)");
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("none", new double[]{0}, new double[]{0}).setMarker(SeriesMarkers.NONE);
    }

    /** Where the saturation image goes: square cells, as {@code imshow}'s default aspect. */
    record SaturationGeometry(int left, int top, double cell, int rows, int cols, int height) {
        static final int LEFT = 80;
        static final int RIGHT = 30;
        static final int TOP = 46;
        static final int BOTTOM = 58;
        static final int MAX_IMAGE_HEIGHT = 700;

        static SaturationGeometry of(int rows, int cols) {
            double cell = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, cols);
            cell = Math.min(cell, (double) MAX_IMAGE_HEIGHT / Math.max(1, rows));
            int height = TOP + (int) Math.ceil(rows * cell) + BOTTOM;
            return new SaturationGeometry(LEFT, TOP, cell, rows, cols, height);
        }

        int imageWidth() {
            return (int) Math.round(cols * cell);
        }

        int imageHeight() {
            return (int) Math.round(rows * cell);
        }
    }

    private static void paintSaturation(Graphics2D g, SaturationMap map, SaturationGeometry geo, String title) {
        AffineTransform saved = g.getTransform();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, geo.height());
        int x0 = geo.left();
        int y0 = geo.top();
        double cell = geo.cell();
        g.setColor(Color.BLACK);
        g.fill(new Rectangle2D.Double(x0, y0, geo.imageWidth(), geo.imageHeight()));
        g.setColor(Color.WHITE);
        // One rectangle per run of saturated cells in a row: the same picture with far fewer SVG elements.
        for (int r = 0; r < map.rows(); r++) {
            int c = 0;
            while (c < map.cols()) {
                if (!map.isSaturated(r, c)) {
                    c++;
                    continue;
                }
                int start = c;
                while (c < map.cols() && map.isSaturated(r, c)) {
                    c++;
                }
                g.fill(new Rectangle2D.Double(x0 + start * cell, y0 + r * cell, (c - start) * cell, cell));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x0, y0, geo.imageWidth(), geo.imageHeight()));

        // Ticks at cell centres, as imshow labels pixel indices.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        int xStep = niceStep(map.cols(), 20);
        for (int c = 0; c < map.cols(); c += xStep) {
            double x = x0 + (c + 0.5) * cell;
            int yb = y0 + geo.imageHeight();
            g.draw(new Line2D.Double(x, yb, x, yb + 5));
            String label = Integer.toString(c);
            g.drawString(label, (float) (x - fm.stringWidth(label) / 2.0), yb + 7 + fm.getAscent());
        }
        int yStep = niceStep(map.rows(), 8);
        for (int r = 0; r < map.rows(); r += yStep) {
            double y = y0 + (r + 0.5) * cell;
            g.draw(new Line2D.Double(x0 - 5, y, x0, y));
            String label = Integer.toString(r);
            g.drawString(label, (float) (x0 - 8 - fm.stringWidth(label)), (float) (y + fm.getAscent() / 2.0 - 1));
        }
        // Titles.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        fm = g.getFontMetrics();
        String xTitle = "unit (column of h)";
        g.drawString(xTitle, (float) (x0 + (geo.imageWidth() - fm.stringWidth(xTitle)) / 2.0),
                y0 + geo.imageHeight() + 7 + 14 + 8 + fm.getAscent());
        String yTitle = "example in the batch";
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, (float) (-(y0 + (geo.imageHeight() + fm.stringWidth(yTitle)) / 2.0)), 8f + fm.getAscent());
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
        fm = g.getFontMetrics();
        g.drawString(title, (float) ((WIDTH - fm.stringWidth(title)) / 2.0), 12f + fm.getAscent());
    }

    /** A step of 1, 2 or 5 times a power of ten that gives at most about {@code maxTicks} ticks over {@code n}. */
    static int niceStep(int n, int maxTicks) {
        int step = 1;
        while (true) {
            for (int m : new int[]{1, 2, 5}) {
                if ((long) n <= (long) step * m * maxTicks) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }
}
