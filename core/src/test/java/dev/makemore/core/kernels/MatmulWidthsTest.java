package dev.makemore.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Matmul's other code paths, run where they run: the kernels choose their tile and whether they pack
 * by the vector width ({@link Matmul#PACKED} with 16 registers), so a build on an AVX-512 machine
 * would otherwise test only one of them. Forks one JVM per narrower width this CPU has (the HotSpot
 * flags that stand in for AVX2 and for 128-bit vectors) and one without FMA; each child ({@link Probe})
 * multiplies every form at the lecture's and at odd shapes, with and without {@code accumulate}, and
 * compares every element with its definition: one chain of multiply-adds along {@code k}, in order,
 * from zero (fused with FMA, else rounded twice), then one addition to the old value. Bit for bit.
 */
class MatmulWidthsTest {
    /** The shapes of VectorMatmulTest that reach the tiles' edges: m below, at and above 4 and 8 rows. */
    private static final int[][] SHAPES = {
        {32, 30, 200}, {32, 200, 27}, {30, 32, 200}, {200, 32, 27}, {32, 27, 200}, {32, 200, 30}, {100, 32, 100},
        {1, 1, 1}, {17, 33, 15}, {15, 17, 33}, {33, 15, 17}, {3, 10, 200}, {4, 9, 16}, {5, 3, 16}, {9, 4, 17},
        {8, 8, 8}, {16, 16, 31}, {31, 31, 31}, {33, 65, 47}, {2, 300, 40}, {7, 0, 9}, {5, 1, 16}, {9, 1, 8},
        {6, 2, 9},
    };

    @Test
    void everyPathGivesTheBitsOfTheDefinition() throws Exception {
        var runs = new ArrayList<List<String>>();
        boolean x86 = System.getProperty("os.arch").matches("amd64|x86_64");
        if (x86 && Hardware.vectorBits() >= 256) {
            runs.add(List.of("-XX:UseAVX=2"));
            runs.add(List.of("-XX:UseAVX=2", "-XX:MaxVectorSize=16"));
        } else if (!x86 && Hardware.vectorBits() > 128) {
            runs.add(List.of("-XX:MaxVectorSize=16"));
        }
        runs.add(List.of()); // the build's own width, in a JVM of its own like the others
        if (x86 && Hardware.fma()) {
            runs.add(List.of("-XX:-UseFMA"));
        }
        for (var flags : runs) {
            var out = probe(flags);
            assertThat(out).as("child JVM %s", flags).isNotEmpty();
            assertThat(out.get(out.size() - 1)).as("child JVM %s: %s", flags, out).startsWith("checked ");
            assertThat(out.subList(0, out.size() - 1)).as("mismatches in a child JVM %s", flags).isEmpty();
        }
    }

    private static List<String> probe(List<String> flags) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        var lines = new ArrayList<String>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("WARNING")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The child: prints one line per element that differs, then "checked N elements at W bits". */
    static final class Probe {
        public static void main(String[] args) {
            var kernels = new VectorKernels();
            boolean fma = Hardware.fma();
            long checked = 0;
            int shown = 0;
            for (int[] s : SHAPES) {
                int m = s[0], k = s[1], n = s[2];
                var r = new SplittableRandom(31L * m + 7L * k + n);
                float[] a = floats(r, m * k);
                float[] b = floats(r, k * n);
                for (int form = 0; form < 3; form++) {
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] c0 = floats(r, m * n);
                        float[] c = c0.clone();
                        switch (form) {
                            case 0 -> kernels.matmul(a, b, c, m, k, n, acc);
                            case 1 -> kernels.matmulTransA(a, b, c, m, k, n, acc);
                            default -> kernels.matmulTransB(a, b, c, m, k, n, acc);
                        }
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                float sum = 0;
                                for (int p = 0; p < k; p++) {
                                    float x = form == 1 ? a[p * m + i] : a[i * k + p];
                                    float y = form == 2 ? b[j * k + p] : b[p * n + j];
                                    sum = fma ? Math.fma(x, y, sum) : x * y + sum;
                                }
                                float expected = acc ? c0[i * n + j] + sum : sum;
                                checked++;
                                if (Float.floatToRawIntBits(c[i * n + j]) != Float.floatToRawIntBits(expected)
                                        && shown++ < 20) {
                                    System.out.printf("form %d %dx%dx%d acc %b: C[%d,%d] = %s, expected %s%n", form,
                                            m, k, n, acc, i, j, c[i * n + j], expected);
                                }
                            }
                        }
                    }
                }
            }
            System.out.printf("checked %d elements at %d bits, FMA %b%n", checked, Hardware.vectorBits(), fma);
        }

        private static float[] floats(SplittableRandom r, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) r.nextGaussian();
            }
            return x;
        }
    }
}
