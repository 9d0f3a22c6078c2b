package dev.makemore.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes what a {@link Recorder} collected as one self-contained HTML page, {@code index.html}
 * (every figure embedded as a PNG {@code data:} URI, the lecture's text tables inline, nothing
 * fetched from the network), beside each figure as {@code NAME.png} and {@code NAME.svg} and the
 * tables as {@code report.txt}.
 *
 * <p>How the files land: everything is first written into a fresh hidden folder inside {@code dir};
 * only when all of it is written are the files moved into {@code dir}, each by an atomic rename,
 * {@code index.html} last. If anything fails before that (a figure that cannot be drawn, a full
 * disk), the hidden folder is deleted and {@code dir} is as it was; no file is ever half-written.
 * Files already in {@code dir} that the report does not write are left alone, and files of an
 * earlier report with the same names are replaced.
 */
public final class Report {
    /** The page's file name. */
    public static final String INDEX = "index.html";
    /** The text tables' file name. */
    public static final String TEXT = "report.txt";

    private Report() {
    }

    /** {@link #write(Path, Recorder, String)} with the title "makemore diagnostics". */
    public static Path write(Path dir, Recorder recorder) throws IOException {
        return write(dir, recorder, "makemore diagnostics");
    }

    /**
     * Writes the report of {@code recorder} into {@code dir} (created if missing).
     *
     * @param title the page's heading, e.g. the stage's name
     * @return the path of {@code index.html}
     * @throws IOException when a file cannot be written; {@code dir} is then unchanged
     */
    public static Path write(Path dir, Recorder recorder, String title) throws IOException {
        Objects.requireNonNull(recorder, "recorder");
        return write(dir, recorder, title, figures(recorder));
    }

