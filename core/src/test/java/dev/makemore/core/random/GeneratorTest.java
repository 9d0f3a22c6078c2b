package dev.makemore.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.random.MersenneTwister;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * How {@link Generator} consumes its engine, checked draw by draw against Apache Commons Math's
 * {@link MersenneTwister} (an independent MT19937) as the oracle, with the formulas of PyTorch's CPU
 * distributions written out here. {@link GeneratorReferenceTest} checks the same against numbers
 * recorded from PyTorch.
 */
class GeneratorTest {
    private static final int SEED = 2147483647;

    /** Independent oracle for PyTorch's engine (valid for seeds below 2^31). */
    private static final class Oracle {
        final MersenneTwister mt;

        Oracle(int seed) {
            mt = new MersenneTwister(seed);
        }

        long draw() {
            return Integer.toUnsignedLong(mt.nextInt());
        }

        long draw64() {
            long hi = draw();
            return (hi << 32) | draw();
        }

        double uniform53() {
            return (draw64() & ((1L << 53) - 1)) / 9007199254740992.0;
        }

        /** PyTorch's one-at-a-time normal pair for the uniforms u1, u2: {cos leg, sin leg}. */
        double[] normalPair() {
            double u1 = uniform53();
            double u2 = uniform53();
            double r = StrictMath.sqrt(-2 * StrictMath.log(1 - u2));
            double theta = 2 * Math.PI * u1;
            return new double[] {r * StrictMath.cos(theta), r * StrictMath.sin(theta)};
        }
    }

    @Test
    void randomIsOneUnsignedDraw() {
        Generator g = new Generator(Generator.LECTURE_SEED);
        // First outputs of the reference MT19937 seeded with 2147483647 (NumPy RandomState agrees).
        assertThat(g.random()).isEqualTo(1689602031L);
        assertThat(g.random()).isEqualTo(3831148394L);
    }

    @Test
    void random64PutsTheFirstDrawInTheHighHalf() {
        Generator g = new Generator(Generator.LECTURE_SEED);
        assertThat(g.random64()).isEqualTo((1689602031L << 32) | 3831148394L);
        Oracle o = new Oracle(SEED);
        o.draw();
        o.draw();
        long hi = o.draw();
        long lo = o.draw();
        assertThat(g.random64()).isEqualTo((hi << 32) | lo);
    }

    @Test
    void onlyTheLow32BitsOfTheSeedMatter() {
        Generator a = new Generator(5489L + (1L << 32) * 12345);
        assertThat(a.random()).isEqualTo(3499211612L);
        assertThat(a.initialSeed()).isEqualTo(5489L + (1L << 32) * 12345);
    }

    @Test
    void floatUniformUsesTheLow24BitsOfOneDraw() {
        Generator g = new Generator(SEED);
        Oracle o = new Oracle(SEED);
        float[] u = g.rand(700);
        for (int i = 0; i < u.length; i++) {
            assertThat(u[i]).as("element %d", i).isEqualTo((float) ((o.draw() & 0xFFFFFF) / 16777216.0));
        }
        // 1689602031 & 0xFFFFFF = 11880431
        assertThat(new Generator(SEED).nextFloatUniform()).isEqualTo(11880431f / 16777216f);
    }

    @Test
    void doubleUniformUses53BitsOfRandom64() {
        Generator g = new Generator(SEED);
        double expected = (((1689602031L << 32) | 3831148394L) & ((1L << 53) - 1)) / 9007199254740992.0;
        assertThat(g.nextDoubleUniform()).isEqualTo(expected);
        Oracle o = new Oracle(SEED);
        o.draw64();
        assertThat(g.nextDoubleUniform()).isEqualTo(o.uniform53());
    }

