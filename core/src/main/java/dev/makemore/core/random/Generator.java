package dev.makemore.core.random;

import java.util.Objects;

/**
 * A random number generator that produces exactly what PyTorch's CPU generator produces for
 * float32 tensors: {@code g = torch.Generator().manual_seed(seed)} followed by
 * {@code torch.randn(..., generator=g)}, {@code torch.rand}, {@code torch.randint} and
 * {@code torch.multinomial(p, num_samples=1)}, in the same order, gives the same numbers here.
 *
 * <p>Why: the lecture creates its weights and draws its minibatches from
 * {@code torch.Generator().manual_seed(2147483647)}; with this class the Java run starts from the
 * very same weights and sees the very same minibatches, so its losses and statistics can be compared
 * with the lecture's printed numbers digit by digit rather than only statistically. Verified against
 * vectors recorded from PyTorch 1.13 on x86-64 with AVX2 (the lecture's version). Other versions are
 * not checked here; some later releases changed how a few of these calls draw (for example the
 * exponential variates behind {@code multinomial} on some builds).
 *
 * <p>How each call consumes the engine (one MT19937 seeded with the low 32 bits of the seed; a
 * "draw" is one 32-bit output):
 * <ul>
 *   <li>{@link #random()}: one draw. {@link #random64()}: two draws, the first forming the high half.</li>
 *   <li>float uniform ({@link #rand}): the low 24 bits of one draw, times 2^-24.</li>
 *   <li>double uniform ({@link #nextDoubleUniform()}): the low 53 bits of {@code random64()}, times
 *       2^-53.</li>
 *   <li>{@link #randn(float[], int, int) randn} of n &ge; 16 elements: first one float uniform per
 *       element, then a float32 Box-Muller transform over each full block of 16 (element j paired with
 *       j + 8); if n is not a multiple of 16 the last 16 elements are overwritten with 16 fresh
 *       uniforms and transformed again. See {@link VectorizedBoxMuller} for the arithmetic.</li>
 *   <li>randn of n &lt; 16 elements: one double-precision normal per element from
 *       {@link #nextNormal()}, which produces normals in pairs and keeps the second of each pair for
 *       the next such call (across randn calls; {@link #manualSeed} forgets it).</li>
 *   <li>{@link #randint(long, long) randint}: {@code draw % (high - low) + low}, one draw per value if
 *       the range is below 2^32, otherwise {@code random64()}.</li>
 *   <li>{@link #multinomial(float[]) multinomial} with one sample: one double exponential per
 *       category, then the first index of the largest {@code p / q}; see there.</li>
 * </ul>
 *
 * <p>Not thread-safe: give each thread its own generator (PyTorch serialises calls with a lock).
 */
public final class Generator {
    /** The seed of the lecture: {@code torch.Generator().manual_seed(2147483647)}. */
    public static final long LECTURE_SEED = 2147483647L;
    /** PyTorch's seed for a generator that was never seeded ({@code torch.Generator().initial_seed()}). */
    public static final long DEFAULT_SEED = 67280421310721L;

    private static final int FLOAT_MANTISSA_MASK = (1 << 24) - 1;
    private static final float FLOAT_UNIT = 0x1.0p-24f;
    private static final long DOUBLE_MANTISSA_MASK = (1L << 53) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final int BLOCK = 16;

    private Mt19937 engine;
    private long seed;
    private boolean hasCachedNormal;
    private double cachedNormal;

    /** A generator in the state of a fresh {@code torch.Generator()}, i.e. seeded with {@link #DEFAULT_SEED}. */
    public Generator() {
        this(DEFAULT_SEED);
    }

    /** A generator in the state of {@code torch.Generator().manual_seed(seed)}. */
    public Generator(long seed) {
        manualSeed(seed);
    }

    private Generator(Generator other) {
        engine = other.engine.copy();
        seed = other.seed;
        hasCachedNormal = other.hasCachedNormal;
        cachedNormal = other.cachedNormal;
    }

    /**
     * Reseeds like {@code Generator.manual_seed(seed)}: the engine restarts from the low 32 bits of
     * {@code seed} (PyTorch keeps the full 64-bit value only for {@link #initialSeed()}), and the
     * normal sample kept back by {@link #nextNormal()} is discarded.
     *
     * @return this generator, so that {@code new Generator().manualSeed(s)} reads like PyTorch
     */
    public Generator manualSeed(long seed) {
        this.seed = seed;
        this.engine = new Mt19937((int) seed);
        this.hasCachedNormal = false;
        this.cachedNormal = 0;
        return this;
    }

    /** The seed last given to {@link #manualSeed(long)}, like {@code Generator.initial_seed()}. */
    public long initialSeed() {
        return seed;
    }

