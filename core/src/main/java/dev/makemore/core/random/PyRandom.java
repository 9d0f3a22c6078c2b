package dev.makemore.core.random;

import java.math.BigInteger;
import java.util.List;

/**
 * The part of CPython's {@code random} module (3.11; unchanged since 3.2 for these calls) needed to
 * reproduce {@code random.seed(42); random.shuffle(words)}, which is how the lecture splits the names
 * into training, validation and test sets. With the same seed, {@link #shuffle(List)} here puts the
 * words in the same order as Python, so the Java splits contain the same names.
 *
 * <p>How CPython uses its MT19937 engine:
 * <ul>
 *   <li>{@link #seed(BigInteger) seed(n)}: the absolute value of n is cut into 32-bit words, least
 *       significant first (zero gives the single word 0), and the engine is seeded with them by
 *       {@link Mt19937#initByArray(int[]) init_by_array}.</li>
 *   <li>{@link #random()}: two draws a and b give {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53}, a
 *       double in {@code [0, 1)} with 53 random bits.</li>
 *   <li>{@link #getrandbits(int) getrandbits(k)}: the top k bits of one draw for k &le; 32; for larger
 *       k, 32 bits per draw from the least significant word up, the last draw keeping its top bits.</li>
 *   <li>{@link #randbelow(long) randbelow(n)}: rejection sampling with {@code getrandbits(bitLength(n))}
 *       until the value is below n; exact uniformity, and a variable number of draws.</li>
 *   <li>{@link #shuffle(List) shuffle}: Fisher-Yates from the end: for i from size-1 down to 1, swap
 *       element i with element {@code randbelow(i + 1)}.</li>
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class PyRandom {
    private static final double TWO_POW_26 = 67108864.0;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private Mt19937 engine;

    /** Like {@code random.Random(seed)}. */
    public PyRandom(long seed) {
        seed(seed);
    }

    /** Like {@code random.Random(seed)} for an integer seed of any size. */
    public PyRandom(BigInteger seed) {
        seed(seed);
    }

    /** {@code random.seed(seed)} for an int seed: see {@link #seed(BigInteger)}. */
    public void seed(long seed) {
        seed(BigInteger.valueOf(seed));
    }

    /**
     * {@code random.seed(seed)} for an int seed: reseeds the engine by {@code init_by_array} with the
     * 32-bit words of {@code |seed|}, least significant word first; seed 0 gives the key {@code [0]}.
     * The sign is dropped, so {@code seed(-5)} equals {@code seed(5)}, as in CPython.
     */
    public void seed(BigInteger seed) {
        BigInteger magnitude = seed.abs();
        int words = Math.max(1, (magnitude.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = magnitude.shiftRight(32 * i).intValue();
        }
        engine = Mt19937.fromKey(key);
    }

    /** {@code random.random()}: a double in {@code [0, 1)} built from the top 27 and top 26 bits of two draws. */
    public double random() {
        long a = engine.nextInt() >>> 5;
        long b = engine.nextInt() >>> 6;
        return (a * TWO_POW_26 + b) * TWO_POW_MINUS_53;
    }

    /**
     * {@code random.getrandbits(k)} for {@code 0 <= k <= 63}: k random bits as a non-negative long.
     * k &le; 32 takes the top k bits of one draw; otherwise the low 32 bits come from the first draw and
     * the remaining {@code k - 32} bits from the top of the second, as CPython assembles its result
     * from little-endian words. {@code getrandbits(0)} is 0 and draws nothing.
     *
     * @throws IllegalArgumentException if k is outside {@code [0, 63]}
     */
    public long getrandbits(int k) {
        if (k < 0 || k > 63) {
            throw new IllegalArgumentException("getrandbits supports 0 <= k <= 63 here, got " + k);
        }
        if (k == 0) {
            return 0;
        }
        if (k <= 32) {
            return Integer.toUnsignedLong(engine.nextInt() >>> (32 - k));
        }
        long low = Integer.toUnsignedLong(engine.nextInt());
        long high = Integer.toUnsignedLong(engine.nextInt() >>> (64 - k));
        return (high << 32) | low;
    }

    /**
     * {@code random._randbelow(n)}: a uniform integer in {@code [0, n)}. Draws
     * {@code getrandbits(k)} with k the bit length of n and retries while the result is n or more.
     *
     * @throws IllegalArgumentException unless {@code n > 0}
     */
    public long randbelow(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("randbelow needs n > 0, got " + n);
        }
        int bits = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(bits);
        while (r >= n) {
            r = getrandbits(bits);
        }
        return r;
    }

    /** {@code random.shuffle(list)} in place: see {@link #shuffle(int[])}. */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = (int) randbelow(i + 1L);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    /**
     * {@code random.shuffle(values)} in place: for i from {@code length - 1} down to 1, swap element i
     * with element {@code randbelow(i + 1)}. Shuffling {@code 0, 1, ..., n-1} gives the permutation
     * Python applies to any list of n elements.
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = (int) randbelow(i + 1L);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
