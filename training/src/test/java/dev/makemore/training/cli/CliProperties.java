package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.training.testing.TestData;
import dev.makemore.training.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random command lines for every command, run in-process: each exits with 0 or 2, and stderr never
 * holds a stack trace or an "internal error"; a refusal ends with one {@code makemore: } line.
 *
 * <p>The values mix valid and invalid ones (negative, zero, not a number, out of range, missing
 * files, directories, corrupt files); --steps is always given and small so that a run that is accepted
 * finishes in milliseconds, on a names file of 300 names.
 */
class CliProperties {
    private static Path tmp;
    private static final AtomicInteger FILES = new AtomicInteger();

    @BeforeContainer
    static void files() throws IOException {
        tmp = Files.createTempDirectory("cli-properties");
        var names = Files.readAllLines(TestData.namesFile()).subList(0, 300);
        Files.writeString(tmp.resolve("names.txt"), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("one.txt"), "a\n", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("blank.txt"), "emma\n\nava\n", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("garbage.bin"), "not a model", StandardCharsets.UTF_8);
        Files.createDirectories(tmp.resolve("dir"));
        var run = Run.of("train", "--stage", "fix-tanh", "--steps", "5", "--data", tmp.resolve("names.txt").toString(),
                "--save", tmp.resolve("model.bin").toString(), "--quiet", "--samples", "0");
        assertThat(run.status()).as(run.err()).isZero();
    }

    @AfterContainer
    static void deleteFiles() throws IOException {
        try (var paths = Files.walk(tmp)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 50)
    void trainAnswersZeroOrTwo(@ForAll("trainArgs") List<String> args) {
        check("train", args);
    }

    @Property(tries = 60)
    void sampleAnswersZeroOrTwo(@ForAll("sampleArgs") List<String> args) {
        check("sample", args);
    }

    @Property(tries = 12)
    void diagnoseAnswersZeroOrTwo(@ForAll("diagnoseArgs") List<String> args) {
        check("diagnose", args);
    }

    @Property(tries = 5)
    void lectureAnswersZeroOrTwo(@ForAll("lectureArgs") List<String> args) {
        check("lecture", args);
    }

    /** Only bench's refusals: a run it accepts measures every stage after warm-ups, some 40 s. */
    @Property(tries = 20)
    void benchRefusesWithTwo(@ForAll("benchArgs") List<String> args) {
        check("bench", args);
    }

    private static void check(String command, List<String> args) {
        var all = new ArrayList<String>();
        all.add(command);
        all.addAll(args);
        var run = Run.of(all.toArray(String[]::new));
        Statistics.collect(run.status());
        assertThat(run.status()).as("%s%n%s", all, run.err()).isIn(0, 2);
        assertThat(run.err()).as("%s", all).doesNotContain("\tat ").doesNotContain("internal error")
                .doesNotContain("Exception in thread");
        if (run.status() == 2) {
            assertThat(run.errLines()).as("%s", all).last().asString().startsWith("makemore: ");
        }
    }

    // ---- the options, each present or not, with valid and invalid values ----

    /** The option with a value, in two tries out of three. */
    private static Arbitrary<List<String>> option(String name, Arbitrary<String> value) {
        return present(name, value, 2, 1);
    }

    /** An option always given: --steps, whose default (the lecture's 200,000) would take minutes. */
    private static Arbitrary<List<String>> always(String name, Arbitrary<String> value) {
        return value.map(v -> List.of(name, v));
    }

    /** A required option: present in nine tries out of ten. */
    private static Arbitrary<List<String>> required(String name, Arbitrary<String> value) {
        return present(name, value, 9, 1);
    }

    private static Arbitrary<List<String>> present(String name, Arbitrary<String> value, int given, int absent) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(absent, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(given, value.map(v -> List.of(name, v))));
    }

    private static Arbitrary<List<String>> flag(String name) {
        return Arbitraries.of(List.of(), List.of(name));
    }

