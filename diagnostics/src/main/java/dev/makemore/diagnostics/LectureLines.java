package dev.makemore.diagnostics;

import dev.makemore.core.Shape;

/**
 * The lines the lecture prints about its six-layer network, reproduced character for character
 * (Python's {@code %} formatting, via {@link PyFormat}):
 * <pre>
 * 'layer %d (%10s): mean %+.2f, std %.2f, saturated: %.2f%%' % (i, name, t.mean(), t.std(), pct)
 * 'layer %d (%10s): mean %+f, std %e' % (i, name, g.mean(), g.std())
 * 'weight %10s | mean %+f | std %e | grad:data ratio %e' % (tuple(p.shape), g.mean(), g.std(), g.std() / p.std())
 * </pre>
 * e.g. {@code layer 2 (      Tanh): mean -0.00, std 0.63, saturated: 2.78%},
 * {@code layer 2 (      Tanh): mean +0.000000, std 2.640702e-03} and
 * {@code weight  (30, 100) | mean +0.000246 | std 9.241077e-03 | grad:data ratio 4.881091e-02}.
 */
public final class LectureLines {
    private LectureLines() {
    }

    /** The activation line of layer {@code index} named {@code name} (e.g. "Tanh") with output statistics {@code t}. */
    public static String activation(int index, String name, TensorStats t) {
        return "layer " + index + " (" + PyFormat.rightAligned(name, 10) + "): mean " + PyFormat.fixed(t.mean(), 2, true)
                + ", std " + PyFormat.fixed(t.std(), 2, false) + ", saturated: "
                + PyFormat.fixed(t.saturatedPercent(), 2, false) + "%";
    }

    /** The gradient line of layer {@code index} with statistics {@code g} of its output's gradient. */
    public static String gradient(int index, String name, TensorStats g) {
        return "layer " + index + " (" + PyFormat.rightAligned(name, 10) + "): mean " + PyFormat.fixed(g.mean(), 6, true)
                + ", std " + PyFormat.exponent(g.std(), 6, false);
    }

    /** The weight line of a parameter of shape {@code shape} with gradient statistics {@code g} and grad:data ratio. */
    public static String weight(Shape shape, TensorStats g, double gradToData) {
        return "weight " + PyFormat.rightAligned(PyFormat.tuple(shape), 10) + " | mean " + PyFormat.fixed(g.mean(), 6, true)
                + " | std " + PyFormat.exponent(g.std(), 6, false) + " | grad:data ratio "
                + PyFormat.exponent(gradToData, 6, false);
    }

    /**
     * Update:data ratios as LECTURE_NUMBERS.md lists them: each {@code %.2f}, separated by spaces
     * ({@code -3.10 -2.31 -1.61 ...}).
     */
    public static String ratios(double[] log10Ratios) {
        var sb = new StringBuilder();
        for (int i = 0; i < log10Ratios.length; i++) {
            sb.append(i == 0 ? "" : " ").append(PyFormat.fixed(log10Ratios[i], 2, false));
        }
        return sb.toString();
    }
}