    /**
     * An independent generator in exactly this state (engine and kept-back normal): both produce the
     * same numbers from here on. Like {@code g2.set_state(g.get_state())}.
     */
    public Generator copy() {
        return new Generator(this);
    }

    /** One 32-bit draw of the engine, unsigned, in {@code [0, 2^32)}. */
    public long random() {
        return engine.nextUnsignedInt();
    }

    /**
     * 64 random bits from two draws: the first draw becomes the high 32 bits, the second the low 32.
     * Returned in a {@code long}, so values of 2^63 or more come out negative.
     */
    public long random64() {
        long high = engine.nextUnsignedInt();
        long low = engine.nextUnsignedInt();
        return (high << 32) | low;
    }

    /** One float uniform in {@code [0, 1)} from the low 24 bits of one draw (PyTorch's float path). */
    public float nextFloatUniform() {
        return (engine.nextInt() & FLOAT_MANTISSA_MASK) * FLOAT_UNIT;
    }

    /** One double uniform in {@code [0, 1)} from the low 53 bits of {@link #random64()} (PyTorch's double path). */
    public double nextDoubleUniform() {
        return (random64() & DOUBLE_MANTISSA_MASK) * DOUBLE_UNIT;
    }

    /** {@code torch.rand(n, generator=g)}: n float uniforms in {@code [0, 1)}, one draw each. */
    public float[] rand(int n) {
        float[] out = new float[requireNonNegative(n)];
        rand(out, 0, n);
        return out;
    }

    /** Fills {@code out} as {@code torch.rand(out.length)} would. */
    public void rand(float[] out) {
        rand(out, 0, out.length);
    }