    /** The options' words one after the other. */
    @SafeVarargs
    private static Arbitrary<List<String>> line(Arbitrary<List<String>>... options) {
        Arbitrary<List<String>> words = Arbitraries.just(List.of());
        for (var o : options) {
            words = words.flatMap(a -> o.map(b -> {
                var l = new ArrayList<>(a);
                l.addAll(b);
                return List.copyOf(l);
            }));
        }
        return words;
    }

    private static Arbitrary<String> ints(int min, int max, String... odd) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(min, max).map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(odd)));
    }

    private static Arbitrary<String> stage() {
        var names = new ArrayList<String>();
        Stage.all().forEach(s -> names.add(s.name()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.of(names)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("foo", "", "BATCHNORM")));
    }

    private static Arbitrary<String> steps() {
        return ints(1, 30, "0", "-1", "x", "2147483648", "1e3", "");
    }

    private static Arbitrary<String> seed() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.longs().map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("abc", "", "-0")));
    }

    private static Arbitrary<String> data() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.just(tmp.resolve("names.txt").toString())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(tmp.resolve("one.txt").toString(),
                        tmp.resolve("blank.txt").toString(), tmp.resolve("missing.txt").toString(),
                        tmp.resolve("dir").toString(), tmp.resolve("garbage.bin").toString())));
    }

    /** A fresh file name in the temporary folder, or a path that cannot be written. */
    private static Arbitrary<String> output(String what) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(what).map(w -> tmp.resolve(w + FILES.incrementAndGet())
                        .toString())),
                // Never a path outside the temporary folder: a folder that can be created is created.
                net.jqwik.api.Tuple.of(1, Arbitraries.of(tmp.resolve("dir").toString(),
                        tmp.resolve("names.txt").resolve(what).toString())));
    }

    @Provide
    Arbitrary<List<String>> trainArgs() {
        return line(required("--stage", stage()), always("--steps", steps()),
                option("--batch-size", ints(1, 64, "0", "-5", "1", "2147483647", "many")),
                option("--seed", seed()), option("--samples", ints(0, 5, "-1", "x")), option("--data", data()),
                option("--save", output("model.bin")), flag("--json"), flag("--quiet"), flag("--calibrate"),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, Arbitraries.just(List.<String>of())),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(List.of("--frobnicate"), List.of("extra")))));
    }

    @Provide
    Arbitrary<List<String>> sampleArgs() {
        var model = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(tmp.resolve("model.bin").toString())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(tmp.resolve("garbage.bin").toString(),
                        tmp.resolve("missing.bin").toString(), tmp.resolve("dir").toString(),
                        tmp.resolve("names.txt").toString())));
        return line(required("--model", model), option("--count", ints(1, 10, "0", "-1", "x", "99999999999")),
                option("--seed", seed()), flag("--json"));
    }

    @Provide
    Arbitrary<List<String>> diagnoseArgs() {
        var at = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(-1, 12).list()
                .ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", l.stream().map(String::valueOf).toList()))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("a,b", "")));
        return line(required("--stage", stage()), always("--steps", steps()), option("--at", at),
                required("--out", output("report")), option("--seed", seed()), option("--data", data()),
                Arbitraries.just(List.of("--quiet")));
    }

    @Provide
    Arbitrary<List<String>> lectureArgs() {
        return line(always("--steps", ints(1, 20, "0", "-3", "x")), option("--data", data()), flag("--json"),
                Arbitraries.just(List.of("--quiet")));
    }

    @Provide
    Arbitrary<List<String>> benchArgs() {
        // One value always bad (a run accepted takes some 40 s): --steps, or --data.
        var badSteps = Arbitraries.of("0", "-3", "x", "", "99999999999").map(v -> List.of("--steps", v));
        var badData = Arbitraries.of("one.txt", "blank.txt", "missing.txt", "dir", "garbage.bin")
                .map(f -> List.of("--data", tmp.resolve(f).toString()));
        return line(Arbitraries.oneOf(badSteps, badData), option("--data", data()), flag("--json"), flag("--quick"));
    }
}
