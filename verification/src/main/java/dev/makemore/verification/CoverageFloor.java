package dev.makemore.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build's overall line-coverage floor: reads the CSV of JaCoCo's aggregate report (every module's
 * classes, with the execution data of every module's tests, since the verification tests exercise
 * the whole stack) and fails when the covered fraction of lines is below the floor.
 *
 * <p>Why a program: JaCoCo's {@code check} goal only sees the classes of the module it runs in, and
 * {@code report-aggregate} reports but does not check. So {@code verification/pom.xml} runs this class
 * with {@code exec:java} in the {@code verify} phase, right after {@code report-aggregate}; it throws
 * (failing the build) below the floor, and prints the coverage of each module either way.
 *
 * <p>Arguments: the CSV path, the floor as a fraction (e.g. {@code 0.85}), and any number of
 * {@code skip=true|false} flags (the build passes {@code -Djacoco.skip} and {@code -DskipTests}: with
 * either, no coverage was recorded and there is nothing to check).
 */
public final class CoverageFloor {
    private CoverageFloor() {
    }

    /**
     * Lines covered and missed.
     *
     * @param covered lines with at least one instruction executed
     * @param missed  lines with none
     */
    public record Lines(long covered, long missed) {
        /** Covered over all, 1 for a module with no lines. */
        public double ratio() {
            long all = covered + missed;
            return all == 0 ? 1 : (double) covered / all;
        }

        Lines plus(Lines o) {
            return new Lines(covered + o.covered, missed + o.missed);
        }
    }

    /**
     * Line counts per group (module) of a JaCoCo CSV report, in name order.
     *
     * @throws IllegalArgumentException if the header lacks the line columns, or a row is malformed
     */
    public static Map<String, Lines> linesPerModule(List<String> csv) {
        if (csv.isEmpty()) {
            throw new IllegalArgumentException("empty coverage report");
        }
        List<String> header = Arrays.asList(csv.get(0).split(",", -1));
        int group = header.indexOf("GROUP");
        int missed = header.indexOf("LINE_MISSED");
        int covered = header.indexOf("LINE_COVERED");
        if (group < 0 || missed < 0 || covered < 0) {
            throw new IllegalArgumentException("not a JaCoCo CSV report (header " + header + ")");
        }
        var result = new TreeMap<String, Lines>();
        for (int i = 1; i < csv.size(); i++) {
            String row = csv.get(i);
            if (row.isBlank()) {
                continue;
            }
            String[] f = row.split(",", -1);
            if (f.length != header.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the coverage report has " + f.length
                        + " fields, expected " + header.size() + ": " + row);
            }
            String module = f[group].contains("/") ? f[group].substring(f[group].lastIndexOf('/') + 1) : f[group];
            var lines = new Lines(Long.parseLong(f[covered]), Long.parseLong(f[missed]));
            result.merge(module, lines, Lines::plus);
        }
        return result;
    }

    /** All modules together. */
    public static Lines total(Map<String, Lines> perModule) {
        return perModule.values().stream().reduce(new Lines(0, 0), Lines::plus);
    }

    /** The report printed to the build log: one line per module, then the total against the floor. */
    public static String describe(Map<String, Lines> perModule, double floor) {
        var sb = new StringBuilder("Line coverage (JaCoCo aggregate over all modules):\n");
        perModule.forEach((m, l) -> sb.append(String.format(Locale.ROOT, "  %-28s %6.2f%%  (%d of %d lines)%n", m,
                100 * l.ratio(), l.covered(), l.covered() + l.missed())));
        Lines t = total(perModule);
        sb.append(String.format(Locale.ROOT, "  %-28s %6.2f%%  (%d of %d lines), floor %.2f%%", "overall",
                100 * t.ratio(), t.covered(), t.covered() + t.missed(), 100 * floor));
        return sb.toString();
    }

    /**
     * Checks the report against the floor.
     *
     * @return the report text (see {@link #describe})
     * @throws IllegalStateException when the overall line coverage is below {@code floor}, or there are no lines
     */
    public static String enforce(List<String> csv, double floor) {
        var perModule = linesPerModule(csv);
        String text = describe(perModule, floor);
        Lines t = total(perModule);
        if (t.covered() + t.missed() == 0) {
            throw new IllegalStateException("the coverage report counts no lines: was coverage recorded?\n" + text);
        }
        if (t.ratio() < floor) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "overall line coverage %.2f%% is below the floor of %.2f%%%n%s", 100 * t.ratio(), 100 * floor, text));
        }
        return text;
    }

    /**
     * Entry point for {@code exec:java}: {@code <jacoco.csv> <floor> [skip=true|false]...}.
     *
     * @throws IllegalStateException below the floor, or when the report is missing (this fails the build)
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CoverageFloor <jacoco.csv> <floor> [skip=true|false]...");
        }
        for (int i = 2; i < args.length; i++) {
            if (args[i].trim().equalsIgnoreCase("skip=true")) {
                System.out.println("Coverage floor not checked: coverage was not recorded (jacoco.skip or skipTests).");
                return;
            }
        }
        Path csv = Path.of(args[0]);
        double floor = Double.parseDouble(args[1]);
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException("coverage report " + csv + " not found: report-aggregate must run before"
                    + " the coverage floor (verify phase of the verification module)");
        }
        try {
            System.out.println(enforce(Files.readAllLines(csv, StandardCharsets.UTF_8), floor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
