package dev.makemore.training.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * The progress bar's line, laid out for the terminal's width with the numbers first: the stage, the
 * percentage, {@code step/steps} and the current loss are always shown; the speed and the time left
 * when they fit; the bar takes whatever width remains, and is dropped before any number is. (The
 * progressbar library's own layout draws the bar first and cuts the line's end, the loss, at 80
 * columns.)
 * <pre>
 * deep-batchnorm  20% │███▊               │ 30000/150000 loss 2.1234 6,000 steps/s
 * </pre>
 */
final class BarLine implements ProgressBarRenderer {
    /** Narrower than this, the bar says too little to be worth its brackets. */
    static final int MIN_BAR = 3;
    /** The speed and the time left are shown only if the bar keeps this many cells beside them. */
    static final int SHARED_BAR = 10;
    private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};

    private final boolean unicode;
    private final DoubleSupplier loss;

    /** A renderer drawing with block characters ({@code unicode}) or ASCII, showing {@code loss}'s value. */
    BarLine(boolean unicode, DoubleSupplier loss) {
        this.unicode = unicode;
        this.loss = loss;
    }

    @Override
    public String render(ProgressState state, int width) {
        return line(state.getTaskName(), state.getCurrent(), state.getMax(), state.getTotalElapsed(),
                loss.getAsDouble(), width, unicode);
    }

    /** The line for {@code current} of {@code max} steps after {@code elapsed}, in at most {@code width} columns. */
    static String line(String task, long current, long max, Duration elapsed, double loss, int width, boolean unicode) {
        double fraction = max <= 0 ? 0 : Math.min(1, current / (double) max);
        String percent = String.format(Locale.ROOT, "%3d%%", (int) (100 * fraction));
        String numbers = current + "/" + max + " loss " + (Double.isNaN(loss) ? "-" : Format.fixed(loss, 4));
        double seconds = elapsed.toNanos() / 1e9;
        String speed = "";
        String left = "";
        if (seconds > 0 && current > 0) {
            double perSecond = current / seconds;
            speed = " " + String.format(Locale.ROOT, "%,.0f", perSecond) + " steps/s";
            left = " " + clock(Math.round((max - current) / perSecond)) + " left";
        }
        // The numbers always; the speed and the time left if the bar keeps SHARED_BAR cells beside them.
        String head = task + " " + percent + " ";
        String tail = numbers;
        for (String optional : new String[] {speed, left}) {
            if (head.length() + SHARED_BAR + 3 + tail.length() + optional.length() <= width) {
                tail += optional;
            }
        }
        int cells = width - head.length() - tail.length() - 3;
        if (cells < MIN_BAR) {
            // No room for a bar: the numbers alone, the task name shortened (or dropped) before them.
            String line = percent + " " + numbers;
            int room = width - line.length() - 1;
            return room <= 0 ? line : task.substring(0, Math.min(task.length(), room)) + " " + line;
        }
        return head + bar(fraction, cells, unicode) + tail;
    }

    /** {@code │████▍   │ } in {@code cells} cells between the brackets (then a space). */
    static String bar(double fraction, int cells, boolean unicode) {
        var sb = new StringBuilder(cells + 3).append(unicode ? '│' : '[');
        double filled = fraction * cells;
        int full = (int) filled;
        for (int i = 0; i < cells; i++) {
            if (i < full) {
                sb.append(unicode ? '█' : '=');
            } else if (i == full) {
                sb.append(unicode ? EIGHTHS[(int) ((filled - full) * 8)] : (filled > full ? '>' : ' '));
            } else {
                sb.append(' ');
            }
        }
        return sb.append(unicode ? '│' : ']').append(' ').toString();
    }

    /** {@code h:mm:ss}. */
    static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