    @Test
    void randFillsTheGivenRangeOnly() {
        float[] out = new float[5];
        new Generator(SEED).rand(out, 1, 3);
        assertThat(out[0]).isZero();
        assertThat(out[4]).isZero();
        assertThat(out[1]).isEqualTo(11880431f / 16777216f);
        assertThatThrownBy(() -> new Generator(SEED).rand(out, 3, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void smallRandnDrawsNormalsInPairsAndKeepsTheSineLegAcrossCalls() {
        Oracle o = new Oracle(SEED);
        double[] pair1 = o.normalPair();
        double[] pair2 = o.normalPair();
        double[] pair3 = o.normalPair();

        Generator g = new Generator(SEED);
        assertThat(g.randn(1)).containsExactly((float) pair1[0]);
        // The second call draws nothing: it returns the kept sine leg.
        assertThat(g.randn(1)).containsExactly((float) pair1[1]);
        assertThat(g.randn(3)).containsExactly((float) pair2[0], (float) pair2[1], (float) pair3[0]);
        // Three pairs, 4 draws each, were consumed; the sine leg of pair 3 is kept without drawing.
        assertThat(g.random()).isEqualTo(o.draw());
        assertThat(g.nextNormal()).isEqualTo(pair3[1]);
    }

    @Test
    void smallRandnSplitAcrossCallsEqualsOneCall() {
        Generator whole = new Generator(42);
        Generator split = new Generator(42);
        float[] all = whole.randn(5);
        float[] a = split.randn(3);
        float[] b = split.randn(2);
        assertThat(new float[] {a[0], a[1], a[2], b[0], b[1]}).containsExactly(all);
    }

    @Test
    void manualSeedForgetsTheKeptNormal() {
        Generator g = new Generator(SEED);
        float first = g.randn(1)[0]; // keeps the sine leg
        g.manualSeed(SEED);
        assertThat(g.randn(1)[0]).isEqualTo(first);
        assertThat(g.manualSeed(7)).isSameAs(g);
        assertThat(g.initialSeed()).isEqualTo(7);
    }

    @Test
    void largeRandnLeavesTheKeptNormalAlone() {
        Oracle o = new Oracle(SEED);
        double[] pair = o.normalPair();
        Generator g = new Generator(SEED);
        g.randn(1);
        g.randn(16); // vectorised path: 16 float uniforms, no use of the kept value
        assertThat(g.randn(1)[0]).isEqualTo((float) pair[1]);
        for (int i = 0; i < 16; i++) {
            o.draw();
        }
        assertThat(g.random()).isEqualTo(o.draw());
    }

    /** Float uniforms from the oracle, as PyTorch's float path makes them. */
    private static float[] floatUniforms(Oracle o, int n) {
        float[] u = new float[n];
        for (int i = 0; i < n; i++) {
            u[i] = (float) ((o.draw() & 0xFFFFFF) / 16777216.0);
        }
        return u;
    }

    /** Double-precision Box-Muller of the block of 16 uniforms at {@code from}: cos legs, then sin legs. */
    private static double[] boxMuller16(float[] u, int from) {
        double[] z = new double[16];
        for (int j = 0; j < 8; j++) {
            double r = Math.sqrt(-2 * Math.log(1 - (double) u[from + j]));
            double theta = 2 * Math.PI * u[from + j + 8];
            z[j] = r * Math.cos(theta);
            z[j + 8] = r * Math.sin(theta);
        }
        return z;
    }

    private static void assertClose(float[] actual, int from, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[from + i]).as("element %d", from + i).isCloseTo(expected[i], Offset.offset(2e-6));
        }
    }

    @Test
    void largeRandnOfSixteenIsBoxMullerOverPairsJAndJPlus8() {
        Oracle o = new Oracle(SEED);
        double[] expected = boxMuller16(floatUniforms(o, 16), 0);
        float[] z = new Generator(SEED).randn(16);
        assertClose(z, 0, expected);
    }

    @Test
    void largeRandnRedrawsTheLast16WhenNotAMultipleOf16() {
        // 17 elements: 17 uniforms, block [0, 16) converted, then 16 fresh uniforms into [1, 17), converted.
        Oracle o = new Oracle(SEED);
        double[] firstBlock = boxMuller16(floatUniforms(o, 17), 0);
        double[] redrawn = boxMuller16(floatUniforms(o, 16), 0);
        Generator g = new Generator(SEED);
        float[] z = g.randn(17);
        assertClose(z, 0, new double[] {firstBlock[0]});
        assertClose(z, 1, redrawn);
        assertThat(g.random()).as("33 draws consumed").isEqualTo(o.draw());
    }

    @Test
    void randnFillsOnlyTheGivenRange() {
        float[] out = new float[40];
        new Generator(SEED).randn(out, 4, 32);
        assertThat(out[0]).isZero();
        assertThat(out[36]).isZero();
        assertThat(out).containsSequence(new Generator(SEED).randn(32));
    }

    @Test
    void randintIsDrawModuloRangePlusLow() {
        Generator g = new Generator(SEED);
        assertThat(g.randint(0, 182625)).isEqualTo(1689602031L % 182625);
        assertThat(g.randint(-10, 17)).isEqualTo(3831148394L % 27 - 10);
        int[] out = new int[100];
        Oracle o = new Oracle(SEED);
        o.draw();
        o.draw();
        g.randint(5, 32, out);
        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((int) (o.draw() % 27 + 5));
        }
    }

