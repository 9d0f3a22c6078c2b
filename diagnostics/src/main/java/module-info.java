/**
 * makemore-diagnostics: what the lecture looks at inside a network, for any training loop: statistics
 * and histograms of activations and gradients, saturation, update:data ratios, the lecture's figures
 * (PNG or SVG) and one HTML report.
 */
@SuppressWarnings("requires-automatic") // XChart and VectorGraphics2D are not modular jars yet
module dev.makemore.diagnostics {
    requires transitive dev.makemore.nn;
    // Figures are drawn with Java2D and written with ImageIO, off screen; Figure hands out images.
    requires transitive java.desktop;
    // XChart names its module in its manifest (Automatic-Module-Name).
    requires org.knowm.xchart;
    // VectorGraphics2D 0.13 (XChart's SVG library, its latest release) declares no module name: this one
    // is derived from its jar's file name, VectorGraphics2D-0.13.jar, as every Maven repository names it.
    requires VectorGraphics2D;

    exports dev.makemore.diagnostics;
}
