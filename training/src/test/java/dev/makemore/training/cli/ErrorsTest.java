package dev.makemore.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.training.testing.TestData;
import dev.makemore.training.LectureFigures;
import dev.makemore.training.OneHiddenLayer;
import dev.makemore.training.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the command line refuses to run: exit status 2 (1 for a divergence), one line on
 * stderr naming the problem, nothing on stdout, no stack trace unless {@code --debug}.
 */
class ErrorsTest {
    @TempDir
    static Path tmp;
    private static String data;
    private static String model;

    @BeforeAll
    static void files() throws IOException {
        data = TestData.namesFile().toString();
        Files.writeString(tmp.resolve("blank-line.txt"), "emma\nolivia\n\nava\n", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("dot.txt"), "emma\nol.ivia\n", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("not-a-model.bin"), "emma\nolivia\n", StandardCharsets.UTF_8);
        model = tmp.resolve("model.bin").toString();
        var run = Run.of("train", "--stage", "fix-tanh", "--steps", "10", "--data", data, "--save", model, "--quiet",
                "--samples", "0");
        assertThat(run.status()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(Path.of(model));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(tmp.resolve("corrupt.bin"), bytes);
        Files.write(tmp.resolve("truncated.bin"), java.util.Arrays.copyOf(bytes, 100));
    }

    static Stream<Arguments> usageErrors() {
        String known = "(known: original, fix-softmax, fix-tanh, kaiming, batchnorm, deep-tanh, deep-batchnorm)";
        return Stream.of(
                Arguments.of(new String[] {"train", "--stage", "foo"}, "makemore: unknown stage 'foo' " + known),
                Arguments.of(new String[] {"train", "--stage", "batchnorm", "--steps", "0"},
                        "makemore: --steps must be positive, got 0"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--steps", "-3"},
                        "makemore: --steps must be positive, got -3"),
                Arguments.of(new String[] {"train", "--stage", "batchnorm", "--batch-size", "1"},
                        "makemore: --batch-size must be at least 2 for the BatchNorm stage batchnorm: batch statistics"
                                + " of one example are undefined, got 1"),
                Arguments.of(new String[] {"train", "--stage", "deep-batchnorm", "--batch-size", "1"},
                        "makemore: --batch-size must be at least 2 for the BatchNorm stage deep-batchnorm: batch"
                                + " statistics of one example are undefined, got 1"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--batch-size", "0"},
                        "makemore: --batch-size must be positive, got 0"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--samples", "-1"},
                        "makemore: --samples must not be negative, got -1"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--frobnicate"},
                        "makemore: Unknown option: '--frobnicate' (see 'makemore train --help')"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--steps", "many"},
                        "makemore: Invalid value for option '--steps': 'many' is not an int"),
                Arguments.of(new String[] {"train"},
                        "makemore: Missing required option: '--stage=STAGE' (see 'makemore train --help')"),
                Arguments.of(new String[] {}, "makemore: missing command: one of train, sample, lecture, diagnose, bench"
                        + " (see 'makemore --help')"),
                Arguments.of(new String[] {"fly"}, "makemore: Unmatched argument at index 0: 'fly' (see 'makemore --help')"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--data", "/no/such/names.txt"},
                        "makemore: cannot read names file /no/such/names.txt (given by --data)"),
                Arguments.of(new String[] {"train", "--stage", "kaiming", "--save", "/no/such/dir/model.bin"},
                        "makemore: cannot write --save /no/such/dir/model.bin: directory /no/such/dir does not exist"),
                Arguments.of(new String[] {"lecture", "--steps", "0"}, "makemore: --steps must be positive, got 0"),
                Arguments.of(new String[] {"sample"},
                        "makemore: Missing required option: '--model=FILE' (see 'makemore sample --help')"),
                Arguments.of(new String[] {"sample", "--model", "/no/such/model.bin"},
                        "makemore: model file /no/such/model.bin: no such file"),
                Arguments.of(new String[] {"sample", "--model", "x.bin", "--count", "0"},
                        "makemore: --count must be positive, got 0"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExitWithTwoAndOneLine(String[] args, String message) {
        var run = Run.of(args);
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badNamesFileNamesFileAndLine() {
        var blank = tmp.resolve("blank-line.txt");
        var run = Run.of("train", "--stage", "kaiming", "--steps", "10", "--data", blank.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("makemore: " + blank + ":3: empty line (one name per line, no blank"
                + " lines)");
        var dot = tmp.resolve("dot.txt");
        run = Run.of("train", "--stage", "kaiming", "--steps", "10", "--data", dot.toString(), "--json");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("makemore: " + dot + ":2: name \"ol.ivia\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badModelFilesAreOneLineEach() {
        for (String name : new String[] {"not-a-model.bin", "corrupt.bin", "truncated.bin"}) {
            Path file = tmp.resolve(name);
            var run = Run.of("sample", "--model", file.toString());
            assertThat(run.status()).as(name).isEqualTo(2);
            assertThat(run.errLines()).as(name).singleElement().asString()
                    .startsWith("makemore: model file " + file + ": ");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Run.of("sample", "--model", tmp.resolve("not-a-model.bin").toString()).err())
                .contains("not a makemore model file");
        assertThat(Run.of("sample", "--model", tmp.resolve("corrupt.bin").toString()).err())
                .contains("checksum mismatch");
        assertThat(Run.of("sample", "--model", tmp.resolve("truncated.bin").toString()).err())
                .contains("truncated file");
    }

    @Test
    void aModelOfAnUnknownStageIsRefused() {
        // Known to a command line with fewer stages, it names the stage the file needs.
        var fewer = Stage.all().subList(0, 2);
        var run = Run.withStages(fewer, "sample", "--model", model);
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("makemore: model file " + model
                + ": unknown stage 'fix-tanh' (known: original, fix-softmax)");
    }

    @Test
    void debugAddsTheStackTrace() {
        var run = Run.of("train", "--stage", "foo", "--debug");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines().get(0)).isEqualTo("makemore: unknown stage 'foo' (known: original, fix-softmax,"
                + " fix-tanh, kaiming, batchnorm, deep-tanh, deep-batchnorm)");
        assertThat(run.err()).contains("\tat ");

        var sample = Run.of("sample", "--model", "/no/such/model.bin", "--debug");
        assertThat(sample.status()).isEqualTo(2);
        assertThat(sample.err()).contains("ModelFileException").contains("\tat ");
    }

    @Test
    void noStackTraceWithoutDebug() {
        var run = Run.of("sample", "--model", "/no/such/model.bin");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** A stage whose W1 is NaN: its loss is NaN at step 0, which the trainer reports as a divergence. */
    private static Stage diverging() {
        return new Stage("diverge", "W1 *= NaN: the loss is NaN from the start",
                OneHiddenLayer.drawn(10, 200).withW1Scale(Double.NaN).withB1Scale(0.01).withW2Scale(0.01).withB2Scale(0),
                3, 100_000,
                new LectureFigures(11897, 3.3, 2.0, 2.1));
    }

    @Test
    void divergenceExitsWithOneAndWritesNoModel() {
        var stages = new ArrayList<>(Stage.all());
        stages.add(diverging());
        Path out = tmp.resolve("diverged.bin");
        var run = Run.withStages(stages, "train", "--stage", "diverge", "--steps", "100", "--data", data, "--save",
                out.toString(), "--json");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).last().asString()
                .startsWith("makemore: stage diverge: the loss became NaN at step 0");
        assertThat(run.errLines()).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("diverged"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithStatusOne() {
        // A network of -1 hidden units cannot be built: not the user's input, a bug's stand-in.
        var broken = new Stage("broken", "cannot be built", OneHiddenLayer.drawn(10, -1), 3,
                100_000, new LectureFigures(0, 0, 0, 0));
        var run = Run.withStages(java.util.List.of(broken), "train", "--stage", "broken", "--steps", "5", "--data",
                data);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).last().asString().startsWith("makemore: internal error: ")
                .endsWith("(run with --debug for the stack trace)");
        assertThat(run.err()).doesNotContain("\tat ");
        var debug = Run.withStages(java.util.List.of(broken), "train", "--stage", "broken", "--steps", "5", "--data",
                data, "--debug");
        assertThat(debug.status()).isEqualTo(1);
        assertThat(debug.err()).contains("makemore: internal error: ").contains("\tat ");
    }

    static Stream<Arguments> badMetadata() {
        return Stream.of(
                Arguments.of(java.util.Map.of("vocabulary", ".ab", "block_size", "3", "seed", "1"),
                        "missing metadata 'stage' (was it written by makemore train --save?)"),
                Arguments.of(java.util.Map.of("stage", "fix-tanh", "vocabulary", "ab", "block_size", "3", "seed", "1"),
                        "bad metadata: vocabulary must start with '.', got \"ab\""),
                Arguments.of(java.util.Map.of("stage", "fix-tanh", "vocabulary", ".ab", "block_size", "4", "seed", "1"),
                        "block size 4 does not match stage fix-tanh (block size 3)"),
                Arguments.of(java.util.Map.of("stage", "fix-tanh", "vocabulary", ".ab", "block_size", "three",
                        "seed", "1"), "bad metadata: block_size is 'three', not an integer"),
                Arguments.of(java.util.Map.of("stage", "fix-tanh", "vocabulary", ".ab", "block_size", "3", "seed", "1"),
                        "missing key 'C.weight'"));
    }

    @ParameterizedTest
    @MethodSource("badMetadata")
    void modelFilesWithBadMetadataAreRefused(java.util.Map<String, String> meta, String problem) throws Exception {
        Path file = tmp.resolve("meta-" + Math.abs(meta.hashCode()) + ".bin");
        dev.makemore.nn.ModelFile.write(file, java.util.Map.of(), meta);
        var run = Run.of("sample", "--model", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("makemore: model file " + file + ": ")
                .contains(problem);
    }

    @Test
    void withoutDataTheMessageSaysHowToProvideIt() {
        var offline = new dev.makemore.training.data.DataSource(java.util.Map.of(), tmp.resolve("empty-cache"),
                uri -> {
                    throw new IOException("network unreachable");
                });
        var run = Run.with(cli -> cli.withData(offline), "train", "--stage", "kaiming", "--steps", "5", "--json");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("makemore: names.txt not found and could not be downloaded (network unreachable)")
                .contains("--data PATH").contains("MAKEMORE_DATA");
        assertThat(run.out()).isEmpty();

        // MAKEMORE_DATA is used when --data is not given.
        var fromEnv = new dev.makemore.training.data.DataSource(java.util.Map.of("MAKEMORE_DATA", data),
                tmp.resolve("empty-cache"), uri -> {
                    throw new IOException("no download expected");
                });
        var ok = Run.with(cli -> cli.withData(fromEnv), "train", "--stage", "kaiming", "--steps", "5", "--json",
                "--quiet", "--samples", "0");
        assertThat(ok.status()).as(ok.err()).isZero();
    }

    @Test
    void divergenceInTheLectureStopsIt() {
        var stages = new ArrayList<Stage>();
        stages.add(Stage.byName("kaiming"));
        stages.add(diverging());
        var run = Run.withStages(stages, "lecture", "--steps", "20", "--data", data, "--quiet");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("makemore: stage diverge: the loss became NaN");
        assertThat(run.out()).isEmpty();
    }
}