    /** Writes the report with the given figures (the page shows those named as {@link #figures} names them). */
    static Path write(Path dir, Recorder recorder, String title, List<Figure> figures) throws IOException {
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(title, "title");
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".report-");
        try {
            var png = new LinkedHashMap<Figure, byte[]>();
            for (Figure f : figures) {
                byte[] bytes = f.png();
                png.put(f, bytes);
                Files.write(staging.resolve(f.name() + ".png"), bytes);
                Files.write(staging.resolve(f.name() + ".svg"), f.svg());
            }
            Files.writeString(staging.resolve(TEXT), text(recorder), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve(INDEX), html(title, recorder, png), StandardCharsets.UTF_8);
            var names = new ArrayList<String>();
            for (Figure f : figures) {
                names.add(f.name() + ".png");
                names.add(f.name() + ".svg");
            }
            names.add(TEXT);
            names.add(INDEX);
            for (String name : names) {
                move(staging.resolve(name), dir.resolve(name));
            }
            return dir.resolve(INDEX);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            deleteTree(staging);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The figures of the report, in page order: the loss, the update ratios, then each snapshot's. */
    public static List<Figure> figures(Recorder recorder) {
        var out = new ArrayList<Figure>();
        out.add(Figures.loss(recorder.losses(), recorder.lossSteps()));
        out.add(Figures.updateRatios(recorder.updateRatios(), recorder.parameterLabels(), recorder.parameterShapes()));
        for (Snapshot s : recorder.snapshots()) {
            out.addAll(Figures.of(s));
        }
        return out;
    }

    /** The text tables: each snapshot's lecture lines, and the update ratios at the last step. */
    public static String text(Recorder recorder) {
        var sb = new StringBuilder();
        for (Snapshot s : recorder.snapshots()) {
            sb.append(s.text()).append('\n');
        }
        var ratios = recorder.updateRatios();
        if (ratios.size() > 0) {
            int last = ratios.steps()[ratios.size() - 1];
            sb.append("update:data ratios (log10) at step ").append(last).append('\n')
                    .append(LectureLines.ratios(ratios.last())).append('\n');
        }
        return sb.toString();
    }

    // =====================================================================================
    // HTML
    // =====================================================================================

    static String html(String title, Recorder recorder, Map<Figure, byte[]> png) {
        var byName = new LinkedHashMap<String, Figure>();
        png.keySet().forEach(f -> byName.put(f.name(), f));
        var h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px auto;max-width:1440px;color:#222;line-height:1.4}\n")
                .append("h1{font-size:24px}h2{font-size:20px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:36px}")
                .append("h3{font-size:17px;margin-top:24px}\n")
                .append("figure{margin:12px 0 28px 0}img{max-width:100%;height:auto;border:1px solid #eee}\n")
                .append("figcaption{color:#444;font-size:14px;margin-top:4px}\n")
                .append("pre{background:#f6f6f6;padding:8px 12px;overflow-x:auto;font-size:13px}\n")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;")
                .append("text-align:right}th{background:#f0f0f0}td.l{text-align:left}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
        float[] losses = recorder.losses();
        int[] steps = recorder.lossSteps();
        h.append("<p>").append(losses.length).append(losses.length == 1 ? " step" : " steps").append(" recorded");
        if (losses.length > 0) {
            h.append(" (").append(steps[0]).append(" to ").append(steps[steps.length - 1]).append("); loss at the first: ")
                    .append(PyFormat.fixed(losses[0], 4, false)).append(", at the last: ")
                    .append(PyFormat.fixed(losses[losses.length - 1], 4, false));
        }
        h.append(". Snapshots at ").append(recorder.snapshots().isEmpty() ? "no step"
                : (recorder.snapshots().size() == 1 ? "step " : "steps ")
                + String.join(", ", recorder.snapshots().stream().map(s -> Integer.toString(s.step())).toList()))
                .append(".</p>\n");

        h.append("<h2>Over the run</h2>\n");
        figure(h, byName.get("loss"), png);
        figure(h, byName.get("update-ratios"), png);
        ratioTable(h, recorder);

        for (Snapshot s : recorder.snapshots()) {
            h.append("<h2 id=\"step-").append(s.step()).append("\">Step ").append(s.step()).append("</h2>\n<p>Minibatch loss ")
                    .append(PyFormat.fixed(s.loss(), 4, false)).append(", learning rate ").append(s.learningRate())
                    .append(". Layer outputs and their gradients are those of this step's forward and backward passes;"
                            + " grad:data ratios divide by the parameters after its update, as the lecture prints them"
                            + " once its loop stops.</p>\n");
            h.append("<h3>Activations</h3>\n");
            pre(h, s.activationLines());
            figure(h, byName.get("step-" + s.step() + "-preactivations"), png);
            figure(h, byName.get("step-" + s.step() + "-activations"), png);
            h.append("<h3>Gradients</h3>\n");
            pre(h, s.gradientLines());
            figure(h, byName.get("step-" + s.step() + "-gradients"), png);
            h.append("<h3>Weight gradients</h3>\n");
            pre(h, s.weightLines());
            figure(h, byName.get("step-" + s.step() + "-weight-gradients"), png);
            h.append("<h3>Saturation</h3>\n");
            boolean any = false;
            for (LayerRecord l : s.tanhLayers()) {
                if (l.saturation() != null) {
                    any = true;
                    int[] dead = l.saturation().deadUnits();
                    h.append("<p>").append(esc(l.label())).append(": ")
                            .append(PyFormat.fixed(100 * l.saturation().fraction(), 2, false))
                            .append("% saturated; dead units in this batch: ")
                            .append(dead.length == 0 ? "none" : esc(Arrays.toString(dead))).append("</p>\n");
                    figure(h, byName.get("step-" + s.step() + "-saturation-layer-" + l.index()), png);
                }
            }
            if (!any) {
                h.append("<p>No tanh layer with a 2-D output was recorded.</p>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void ratioTable(StringBuilder h, Recorder recorder) {
        var ratios = recorder.updateRatios();
        if (ratios.size() == 0) {
            return;
        }
        int last = ratios.steps()[ratios.size() - 1];
        double[] r = ratios.last();
        h.append("<h3>Update:data ratios at step ").append(last).append("</h3>\n");
        pre(h, List.of(LectureLines.ratios(r)));
        h.append("<table>\n<tr><th>param</th><th>shape</th><th class=\"l\">what</th><th>log10 ratio</th></tr>\n");
        for (int p = 0; p < r.length; p++) {
            h.append("<tr><td>").append(p).append("</td><td>").append(esc(PyFormat.tuple(recorder.parameterShapes().get(p))))
                    .append("</td><td class=\"l\">").append(esc(recorder.parameterLabels().get(p))).append("</td><td>")
                    .append(PyFormat.fixed(r[p], 2, false)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void figure(StringBuilder h, Figure f, Map<Figure, byte[]> png) {
        if (f == null) {
            h.append("<p>(nothing recorded for this figure)</p>\n");
            return;
        }
        h.append("<figure id=\"").append(f.name()).append("\">\n<img alt=\"").append(esc(f.title())).append("\" width=\"")
                .append(f.width()).append("\" height=\"").append(f.height()).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.get(f))).append("\">\n<figcaption>").append(esc(f.caption()))
                .append(" <a href=\"").append(f.name()).append(".svg\">SVG</a> <a href=\"").append(f.name())
                .append(".png\">PNG</a></figcaption>\n</figure>\n");
    }

    private static void pre(StringBuilder h, List<String> lines) {
        if (lines.isEmpty()) {
            h.append("<p>(not recorded)</p>\n");
            return;
        }
        h.append("<pre>");
        for (String l : lines) {
            h.append(esc(l)).append('\n');
        }
        h.append("</pre>\n");
    }

    /** {@code s} as HTML text or attribute value ({@code &} first, so no entity is escaped twice). */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