    /** Fills {@code out[offset .. offset+n-1]} as {@code torch.rand(n)} would. */
    public void rand(float[] out, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, out.length);
        for (int i = offset; i < offset + n; i++) {
            out[i] = nextFloatUniform();
        }
    }

    /**
     * {@code torch.randn(n, generator=g)} for a float32 tensor of n elements. The shape does not
     * matter, only the total number of elements (which decides the algorithm, see the class comment):
     * a {@code (27, 10)} tensor is {@code randn(270)}.
     */
    public float[] randn(int n) {
        float[] out = new float[requireNonNegative(n)];
        randn(out, 0, n);
        return out;
    }

    /** Fills all of {@code out} with one {@code torch.randn} call of {@code out.length} elements. */
    public void randn(float[] out) {
        randn(out, 0, out.length);
    }

    /**
     * Fills {@code out[offset .. offset+n-1]} as one {@code torch.randn} call on a contiguous float32
     * tensor of n elements. A tensor must be filled by one call: two calls of n/2 elements give other
     * numbers, because the algorithm depends on n.
     *
     * <p>n &ge; 16: fill the range with float uniforms, convert each complete block of 16 by the
     * float32 Box-Muller of {@link VectorizedBoxMuller} (bit-exact with PyTorch's AVX2 kernel); when
     * n is not a multiple of 16, draw 16 new uniforms into the last 16 slots, which overlap the last
     * full block, and convert those again. n &lt; 16: each element is {@link #nextNormal()} rounded to
     * float.
     */
    public void randn(float[] out, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, out.length);
        if (n >= BLOCK) {
            rand(out, offset, n);
            int end = offset + n;
            for (int block = offset; block + BLOCK <= end; block += BLOCK) {
                VectorizedBoxMuller.fill16(out, block);
            }
            if (n % BLOCK != 0) {
                rand(out, end - BLOCK, BLOCK);
                VectorizedBoxMuller.fill16(out, end - BLOCK);
            }
        } else {
            for (int i = offset; i < offset + n; i++) {
                out[i] = (float) nextNormal();
            }
        }
    }

    /**
     * One standard normal sample in double precision, as PyTorch draws normals one at a time (for
     * tensors of fewer than 16 elements). Samples come in pairs: with two double uniforms u1 and u2,
     * radius {@code r = sqrt(-2 ln(1 - u2))} and angle {@code 2 pi u1}, this returns
     * {@code r cos(angle)} and keeps {@code r sin(angle)}, which the next call returns without drawing.
     * {@link #manualSeed(long)} discards a kept sample. Uses {@link StrictMath} so the result does not
     * depend on the JVM.
     */
    public double nextNormal() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = nextDoubleUniform();
        double u2 = nextDoubleUniform();
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u2));
        double angle = 2.0 * Math.PI * u1;
        cachedNormal = radius * StrictMath.sin(angle);
        hasCachedNormal = true;
        return radius * StrictMath.cos(angle);
    }

    /**
     * One value of {@code torch.randint(low, high, ...)}: uniform in {@code [low, high)} as
     * {@code draw % (high - low) + low}, where the draw is {@link #random()} for ranges below 2^32 and
     * {@link #random64()} (read as unsigned) otherwise. The modulo makes small values very slightly more
     * likely, as in PyTorch.
     *
     * @throws IllegalArgumentException unless {@code low < high}
     */
    public long randint(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("randint expects low < high, got low=" + low + ", high=" + high);
        }
        long range = high - low; // unsigned: correct even if the difference overflows a signed long
        if (Long.compareUnsigned(range, 1L << 32) >= 0) {
            return Long.remainderUnsigned(random64(), range) + low;
        }
        return random() % range + low;
    }

    /** {@code torch.randint(low, high, (n,))}: n values in {@code [low, high)}, which must fit in an int. */
    public int[] randint(long low, long high, int n) {
        int[] out = new int[requireNonNegative(n)];
        randint(low, high, out);
        return out;
    }

    /**
     * Fills {@code out} as {@code torch.randint(low, high, (out.length,))} would, without allocating;
     * a training loop reuses one buffer for its minibatch indices.
     *
     * @throws IllegalArgumentException unless {@code low < high} and both bound an int range
     */
    public void randint(long low, long high, int[] out) {
        if (low < Integer.MIN_VALUE || high - 1 > Integer.MAX_VALUE || low >= high) {
            throw new IllegalArgumentException("randint into int[] needs Integer.MIN_VALUE <= low < high <= 2^31, got low="
                    + low + ", high=" + high);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) randint(low, high);
        }
    }

    /**
     * {@code torch.multinomial(probs, num_samples=1, generator=g).item()} for one row of weights: the
     * index of one category, drawn with probability proportional to its weight (the weights need not
     * sum to 1).
     *
     * <p>PyTorch does not walk the cumulative distribution here. It draws one exponential variate per
     * category, in category order, {@code q = -ln(1 - u)} with u a {@link #nextDoubleUniform() double
     * uniform}, rounds it to float, and returns the first index of the largest {@code p / q} computed in
     * float32 (a NaN counts as largest, as in {@code argmax}). The smallest of independent exponentials
     * scaled by {@code 1/p} lands on category i with probability {@code p_i / sum(p)}, so this is a
     * correct sampler; reproducing it, rather than any other correct sampler, is what gives the
     * lecture's names. Every call consumes exactly {@code 2 * probs.length} draws.
     *
     * @throws IllegalArgumentException if a weight is negative, infinite or NaN, or all are zero
     */
    public int multinomial(float[] probs) {
        return multinomial(probs, 0, probs.length);
    }

    /** {@link #multinomial(float[])} on the row {@code probs[offset .. offset+length-1]}; returns an index in {@code [0, length)}. */
    public int multinomial(float[] probs, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, probs.length);
        checkDistribution(probs, offset, length);
        int best = 0;
        float bestRatio = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            float q = (float) (-StrictMath.log(1.0 - nextDoubleUniform()));
            float ratio = probs[offset + i] / q;
            if (i == 0 || (!Float.isNaN(bestRatio) && (ratio > bestRatio || Float.isNaN(ratio)))) {
                best = i;
                bestRatio = ratio;
            }
        }
        return best;
    }

    /**
     * {@code torch.multinomial(probs, num_samples=1)} for a row-major {@code (rows, cols)} matrix of
     * weights: one index per row, rows drawn in order (the same draws as {@code rows} calls of
     * {@link #multinomial(float[], int, int)}).
     */
    public int[] multinomialRows(float[] probs, int rows, int cols) {
        if (rows < 0 || cols <= 0 || (long) rows * cols != probs.length) {
            throw new IllegalArgumentException("multinomial: shape (" + rows + ", " + cols
                    + ") does not match " + probs.length + " weights");
        }
        for (int r = 0; r < rows; r++) {
            checkDistribution(probs, r * cols, cols);
        }
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = multinomial(probs, r * cols, cols);
        }
        return out;
    }

    private static void checkDistribution(float[] probs, int offset, int length) {
        if (length == 0) {
            throw new IllegalArgumentException("multinomial needs at least one category");
        }
        boolean positive = false;
        for (int i = offset; i < offset + length; i++) {
            float p = probs[i];
            if (!(p >= 0) || p == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("multinomial: probability tensor contains either inf, nan or element < 0 (index "
                        + (i - offset) + " is " + p + ")");
            }
            positive |= p > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException("multinomial: invalid multinomial distribution (sum of probabilities <= 0)");
        }
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative number of elements: " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "Generator(seed=" + seed + ")";
    }
}