    @Test
    void randintUsesRandom64ForRangesOf2To32OrMore() {
        Generator g = new Generator(SEED);
        long range = (1L << 32) + 5;
        long r64 = (1689602031L << 32) | 3831148394L;
        assertThat(g.randint(-3, -3 + range)).isEqualTo(r64 % range - 3);
        // Full signed range: the range overflows a signed long and is taken as unsigned.
        Generator h = new Generator(SEED);
        assertThat(h.randint(Long.MIN_VALUE, Long.MAX_VALUE))
                .isEqualTo(Long.remainderUnsigned(r64, -1L) + Long.MIN_VALUE);
    }

    @Test
    void randintRejectsEmptyOrUnrepresentableRanges() {
        Generator g = new Generator(SEED);
        assertThatThrownBy(() -> g.randint(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.randint(0, 1L << 32, new int[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.randint(0, 10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(g.randint(Integer.MIN_VALUE, 1L << 31, 3)).hasSize(3);
    }

    @Test
    void multinomialIsArgmaxOfPOverExponentials() {
        float[] p = {0.1f, 0.6f, 0.3f};
        Oracle o = new Oracle(SEED);
        int expected = -1;
        float best = -1;
        for (int i = 0; i < 3; i++) {
            float q = (float) -StrictMath.log(1 - o.uniform53());
            float ratio = p[i] / q;
            if (ratio > best) {
                best = ratio;
                expected = i;
            }
        }
        Generator g = new Generator(SEED);
        assertThat(g.multinomial(p)).isEqualTo(expected);
        // Exactly two draws per category.
        assertThat(g.random()).isEqualTo(o.draw());
    }

    @Test
    void multinomialWithOneNonZeroWeightAlwaysPicksItAndStillDrawsForEveryCategory() {
        float[] p = new float[27];
        p[13] = 2f; // weights need not sum to one
        Generator g = new Generator(SEED);
        Oracle o = new Oracle(SEED);
        for (int i = 0; i < 20; i++) {
            assertThat(g.multinomial(p)).isEqualTo(13);
        }
        for (int i = 0; i < 20 * 27 * 2; i++) {
            o.draw();
        }
        assertThat(g.random()).isEqualTo(o.draw());
    }

    @Test
    void multinomialOverRowsEqualsOneCallPerRow() {
        float[] m = new float[4 * 27];
        Generator weights = new Generator(3);
        for (int i = 0; i < m.length; i++) {
            m[i] = weights.nextFloatUniform();
        }
        int[] rows = new Generator(SEED).multinomialRows(m, 4, 27);
        Generator g = new Generator(SEED);
        assertThat(rows).containsExactly(
                g.multinomial(m, 0, 27), g.multinomial(m, 27, 27), g.multinomial(m, 54, 27), g.multinomial(m, 81, 27));
    }

    @Test
    void multinomialRowsSamplesEachRowInOrder() {
        float[] m = new float[3 * 5];
        m[2] = 1f;          // row 0 can only give 2
        m[5 + 4] = 0.5f;    // row 1 can only give 4
        m[10] = 3f;         // row 2 can only give 0
        Generator g = new Generator(SEED);
        assertThat(g.multinomialRows(m, 3, 5)).containsExactly(2, 4, 0);
        Oracle o = new Oracle(SEED);
        for (int i = 0; i < 3 * 5 * 2; i++) {
            o.draw();
        }
        assertThat(g.random()).isEqualTo(o.draw());
    }

    @Test
    void multinomialRejectsInvalidWeights() {
        Generator g = new Generator(SEED);
        assertThatThrownBy(() -> g.multinomial(new float[] {0.5f, -0.1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("element < 0");
        assertThatThrownBy(() -> g.multinomial(new float[] {Float.NaN, 1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nan");
        assertThatThrownBy(() -> g.multinomial(new float[] {Float.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inf");
        assertThatThrownBy(() -> g.multinomial(new float[] {0f, 0f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum of probabilities");
        assertThatThrownBy(() -> g.multinomial(new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.multinomialRows(new float[6], 4, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        // Validation happens before any draw.
        assertThat(g.random()).isEqualTo(1689602031L);
    }

    @Test
    void copyHasTheSameStateIncludingTheKeptNormal() {
        Generator g = new Generator(SEED);
        g.randn(1);
        Generator c = g.copy();
        assertThat(c.randn(3)).containsExactly(g.randn(3));
        assertThat(c.random()).isEqualTo(g.random());
        assertThat(c.initialSeed()).isEqualTo(SEED);
    }

    @Test
    void defaultGeneratorUsesPyTorchsDefaultSeed() {
        Generator g = new Generator();
        assertThat(g.initialSeed()).isEqualTo(67280421310721L);
        assertThat(g.random()).isEqualTo(new Generator(67280421310721L & 0xFFFFFFFFL).random());
        assertThat(g.toString()).contains("67280421310721");
    }
}
