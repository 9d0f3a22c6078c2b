package dev.makemore.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.ScalarKernels;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random shapes into the ops that combine two tensors: each either computes what the scalar kernels
 * compute (on the operands expanded by hand to PyTorch's broadcast shape), or throws the documented
 * {@link IllegalArgumentException} naming both shapes; never another exception, never a wrong shape.
 */
class ShapeProperties {
    private static final ScalarKernels ORACLE = new ScalarKernels();

    @Provide
    Arbitrary<int[]> shapes() {
        // Ranks 0 to 3, dimensions 0 to 4 (with 1 often: the broadcastable forms).
        return Arbitraries.integers().between(0, 4).array(int[].class).ofMinSize(0).ofMaxSize(3)
                .injectDuplicates(0.3);
    }

    @Provide
    Arbitrary<int[][]> matmulShapes() {
        // Half the pairs fit, (m, k) @ (k, n); the others are any two shapes.
        var dim = Arbitraries.integers().between(0, 6);
        var fitting = net.jqwik.api.Combinators.combine(dim, dim, dim)
                .as((m, k, n) -> new int[][] {{m, k}, {k, n}});
        var any = net.jqwik.api.Combinators.combine(shapes(), shapes()).as((a, b) -> new int[][] {a, b});
        return Arbitraries.oneOf(fitting, any);
    }

    private static Tensor random(int[] dims, long seed) {
        var r = new SplittableRandom(seed);
        int n = Shape.of(dims).size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble(0.5, 2.0) * (r.nextBoolean() ? 1 : -1));
        }
        return Tensor.of(v, dims);
    }

    @Property(tries = 1000)
    void matmulComputesOrNamesBothShapes(@ForAll("matmulShapes") int[][] pair, @ForAll long seed) {
        int[] a = pair[0];
        int[] b = pair[1];
        Tensor x = random(a, seed);
        Tensor w = random(b, seed + 1);
        Tensor y;
        try {
            y = x.matmul(w);
        } catch (IllegalArgumentException e) {
            String both = "matmul: " + Shape.of(a) + " @ " + Shape.of(b) + ": ";
            if (a.length != 2 || b.length != 2) {
                assertThat(e).hasMessage(both + "both operands must be 2-D");
            } else {
                assertThat(a[1]).isNotEqualTo(b[0]);
                assertThat(e).hasMessage(both + "inner dimensions " + a[1] + " and " + b[0] + " differ");
            }
            Statistics.collect("refused");
            return;
        }
        assertThat(a.length == 2 && b.length == 2 && a[1] == b[0]).isTrue();
        assertThat(y.shape()).isEqualTo(Shape.of(a[0], b[1]));
        float[] expected = new float[a[0] * b[1]];
        ORACLE.matmul(x.data().toFloatArray(), w.data().toFloatArray(), expected, a[0], a[1], b[1], false);
        assertClose(y.data().toFloatArray(), expected);
        Statistics.collect("computed");
    }

    @Property(tries = 1500)
    void elementwiseOpsComputeOrNameBothShapes(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b,
                                               @ForAll BinaryOp op, @ForAll long seed) {
        Tensor x = random(a, seed);
        Tensor z = random(b, seed + 1);
        int[] broadcast = numpyBroadcast(a, b);
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        Tensor y;
        try {
            y = switch (op) {
                case ADD -> x.add(z);
                case SUB -> x.sub(z);
                case MUL -> x.mul(z);
                case DIV -> x.div(z);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith(name + ": shapes " + Shape.of(a) + " and " + Shape.of(b)
                    + " do not broadcast");
            // Refused only outside the documented forms (PyTorch may accept more: (4, 1, 1) with (4, 2, 3)).
            assertThat(supported(a, b) || supported(b, a)).as("refused %s and %s", Shape.of(a), Shape.of(b))
                    .isFalse();
            Statistics.collect("refused");
            return;
        }
        if (y == null) {
            return;   // an op without a Tensor-Tensor form
        }
        assertThat(broadcast).as("computed where PyTorch refuses").isNotNull();
        assertThat(y.shape()).isEqualTo(Shape.of(broadcast));
        int n = Shape.of(broadcast).size();
        float[] expected = new float[n];
        ORACLE.binary(op, expand(x.data().toFloatArray(), a, broadcast), expand(z.data().toFloatArray(), b, broadcast),
                expected, n);
        assertClose(y.data().toFloatArray(), expected);
        Statistics.collect("computed");
    }

    /**
     * The forms the message documents, {@code small} broadcast over {@code big}: equal shapes, one
     * element, a row {@code (D)} or {@code (1, D)} of {@code big}'s last dimension, a column
     * {@code (N, 1)} of {@code big}'s other dimensions.
     */
    static boolean supported(int[] big, int[] small) {
        if (java.util.Arrays.equals(big, small)) {
            return true;
        }
        if (small.length > big.length) {
            return false;
        }
        if (Shape.of(small).size() == 1) {
            return true;
        }
        if (big.length == 0) {
            return false;
        }
        boolean leadingOnes = true;
        for (int d = 0; d + 1 < small.length; d++) {
            leadingOnes &= small[d] == 1;
        }
        if (small.length >= 1 && leadingOnes && small[small.length - 1] == big[big.length - 1]) {
            return true;
        }
        if (big.length >= 2 && small.length == big.length && small[small.length - 1] == 1) {
            return java.util.Arrays.equals(java.util.Arrays.copyOf(big, big.length - 1),
                    java.util.Arrays.copyOf(small, small.length - 1));
        }
        return false;
    }

    /** PyTorch's (NumPy's) broadcast shape of {@code a} and {@code b}, or null when they do not broadcast. */
    static int[] numpyBroadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** {@code v} of shape {@code from}, repeated to shape {@code to} as broadcasting reads it. */
    static float[] expand(float[] v, int[] from, int[] to) {
        int n = Shape.of(to).size();
        float[] out = new float[n];
        int[] index = new int[to.length];
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            for (int d = to.length - 1; d >= 0; d--) {
                index[d] = rest % to[d];
                rest /= to[d];
            }
            int src = 0;
            for (int d = 0; d < from.length; d++) {
                int i = from[d] == 1 ? 0 : index[d + to.length - from.length];
                src = src * from[d] + i;
            }
            out[flat] = v[src];
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected[i]))));
        }
    }
}
