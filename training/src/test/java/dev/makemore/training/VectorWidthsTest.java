package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.kernels.Hardware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same bits at every vector width, and no boxed fallback at any: the lecture's numbers must not
 * depend on the reader's CPU. Forks one JVM per width this CPU has (512, 256, 128 bits), narrowed with
 * the HotSpot flags that stand in for other CPUs ({@code -XX:UseAVX=2}: AVX2 without AVX-512's mask
 * registers; with {@code -XX:MaxVectorSize=16}: 128 bits, like ARM's NEON), trains three stages for a
 * short run in each ({@link WidthProbe}), and compares: every step's loss and the samples identical to
 * the bit, and fewer than 64 KB allocated per step after warm-up (the Vector API's boxed fallback
 * allocates megabytes).
 */
class VectorWidthsTest {
    /** A stage of each kind: chaotic tanh and softmax, BatchNorm, the deep network with BatchNorm. */
    private static final List<String> STAGES = List.of("original", "batchnorm", "deep-batchnorm");
    private static final long MAX_BYTES_PER_STEP = 64 * 1024;

    /** The JVM flags of each width this CPU can run, widest first. */
    static Map<Integer, List<String>> widths() {
        var widths = new LinkedHashMap<Integer, List<String>>();
        boolean x86 = System.getProperty("os.arch").matches("amd64|x86_64");
        for (int bits : new int[] {512, 256, 128}) {
            if (bits > Hardware.vectorBits()) {
                continue;
            }
            List<String> flags;
            if (bits == Hardware.vectorBits()) {
                flags = List.of();
            } else if (x86) {
                flags = bits == 256 ? List.of("-XX:UseAVX=2") : List.of("-XX:UseAVX=2", "-XX:MaxVectorSize=16");
            } else {
                flags = List.of("-XX:MaxVectorSize=" + bits / 8);
            }
            widths.put(bits, flags);
        }
        return widths;
    }

    @Test
    void everyWidthGivesTheSameBitsWithoutBoxing() throws Exception {
        var outputs = new LinkedHashMap<Integer, List<String>>();
        for (var width : widths().entrySet()) {
            var lines = probe(width.getValue());
            assertThat(lines.get(lines.size() - 1)).as("width the child ran at").startsWith("width " + width.getKey() + " ");
            var stages = new ArrayList<String>();
            for (String line : lines.subList(0, lines.size() - 1)) {
                String[] f = line.split(" ", 5);
                assertThat(Long.parseLong(f[3])).as("bytes per step of %s at %d bits", f[1], width.getKey())
                        .isLessThan(MAX_BYTES_PER_STEP);
                stages.add(f[1] + " " + f[4]); // the stage, its losses and samples, without the byte count
            }
            assertThat(stages).hasSize(STAGES.size());
            outputs.put(width.getKey(), stages);
        }
        var widest = outputs.values().iterator().next();
        for (var width : outputs.entrySet()) {
            for (int s = 0; s < STAGES.size(); s++) {
                assertThat(width.getValue().get(s)).as("%s at %d bits", STAGES.get(s), width.getKey())
                        .isEqualTo(widest.get(s));
            }
        }
    }

    /**
     * Without FMA (HotSpot's {@code -XX:-UseFMA}, as on CPUs and virtual machines that lack it) the
     * kernels multiply and add in two roundings, never through {@code Math.fma}'s software fallback:
     * the run must finish, allocate under the same bound, start from the same weights (step 0's loss to
     * the bit) and stay close to the fused run while the rounding differences are still small.
     */
    @Test
    void withoutFmaTheKernelsMultiplyThenAdd() throws Exception {
        var fused = probe(List.of());
        var unfused = probe(List.of("-XX:-UseFMA"));
        assertThat(unfused.get(unfused.size() - 1)).endsWith(" fma false");
        for (int s = 0; s < STAGES.size(); s++) {
            String[] f = fused.get(s).split(" ", 5), u = unfused.get(s).split(" ", 5);
            assertThat(Long.parseLong(u[3])).as("bytes per step of %s without FMA", u[1]).isLessThan(MAX_BYTES_PER_STEP);
            String[] fl = f[4].split(" "), ul = u[4].split(" ");
            assertThat(ul[1]).as("%s: loss at step 0", u[1]).isEqualTo(fl[1]);
            for (int step = 0; step < 20; step++) {
                float a = Float.intBitsToFloat(Integer.parseUnsignedInt(fl[1 + step], 16));
                float b = Float.intBitsToFloat(Integer.parseUnsignedInt(ul[1 + step], 16));
                assertThat(b).as("%s: loss at step %d", u[1], step).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-4f * a));
            }
        }
    }

    /** Runs {@link WidthProbe} in a JVM with {@code flags}; its stdout lines. */
    private static List<String> probe(List<String> flags) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // -Xbatch: the JIT compiles a method before running it on, so the warm-up does not depend on how
        // busy the machine is (the compiled code is the same; only when it arrives changes).
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xmx512m", "-XX:+UseParallelGC", "-Xbatch"));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WidthProbe.class.getName()));
        command.addAll(STAGES);
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("exit status of %s; stdout:%n%s", command, out).isZero();
        return out.lines().toList();
    }
}
