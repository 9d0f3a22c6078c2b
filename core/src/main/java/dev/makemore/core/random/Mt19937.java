package dev.makemore.core.random;

/**
 * The 32-bit Mersenne Twister MT19937 of Matsumoto and Nishimura (1998), the engine behind both
 * PyTorch's CPU generator ({@link Generator}) and CPython's {@code random} module ({@link PyRandom}).
 *
 * <p>The state is 624 words of 32 bits. Each output word is taken from the state in turn and passed
 * through the standard tempering; after all 624 words have been used the whole state is regenerated
 * at once ("twisted"). Two standard seedings exist and both are offered:
 * <ul>
 *   <li>{@link #initGenrand(int)}: the reference {@code init_genrand}, which fills the state from one
 *       32-bit seed with the recurrence {@code s[i] = 1812433253 * (s[i-1] ^ (s[i-1] >>> 30)) + i}.
 *       PyTorch seeds this way with the low 32 bits of the seed.</li>
 *   <li>{@link #initByArray(int[])}: the reference {@code init_by_array}, which mixes a key of any
 *       length into a state first seeded with 19650218. CPython seeds this way with the 32-bit
 *       words of the seed's absolute value.</li>
 * </ul>
 *
 * <p>Words are held in Java {@code int}s; all arithmetic is modulo 2^32, so the signedness of the
 * Java type never matters except when a word is returned, see {@link #nextInt()} and
 * {@link #nextUnsignedInt()}. Not thread-safe.
 */
public final class Mt19937 {
    /** Number of 32-bit words of state. */
    public static final int STATE_WORDS = 624;
    private static final int SHIFT_SIZE = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[STATE_WORDS];
    private int next;

    /** An engine seeded as {@link #initGenrand(int) initGenrand(seed)}. */
    public Mt19937(int seed) {
        initGenrand(seed);
    }

    private Mt19937(Mt19937 other) {
        System.arraycopy(other.state, 0, state, 0, STATE_WORDS);
        next = other.next;
    }

    /** An engine seeded as {@link #initByArray(int[]) initByArray(key)}. */
    public static Mt19937 fromKey(int[] key) {
        Mt19937 engine = new Mt19937(0);
        engine.initByArray(key);
        return engine;
    }

    /** An independent engine in the same state as this one: both produce the same words from now on. */
    public Mt19937 copy() {
        return new Mt19937(this);
    }

    /**
     * Reseeds from one 32-bit value (its bits read as unsigned) with the reference {@code init_genrand}
     * recurrence. Seed 5489 is the reference default, whose first output is 3499211612.
     */
    public void initGenrand(int seed) {
        state[0] = seed;
        for (int i = 1; i < STATE_WORDS; i++) {
            int prev = state[i - 1];
            state[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        next = STATE_WORDS;
    }

    /**
     * Reseeds from a key of 32-bit words (each read as unsigned) with the reference
     * {@code init_by_array}: seed with 19650218, then two mixing passes over the state, the first
     * folding in the key words cyclically, and finally force the top bit of word 0 so the state
     * cannot be all zero.
     *
     * @throws IllegalArgumentException if the key is empty
     */
    public void initByArray(int[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("init_by_array needs a key of at least one word");
        }
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(STATE_WORDS, key.length); k > 0; k--) {
            int prev = state[i - 1];
            state[i] = (state[i] ^ ((prev ^ (prev >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= STATE_WORDS) {
                state[0] = state[STATE_WORDS - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = STATE_WORDS - 1; k > 0; k--) {
            int prev = state[i - 1];
            state[i] = (state[i] ^ ((prev ^ (prev >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= STATE_WORDS) {
                state[0] = state[STATE_WORDS - 1];
                i = 1;
            }
        }
        state[0] = UPPER_MASK;
        next = STATE_WORDS;
    }

    /** The next 32-bit output word, as a Java {@code int} (so words of 2^31 or more are negative). */
    public int nextInt() {
        if (next >= STATE_WORDS) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next 32-bit output word read as unsigned, in {@code [0, 2^32)}. */
    public long nextUnsignedInt() {
        return Integer.toUnsignedLong(nextInt());
    }

    /** Regenerates all 624 words: each combines the top bit of one word with the low 31 of the next. */
    private void twist() {
        int k = 0;
        for (; k < STATE_WORDS - SHIFT_SIZE; k++) {
            int y = (state[k] & UPPER_MASK) | (state[k + 1] & LOWER_MASK);
            state[k] = state[k + SHIFT_SIZE] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
        }
        for (; k < STATE_WORDS - 1; k++) {
            int y = (state[k] & UPPER_MASK) | (state[k + 1] & LOWER_MASK);
            state[k] = state[k + SHIFT_SIZE - STATE_WORDS] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
        }
        int y = (state[STATE_WORDS - 1] & UPPER_MASK) | (state[0] & LOWER_MASK);
        state[STATE_WORDS - 1] = state[SHIFT_SIZE - 1] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
        next = 0;
    }
}
