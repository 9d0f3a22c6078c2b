package dev.makemore.diagnostics;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One figure of the report (a chart of the lecture, such as the activation histograms of the tanh
 * layers), drawn once by a {@link Painter} into either a PNG or an SVG of the same size.
 *
 * <p>The charts are XChart charts ({@code Chart::paint} is the painter); the saturation map is drawn
 * with plain Java2D. SVG goes through VectorGraphics2D, the library XChart's own SVG export uses.
 * Drawing happens off screen: {@link #png()} and {@link #svg()} set {@code java.awt.headless=true}
 * first unless it was set, so no display is needed.
 *
 * @param name    file stem, e.g. {@code step-1000-activations} (files {@code .png} and {@code .svg})
 * @param title   heading in the report
 * @param caption what a healthy picture looks like, one or two sentences under the figure
 * @param width   width in pixels
 * @param height  height in pixels
 * @param painter draws the figure into a graphics context of that size
 */
public record Figure(String name, String title, String caption, int width, int height, Painter painter) {

    /** Draws a figure onto {@code g}, a canvas of {@code width x height} pixels. */
    @FunctionalInterface
    public interface Painter {
        /** Draws everything, background included. */
        void paint(Graphics2D g, int width, int height);
    }

    /** Validates the parts. */
    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(painter, "painter");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("figure name '" + name + "' must be a plain file stem");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("figure " + name + ": size must be positive, got " + width + "x" + height);
        }
    }

    /** The figure as an RGB image. */
    public BufferedImage image() {
        headless();
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The figure as PNG bytes. */
    public byte[] png() {
        var bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image(), "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The figure as an SVG document (UTF-8), {@code width x height} user units. */
    public byte[] svg() {
        headless();
        var g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g, width, height);
        var document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
        var bytes = new ByteArrayOutputStream();
        try {
            document.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void headless() {
        // Reports are written by command-line runs and tests, never shown on screen.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
