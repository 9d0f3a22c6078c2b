package dev.makemore.core.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the vector kernels found about the machine, once per JVM: the width of its float vectors and
 * whether the JIT has a fused multiply-add instruction. {@code makemore bench} prints both, because
 * the speed (and, for FMA, the last bits) of a run depends on them.
 *
 * <p>Why FMA is detected rather than assumed: {@code FloatVector.fma} and {@link Math#fma} are one
 * instruction where the CPU has FMA, but without it (older CPUs, some virtual machines, or
 * {@code -XX:-UseFMA}) both fall back to an exact software emulation through {@code BigDecimal},
 * thousands of times slower: 200 training steps did not finish in two minutes. The kernels therefore
 * multiply and add in two roundings there. That gives other bits than the fused path (a step's loss
 * differs in its last digits); both agree with the scalar oracle within the tests' tolerance.
 *
 * <p>The width is the Vector API's preferred species: 512 bits with AVX-512, 256 with AVX2, 128 with
 * SSE or ARM's NEON (HotSpot's {@code -XX:UseAVX=2} and {@code -XX:MaxVectorSize=16} stand in for
 * those CPUs on a larger one). Results do not depend on it: see {@link VectorKernels}.
 */
public final class Hardware {
    /**
     * The float species every vector kernel uses, and the only one: once a JVM has run vectors of two
     * sizes, C2 may stop intrinsifying the Vector API's shared code, and every kernel boxes. (A 256-bit
     * transposition tried beside the 512-bit matmul left the matmul allocating 1 MB per call.)
     */
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    /**
     * True when fused multiply-add is an instruction here; {@code -Dmakemore.fma=off} forces the
     * multiply-then-add path (for tests of it on an FMA machine).
     */
    static final boolean FMA = !"off".equalsIgnoreCase(System.getProperty("makemore.fma", "auto")) && hotSpotFma();

    private Hardware() {
    }

    /** Whether the kernels use fused multiply-add (in hardware, and not switched off). */
    public static boolean fma() {
        return FMA;
    }

    /** Width of the float vectors the kernels use, in bits (128, 256 or 512). */
    public static int vectorBits() {
        return FLOATS.vectorBitSize();
    }

    /** The float species, as the Vector API names it, e.g. {@code Species[float, 8, S_256_BIT]}. */
    public static String species() {
        return FLOATS.toString();
    }

    /**
     * {@code a * b + c} rounded once, the bits of {@link Math#fma(float, float, float)} on every machine,
     * for the scalar code whose bits must match PyTorch's (the initial weights' Box-Muller transform,
     * uniform initialisation). Where the CPU has FMA it is that instruction; elsewhere the product is
     * formed exactly in double (24 + 24 bits fit in 53), added in double, and rounded to float, the
     * double rounding corrected as in musl's {@code fmaf}: rounding the double sum to float is right
     * unless the sum is inexact and lies exactly halfway between two floats, and then it is nudged one
     * double ulp towards the exact sum. Results in float's subnormal range take {@code Math.fma}'s
     * exact (slow) path, which they never do in this project.
     */
    public static float fma(float a, float b, float c) {
        return FMA ? Math.fma(a, b, c) : fmaInDouble(a, b, c);
    }

    /** The no-FMA path of {@link #fma}, visible to the tests, which compare it with {@link Math#fma}. */
    static float fmaInDouble(float a, float b, float c) {
        double xy = (double) a * b;
        double s = xy + c;
        if (Double.isNaN(s) || Double.isInfinite(s) || (s - xy == c && s - c == xy)) {
            return (float) s; // exact (or not a number): one rounding, to float
        }
        if (Math.abs(s) < 0x1p-126) {
            return Math.fma(a, b, c); // a float subnormal: its halfway points are elsewhere
        }
        long bits = Double.doubleToRawLongBits(s);
        if ((bits & 0x1fffffffL) != 0x10000000L) {
            return (float) s; // not halfway between two floats: rounds as the exact sum would
        }
        boolean negative = bits < 0;
        double err = negative == (c > xy) ? xy - s + c : c - s + xy;
        bits += negative == (err < 0) ? 1 : -1; // one ulp away from zero, or towards it
        return (float) Double.longBitsToDouble(bits);
    }

    /**
     * HotSpot's {@code UseFMA} flag, read through the management API: true where the JIT emits FMA
     * instructions. Another JVM (no such flag) counts as no FMA: the multiply-add path is never slow.
     */
    private static boolean hotSpotFma() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return bean != null && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
