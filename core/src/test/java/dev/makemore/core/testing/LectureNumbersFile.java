package dev.makemore.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LECTURE_NUMBERS.md read by position: its Markdown tables by row label and column header, and its
 * other figures by the words written before them. Tests take the lecture's numbers from here, so a
 * figure checked against the reference is the one in its row and column (train is not val, one stage
 * is not another), never a string that merely occurs somewhere in the file.
 *
 * <p>Every lookup fails, naming what it looked for, when the file does not hold exactly one answer:
 * an edited reference breaks the tests that read it instead of silently checking less.
 */
public final class LectureNumbersFile {
    /** The reference file's name in {@link ReferenceFiles#directory()}. */
    public static final String NAME = "LECTURE_NUMBERS.md";

    // The phrases that introduce the file's figures outside its tables, one group per figure, for
    // groups(), all() and value(); the tests of every module read the figures through these.
    /** Train, dev and test contexts. */
    public static final String SIZES = "Sizes: train \\*\\*(\\d+)\\*\\*, dev \\*\\*(\\d+)\\*\\*,"
            + " test \\*\\*(\\d+)\\*\\* contexts";
    /** The first five shuffled words, comma-separated. */
    public static final String FIRST_SHUFFLED = "The first five shuffled words: `([a-z, ]+)`";
    /** Step-0 saturation and pre-activation std: original, fix-tanh, kaiming (each % then std), batchnorm (%). */
    public static final String STEP0_SATURATION = "`\\|h\\| > 0\\.99` holds for ([\\d.]+)% of the hidden activations in"
            + " the original stage \\(pre-activation std ([\\d.]+)\\), ([\\d.]+)% after fixing tanh"
            + " \\(std ([\\d.]+)\\),"
            + " ([\\d.]+)% with kaiming \\(std ([\\d.]+)\\), ([\\d.]+)% with batchnorm\\.";
    /** Six tanh layers at step 0, the first layer: index, std, saturated %. */
    public static final String DEEP_TANH_FIRST =
            "Tanh outputs at step 0 are: layer (\\d+): std ([\\d.]+), ([\\d.]+)% saturated;";
    /** Six tanh layers at step 0, each later layer (all()): index, std, saturated %. */
    public static final String DEEP_TANH_REST = "; layer (\\d+): ([\\d.]+), ([\\d.]+)%(?=[;.])";
    /** Six BatchNorm layers after 1001 steps, each Tanh (all()): index, signed mean, std, saturated %. */
    public static final String DEEP_BATCHNORM_TANH = "layer (\\d+): ([-+][\\d.]+), ([\\d.]+), ([\\d.]+)%";
    /** The gradient stds at those Tanh outputs, comma-separated. */
    public static final String TANH_GRAD_STD = "gradient std at those Tanh outputs: ([-\\de., ]+?) - ";
    /** Each 2-D parameter's gradient (all()): rows, cols, grad std, grad:data. */
    public static final String PARAM_GRADS = "\\((\\d+),(\\d+)\\) ([\\d.]+e-\\d+), ([\\d.]+e-\\d+)";
    /** The update:data log10 ratios of every parameter, space-separated. */
    public static final String UPDATE_RATIOS = "for each parameter in order: ([-\\d. ]+?) - eval mode";
    /** The six-layer BatchNorm network's train and val loss after 1001 steps. */
    public static final String EVAL_1001 = "eval mode \\(running statistics\\): train \\*\\*([\\d.]+)\\*\\*, val"
            + " \\*\\*([\\d.]+)\\*\\*";
    /** Its 20 samples, each followed by '.'. */
    public static final String SAMPLES_1001 = "- samples: `([a-z. ]+)`";
    /** The batchnorm stage's printed minibatch losses: three steps, then three losses. */
    public static final String PRINTED_LOSSES =
            "printed at steps (\\d+), (\\d+), (\\d+): ([\\d.]+), ([\\d.]+), ([\\d.]+)\\.";
    /** The batchnorm stage's largest |explicit - running|: mean, std. */
    public static final String CALIBRATION_MAX = "is ([\\d.]+) for the mean and ([\\d.]+) for the std";
    /** The batchnorm stage's train/val loss with the explicit, then the running statistics. */
    public static final String CALIBRATION_LOSSES = "with the explicit statistics: ([\\d.]+) / ([\\d.]+);"
            + " with the running"
            + " ones: ([\\d.]+) / ([\\d.]+)\\.";
    /** One linear map: a, b, c, c.grad, a.grad, b.grad stds. */
    public static final String LINEAR_MAP = "a std ([\\d.]+), b std ([\\d.]+), c std ([\\d.]+); c\\.grad std ([\\d.]+),"
            + " a\\.grad std ([\\d.]+), b\\.grad std (\\d+\\.\\d+)";

    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*)$");
    private static final Pattern SEPARATOR = Pattern.compile("^\\|[\\s:|-]+\\|?\\s*$");

    /** One Markdown table: the heading of its section, its header cells and its rows of cells. */
    public record Table(String section, List<String> header, List<List<String>> rows) {
        /** The labels of the rows (their first cells), in order. */
        public List<String> rowLabels() {
            return rows.stream().map(r -> r.get(0)).toList();
        }

        /** The cell in the row labelled {@code row} and the column headed {@code column}. */
        public String cell(String row, String column) {
            int c = header.indexOf(column);
            if (c < 0) {
                throw new IllegalArgumentException(NAME + ", table of '" + section + "': no column '" + column
                        + "' (columns: " + header + ")");
            }
            for (var r : rows) {
                if (r.get(0).equals(row)) {
                    return r.get(c);
                }
            }
            throw new IllegalArgumentException(NAME + ", table of '" + section + "': no row '" + row + "' (rows: "
                    + rowLabels() + ")");
        }
    }

    /** One stage's row: parameters, loss at step 0, train and val loss after 200,000 steps. */
    public record StageRow(int params, double lossStep0, double train, double val) {
    }

    private final List<Table> tables;
    /** The text with every run of white space made one space, so a phrase may wrap across lines. */
    private final String flat;

    private LectureNumbersFile(List<Table> tables, String flat) {
        this.tables = tables;
        this.flat = flat;
    }

    /** The reference file, from {@link ReferenceFiles}. */
    public static LectureNumbersFile read() {
        Path p = ReferenceFiles.file(NAME);
        try {
            return parse(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The tables and text of a LECTURE_NUMBERS.md given as a string. */
    public static LectureNumbersFile parse(String text) {
        String[] lines = text.split("\n", -1);
        var tables = new ArrayList<Table>();
        String section = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher h = HEADING.matcher(lines[i]);
            if (h.matches()) {
                section = h.group(1).strip();
                continue;
            }
            if (!lines[i].startsWith("|") || i + 1 >= lines.length || !SEPARATOR.matcher(lines[i + 1]).matches()) {
                continue;
            }
            var header = cells(lines[i]);
            var rows = new ArrayList<List<String>>();
            int r = i + 2;
            for (; r < lines.length && lines[r].startsWith("|"); r++) {
                var row = cells(lines[r]);
                if (row.size() != header.size()) {
                    throw new IllegalStateException(NAME + ":" + (r + 1) + ": " + row.size() + " cells, the header has "
                            + header.size());
                }
                rows.add(List.copyOf(row));
            }
            tables.add(new Table(section, List.copyOf(header), List.copyOf(rows)));
            i = r - 1;
        }
        return new LectureNumbersFile(List.copyOf(tables), text.replaceAll("\\s+", " "));
    }

    private static List<String> cells(String line) {
        String s = line.strip();
        s = s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length());
        var out = new ArrayList<String>();
        for (String c : s.split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    /** Every table, in the order of the file. */
    public List<Table> tables() {
        return tables;
    }

    /** The one table under the heading that starts with {@code sectionPrefix}. */
    public Table table(String sectionPrefix) {
        var found = tables.stream().filter(t -> t.section().startsWith(sectionPrefix)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(NAME + ": " + found.size() + " tables under a heading starting '"
                    + sectionPrefix + "', expected 1");
        }
        return found.get(0);
    }

    /**
     * The groups of the one match of {@code regex} in the text (white space of the file and of the
     * pattern's literal spaces both count as one space), e.g. {@code "train \\*\\*([\\d.]+)\\*\\*"}.
     *
     * @throws IllegalArgumentException if the text matches zero or several times
     */
    public List<String> groups(String regex) {
        Matcher m = Pattern.compile(regex).matcher(flat);
        if (!m.find()) {
            throw new IllegalArgumentException(NAME + ": nothing matches /" + regex + "/");
        }
        var out = new ArrayList<String>();
        for (int g = 1; g <= m.groupCount(); g++) {
            out.add(m.group(g));
        }
        if (m.find()) {
            throw new IllegalArgumentException(NAME + ": /" + regex + "/ matches more than once");
        }
        return out;
    }

    /** The groups of every match of {@code regex}, in order (none is an error, as for {@link #groups}). */
    public List<List<String>> all(String regex) {
        Matcher m = Pattern.compile(regex).matcher(flat);
        var out = new ArrayList<List<String>>();
        while (m.find()) {
            var g = new ArrayList<String>();
            for (int i = 1; i <= m.groupCount(); i++) {
                g.add(m.group(i));
            }
            out.add(List.copyOf(g));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": nothing matches /" + regex + "/");
        }
        return out;
    }

    /** The one group of the one match of {@code regex} ({@link #groups}). */
    public String value(String regex) {
        var g = groups(regex);
        if (g.size() != 1) {
            throw new IllegalArgumentException("/" + regex + "/ has " + g.size() + " groups, expected 1");
        }
        return g.get(0);
    }

    /** {@link #value} as a number. */
    public double number(String regex) {
        return Double.parseDouble(value(regex));
    }

    /**
     * Every stage's row under this project's stage names, in the lecture's order: the five of the
     * one-hidden-layer table (its row "fix softmax" is the stage {@code fix-softmax}), then the two
     * six-layer networks, whose figures the file gives in sentences of its "Six layers" section.
     */
    public Map<String, StageRow> stages() {
        var out = new LinkedHashMap<String, StageRow>();
        Table t = table("One hidden layer");
        for (String row : t.rowLabels()) {
            out.put(row.replace(' ', '-'), new StageRow(Integer.parseInt(t.cell(row, "params")),
                    Double.parseDouble(t.cell(row, "loss at step 0")), Double.parseDouble(t.cell(row, "train")),
                    Double.parseDouble(t.cell(row, "val"))));
        }
        var deepTanh = groups("Without BatchNorm \\(.*?; (\\d+) parameters; loss at step 0 \\*\\*([\\d.]+)\\*\\*\\)");
        var deepTanhLong = groups("without BatchNorm \\(gain 5/3\\), train \\*\\*([\\d.]+)\\*\\*,"
                + " val \\*\\*([\\d.]+)\\*\\*");
        out.put("deep-tanh", new StageRow(Integer.parseInt(deepTanh.get(0)), Double.parseDouble(deepTanh.get(1)),
                Double.parseDouble(deepTanhLong.get(0)), Double.parseDouble(deepTanhLong.get(1))));
        var deepBatchNormLong = groups("with BatchNorm, train \\*\\*([\\d.]+)\\*\\*, val \\*\\*([\\d.]+)\\*\\*");
        out.put("deep-batchnorm", new StageRow(Integer.parseInt(value("Parameters: \\*\\*(\\d+)\\*\\*")),
                number("loss at step 0: \\*\\*([\\d.]+)\\*\\*"), Double.parseDouble(deepBatchNormLong.get(0)),
                Double.parseDouble(deepBatchNormLong.get(1))));
        return out;
    }
}
