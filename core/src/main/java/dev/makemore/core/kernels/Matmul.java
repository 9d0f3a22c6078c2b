package dev.makemore.core.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked matrix multiplication on the Vector API, the three forms of {@link Kernels} in
 * float and double.
 *
 * <p>The micro-kernel computes a tile of 8 rows by 2 vectors of {@code C} (8 x 32 floats with 512-bit
 * vectors) in 16 accumulators that live in registers for the whole {@code k} loop: each step loads two
 * vectors of a row of {@code B}, broadcasts one element of {@code A} per row, and issues 16 FMAs, so
 * there are 10 loads per 16 FMAs and no store until the tile is done. Tiles walk down the rows of
 * {@code C} inside a column panel, so the panel of {@code B} ({@code k x 32}) stays in L1 while every
 * row block reuses it.
 *
 * <p>Edges. Columns: when {@code n} is not a multiple of the vector length, the last vector slot is
 * placed at {@code n - L}, overlapping the one before it, so every load and store is a full in-bounds
 * vector (JDK 17 boxes every masked load and store). The overlapped lanes are recomputed bit for bit
 * (the same FMAs in the same order from zero), so storing them again is harmless. Rows: the last
 * partial block of 8 rows is placed at {@code m - 8} and skips storing the rows the block before it
 * already wrote. Matrices thinner than one block ({@code m < 8}) use one-row kernels, narrower than
 * one vector ({@code n < L}) a scalar loop.
 *
 * <p>{@code accumulate}: the micro-kernel only ever stores. With {@code accumulate} it stores into a
 * small per-thread tile and {@link #addTile} adds the tile into {@code C}, the overlapped lanes first
 * set to -0.0 (an exact identity for addition). Folding the additions into the kernel instead makes it
 * too large for C2 to inline every vector operation (it stops at its node-count cutoff), and each
 * vector it does not inline is boxed: an allocation per tile. The order of rounding is PyTorch's for
 * {@code grad += x.T @ dout}: the product first, then one addition.
 *
 * <p>{@code A^T.B} is the same kernel with {@code A}'s strides swapped (an element of {@code A^T} is
 * {@code a[p * m + i]}): its broadcasts walk down a column instead of along a row, which costs nothing.
 * {@code A.B^T} needs rows of {@code B^T}, which {@code B} (stored {@code (n, k)}) only has as strided
 * columns, so it first transposes {@code B} into a per-thread scratch array and keeps one micro-kernel
 * for all three forms. The transposition moves about one element per cycle: some 1.5 us of the 3.4 us
 * of {@code (32, 27) . (200, 27)^T}, which still runs at 100 GFLOP/s; a dot-product kernel along
 * {@code k} would need a horizontal reduction per element of {@code C} and lose more at {@code k = 27}.
 * Nothing else allocates: the accumulators are locals, which C2 keeps in registers.
 *
 * <p>Measured on one core of the project's AMD EPYC (AVX-512), JDK 17, JMH ({@code MatmulBenchmark}):
 * 180-190 GFLOP/s for the lecture's {@code x @ W} and {@code x^T . dout} shapes, about 100-110 for
 * {@code dout . W^T}, 199 at 256^3 (OpenBLAS, one thread: 67 at 32x30x200 and 100 at 256^3).
 */
final class Matmul {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    /** Rows of {@code C} per micro-tile. */
    private static final int MR = 8;

    private Matmul() {
    }

    // ---- the three forms ----

    /** {@code C(m,n) (+)= A(m,k) . B(k,n)}. */
    static void ab(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
        gemm(a, k, 1, b, c, m, k, n, acc);
    }

    /** {@code C(m,n) (+)= A^T . B}, {@code A} stored {@code (k,m)}. */
    static void atb(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
        gemm(a, 1, m, b, c, m, k, n, acc);
    }

    /** {@code C(m,n) (+)= A . B^T}, {@code B} stored {@code (n,k)}. */
    static void abt(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        float[] bt = Scratch.get().floats(k * n);
        transpose(b, n, k, bt);
        gemm(a, k, 1, bt, c, m, k, n, acc);
    }

    static void ab(double[] a, double[] b, double[] c, int m, int k, int n, boolean acc) {
        gemm(a, k, 1, b, c, m, k, n, acc);
    }

    static void atb(double[] a, double[] b, double[] c, int m, int k, int n, boolean acc) {
        gemm(a, 1, m, b, c, m, k, n, acc);
    }

    static void abt(double[] a, double[] b, double[] c, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        double[] bt = Scratch.get().doubles(k * n);
        transpose(b, n, k, bt);
        gemm(a, k, 1, bt, c, m, k, n, acc);
    }

    // ---- drivers ----

    /**
     * {@code C (+)= A . B} where element {@code (i, p)} of {@code A} is {@code a[i * ars + p * acs]}
     * and {@code B} is {@code (k, n)} row-major. Column slots go in pairs (the last group may hold one);
     * within a pair of slots, blocks of 8 rows walk down {@code C}.
     */
    private static void gemm(float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (n < FL) {
            narrow(a, ars, acs, b, c, m, k, n, acc);
            return;
        }
        float[] tile = acc ? Scratch.get().floatTile : null;
        int slots = (n + FL - 1) / FL;
        int ov = slots * FL - n; // lanes of the last slot that the slot before it already covers
        for (int s = 0; s < slots; s += 2) {
            boolean pair = s + 1 < slots;
            int j0 = pair ? s * FL : n - FL;
            int j1 = pair ? Math.min(j0 + FL, n - FL) : j0;
            int ovLast = s + 2 >= slots ? ov : 0;
            if (m < MR) {
                for (int i = 0; i < m; i++) {
                    row(a, i * ars, ars, acs, b, n, pair, j0, j1, k, c, i * n, ovLast, acc, tile);
                }
            } else {
                int i = 0;
                for (; i + MR <= m; i += MR) {
                    rows(a, i * ars, ars, acs, b, n, pair, j0, j1, k, c, i * n, 0, ovLast, acc, tile);
                }
                if (i < m) {
                    int last = m - MR;
                    rows(a, last * ars, ars, acs, b, n, pair, j0, j1, k, c, last * n, MR - (m - i), ovLast, acc, tile);
                }
            }
        }
    }

    /** One block of 8 rows of {@code C} at {@code ci}, the first {@code skip} rows already done. */
    private static void rows(float[] a, int ai, int ars, int acs, float[] b, int n, boolean pair, int j0, int j1, int k,
            float[] c, int ci, int skip, int ov, boolean acc, float[] tile) {
        if (!acc) {
            if (pair) {
                f8x2(a, ai, ars, acs, b, n, j0, j1, k, c, ci, n, j0, j1, skip);
            } else {
                f8x1(a, ai, ars, acs, b, n, j0, k, c, ci, n, j0, skip);
            }
            return;
        }
        if (pair) {
            f8x2(a, ai, ars, acs, b, n, j0, j1, k, tile, 0, 2 * FL, 0, FL, 0);
        } else {
            f8x1(a, ai, ars, acs, b, n, j0, k, tile, 0, 2 * FL, 0, 0);
        }
        addTile(tile, MR, skip, pair, c, ci, n, j0, j1, ov);
    }

    /** One row of {@code C} at {@code ci}, for matrices of fewer than 8 rows. */
    private static void row(float[] a, int ai, int ars, int acs, float[] b, int n, boolean pair, int j0, int j1, int k,
            float[] c, int ci, int ov, boolean acc, float[] tile) {
        float[] target = acc ? tile : c;
        int at = acc ? 0 : ci;
        if (pair) {
            f1x2(a, ai, ars, acs, b, n, j0, j1, k, target, at, acc ? 0 : j0, acc ? FL : j1);
        } else {
            f1x1(a, ai, ars, acs, b, n, j0, k, target, at, acc ? 0 : j0);
        }
        if (acc) {
            addTile(tile, 1, 0, pair, c, ci, n, j0, j1, ov);
        }
    }

    /**
     * {@code C[rows skip.., slots] += tile}, the tile holding rows of two vectors: the second slot (or
     * the only one) adds into its fresh lanes only, as its first {@code ov} lanes belong to the slot
     * before it.
     */
    private static void addTile(float[] tile, int rows, int skip, boolean pair, float[] c, int ci, int n, int j0, int j1,
            int ov) {
        int last = pair ? FL : 0; // where the possibly overlapped slot sits in a tile row
        for (int r = skip; r < rows; r++) {
            int t = r * 2 * FL;
            int o = ci + r * n;
            // Lanes the previous slot already added get -0.0, which adds to any value without changing a bit.
            Arrays.fill(tile, t + last, t + last + ov, -0.0f);
            if (pair) {
                FloatVector.fromArray(FS, c, o + j0).add(FloatVector.fromArray(FS, tile, t)).intoArray(c, o + j0);
            }
            FloatVector.fromArray(FS, c, o + j1).add(FloatVector.fromArray(FS, tile, t + last)).intoArray(c, o + j1);
        }
    }

    private static void gemm(double[] a, int ars, int acs, double[] b, double[] c, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (n < DL) {
            narrow(a, ars, acs, b, c, m, k, n, acc);
            return;
        }
        double[] tile = acc ? Scratch.get().doubleTile : null;
        int slots = (n + DL - 1) / DL;
        int ov = slots * DL - n; // lanes of the last slot that the slot before it already covers
        for (int s = 0; s < slots; s += 2) {
            boolean pair = s + 1 < slots;
            int j0 = pair ? s * DL : n - DL;
            int j1 = pair ? Math.min(j0 + DL, n - DL) : j0;
            int ovLast = s + 2 >= slots ? ov : 0;
            if (m < MR) {
                for (int i = 0; i < m; i++) {
                    row(a, i * ars, ars, acs, b, n, pair, j0, j1, k, c, i * n, ovLast, acc, tile);
                }
            } else {
                int i = 0;
                for (; i + MR <= m; i += MR) {
                    rows(a, i * ars, ars, acs, b, n, pair, j0, j1, k, c, i * n, 0, ovLast, acc, tile);
                }
                if (i < m) {
                    int last = m - MR;
                    rows(a, last * ars, ars, acs, b, n, pair, j0, j1, k, c, last * n, MR - (m - i), ovLast, acc, tile);
                }
            }
        }
    }

    private static void rows(double[] a, int ai, int ars, int acs, double[] b, int n, boolean pair, int j0, int j1, int k,
            double[] c, int ci, int skip, int ov, boolean acc, double[] tile) {
        if (!acc) {
            if (pair) {
                d8x2(a, ai, ars, acs, b, n, j0, j1, k, c, ci, n, j0, j1, skip);
            } else {
                d8x1(a, ai, ars, acs, b, n, j0, k, c, ci, n, j0, skip);
            }
            return;
        }
        if (pair) {
            d8x2(a, ai, ars, acs, b, n, j0, j1, k, tile, 0, 2 * DL, 0, DL, 0);
        } else {
            d8x1(a, ai, ars, acs, b, n, j0, k, tile, 0, 2 * DL, 0, 0);
        }
        addTile(tile, MR, skip, pair, c, ci, n, j0, j1, ov);
    }

    private static void row(double[] a, int ai, int ars, int acs, double[] b, int n, boolean pair, int j0, int j1, int k,
            double[] c, int ci, int ov, boolean acc, double[] tile) {
        double[] target = acc ? tile : c;
        int at = acc ? 0 : ci;
        if (pair) {
            d1x2(a, ai, ars, acs, b, n, j0, j1, k, target, at, acc ? 0 : j0, acc ? DL : j1);
        } else {
            d1x1(a, ai, ars, acs, b, n, j0, k, target, at, acc ? 0 : j0);
        }
        if (acc) {
            addTile(tile, 1, 0, pair, c, ci, n, j0, j1, ov);
        }
    }

    private static void addTile(double[] tile, int rows, int skip, boolean pair, double[] c, int ci, int n, int j0, int j1,
            int ov) {
        int last = pair ? DL : 0; // where the possibly overlapped slot sits in a tile row
        for (int r = skip; r < rows; r++) {
            int t = r * 2 * DL;
            int o = ci + r * n;
            Arrays.fill(tile, t + last, t + last + ov, -0.0d);
            if (pair) {
                DoubleVector.fromArray(DS, c, o + j0).add(DoubleVector.fromArray(DS, tile, t)).intoArray(c, o + j0);
            }
            DoubleVector.fromArray(DS, c, o + j1).add(DoubleVector.fromArray(DS, tile, t + last)).intoArray(c, o + j1);
        }
    }

    /** Outputs narrower than one vector: one FMA chain per element (rare; the lecture has none). */
    private static void narrow(float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * ars + p * acs], b[p * n + j], s);
                }
                c[i * n + j] = acc ? c[i * n + j] + s : s;
            }
        }
    }

    private static void narrow(double[] a, int ars, int acs, double[] b, double[] c, int m, int k, int n, boolean acc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * ars + p * acs], b[p * n + j], s);
                }
                c[i * n + j] = acc ? c[i * n + j] + s : s;
            }
        }
    }

    // ---- transposition for A.B^T ----

    /**
     * {@code out(cols, rows) = in(rows, cols)^T}, eight rows at a time: each column step reads eight
     * strided elements and writes eight contiguous ones. (The naive row-by-row loop writes with a
     * stride of {@code rows}, which for 256 rows is 1 KiB: every store then aliases in the 4 KiB
     * store-forwarding check and the loop runs ten times slower.)
     */
    static void transpose(float[] in, int rows, int cols, float[] out) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            for (int q = 0, i = r * cols, o = r; q < cols; q++, i++, o += rows) {
                out[o] = in[i];
                out[o + 1] = in[i + cols];
                out[o + 2] = in[i + 2 * cols];
                out[o + 3] = in[i + 3 * cols];
                out[o + 4] = in[i + 4 * cols];
                out[o + 5] = in[i + 5 * cols];
                out[o + 6] = in[i + 6 * cols];
                out[o + 7] = in[i + 7 * cols];
            }
        }
        for (; r < rows; r++) {
            for (int q = 0, i = r * cols, o = r; q < cols; q++, i++, o += rows) {
                out[o] = in[i];
            }
        }
    }

    static void transpose(double[] in, int rows, int cols, double[] out) {
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            for (int q = 0, i = r * cols, o = r; q < cols; q++, i++, o += rows) {
                out[o] = in[i];
                out[o + 1] = in[i + cols];
                out[o + 2] = in[i + 2 * cols];
                out[o + 3] = in[i + 3 * cols];
                out[o + 4] = in[i + 4 * cols];
                out[o + 5] = in[i + 5 * cols];
                out[o + 6] = in[i + 6 * cols];
                out[o + 7] = in[i + 7 * cols];
            }
        }
        for (; r < rows; r++) {
            for (int q = 0, i = r * cols, o = r; q < cols; q++, i++, o += rows) {
                out[o] = in[i];
            }
        }
    }

    // ---- micro-kernels: C[rows, slots] over all of k, the accumulators in registers ----
    // ai indexes A[i0, 0]; j0, j1 are the column slots in B; the tile of C goes to c[ci + r * ldc + cjX]
    // for rows r >= skip (the rows before are the previous block's). Generated, regular code: 8x2 is
    // the workhorse, 8x1 a lone last slot, 1x2 and 1x1 matrices of fewer than 8 rows.

    private static void f8x2(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int j1, int k,
            float[] c, int ci, int ldc, int cj0, int cj1, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bp + j1);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(FS, a[ap + ars]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(FS, a[ap + 2 * ars]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(FS, a[ap + 3 * ars]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(FS, a[ap + 4 * ars]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(FS, a[ap + 5 * ars]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(FS, a[ap + 6 * ars]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(FS, a[ap + 7 * ars]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        if (skip <= 0) {
            c00.intoArray(c, ci + cj0);
            c01.intoArray(c, ci + cj1);
        }
        if (skip <= 1) {
            c10.intoArray(c, ci + ldc + cj0);
            c11.intoArray(c, ci + ldc + cj1);
        }
        if (skip <= 2) {
            c20.intoArray(c, ci + 2 * ldc + cj0);
            c21.intoArray(c, ci + 2 * ldc + cj1);
        }
        if (skip <= 3) {
            c30.intoArray(c, ci + 3 * ldc + cj0);
            c31.intoArray(c, ci + 3 * ldc + cj1);
        }
        if (skip <= 4) {
            c40.intoArray(c, ci + 4 * ldc + cj0);
            c41.intoArray(c, ci + 4 * ldc + cj1);
        }
        if (skip <= 5) {
            c50.intoArray(c, ci + 5 * ldc + cj0);
            c51.intoArray(c, ci + 5 * ldc + cj1);
        }
        if (skip <= 6) {
            c60.intoArray(c, ci + 6 * ldc + cj0);
            c61.intoArray(c, ci + 6 * ldc + cj1);
        }
        if (skip <= 7) {
            c70.intoArray(c, ci + 7 * ldc + cj0);
            c71.intoArray(c, ci + 7 * ldc + cj1);
        }
    }

    private static void f8x1(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int k,
            float[] c, int ci, int ldc, int cj0, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00,
                c60 = c00, c70 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(FS, a[ap + ars]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(FS, a[ap + 2 * ars]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(FS, a[ap + 3 * ars]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(FS, a[ap + 4 * ars]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(FS, a[ap + 5 * ars]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(FS, a[ap + 6 * ars]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(FS, a[ap + 7 * ars]);
            c70 = x.fma(b0, c70);
        }
        if (skip <= 0) {
            c00.intoArray(c, ci + cj0);
        }
        if (skip <= 1) {
            c10.intoArray(c, ci + ldc + cj0);
        }
        if (skip <= 2) {
            c20.intoArray(c, ci + 2 * ldc + cj0);
        }
        if (skip <= 3) {
            c30.intoArray(c, ci + 3 * ldc + cj0);
        }
        if (skip <= 4) {
            c40.intoArray(c, ci + 4 * ldc + cj0);
        }
        if (skip <= 5) {
            c50.intoArray(c, ci + 5 * ldc + cj0);
        }
        if (skip <= 6) {
            c60.intoArray(c, ci + 6 * ldc + cj0);
        }
        if (skip <= 7) {
            c70.intoArray(c, ci + 7 * ldc + cj0);
        }
    }

    private static void f1x2(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int j1, int k,
            float[] c, int ci, int cj0, int cj1) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bp + j1);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, ci + cj0);
        c01.intoArray(c, ci + cj1);
    }

    private static void f1x1(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int k,
            float[] c, int ci, int cj0) {
        FloatVector c00 = FloatVector.zero(FS);
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = x.fma(b0, c00);
        }
        c00.intoArray(c, ci + cj0);
    }

    private static void d8x2(double[] a, int ai, int ars, int acs, double[] b, int n, int j0, int j1, int k,
            double[] c, int ci, int ldc, int cj0, int cj1, int skip) {
        DoubleVector c00 = DoubleVector.zero(DS), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bp + j0);
            DoubleVector b1 = DoubleVector.fromArray(DS, b, bp + j1);
            DoubleVector x = DoubleVector.broadcast(DS, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(DS, a[ap + ars]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(DS, a[ap + 2 * ars]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(DS, a[ap + 3 * ars]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(DS, a[ap + 4 * ars]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(DS, a[ap + 5 * ars]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(DS, a[ap + 6 * ars]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(DS, a[ap + 7 * ars]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        if (skip <= 0) {
            c00.intoArray(c, ci + cj0);
            c01.intoArray(c, ci + cj1);
        }
        if (skip <= 1) {
            c10.intoArray(c, ci + ldc + cj0);
            c11.intoArray(c, ci + ldc + cj1);
        }
        if (skip <= 2) {
            c20.intoArray(c, ci + 2 * ldc + cj0);
            c21.intoArray(c, ci + 2 * ldc + cj1);
        }
        if (skip <= 3) {
            c30.intoArray(c, ci + 3 * ldc + cj0);
            c31.intoArray(c, ci + 3 * ldc + cj1);
        }
        if (skip <= 4) {
            c40.intoArray(c, ci + 4 * ldc + cj0);
            c41.intoArray(c, ci + 4 * ldc + cj1);
        }
        if (skip <= 5) {
            c50.intoArray(c, ci + 5 * ldc + cj0);
            c51.intoArray(c, ci + 5 * ldc + cj1);
        }
        if (skip <= 6) {
            c60.intoArray(c, ci + 6 * ldc + cj0);
            c61.intoArray(c, ci + 6 * ldc + cj1);
        }
        if (skip <= 7) {
            c70.intoArray(c, ci + 7 * ldc + cj0);
            c71.intoArray(c, ci + 7 * ldc + cj1);
        }
    }

    private static void d8x1(double[] a, int ai, int ars, int acs, double[] b, int n, int j0, int k,
            double[] c, int ci, int ldc, int cj0, int skip) {
        DoubleVector c00 = DoubleVector.zero(DS), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00,
                c60 = c00, c70 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bp + j0);
            DoubleVector x = DoubleVector.broadcast(DS, a[ap]);
            c00 = x.fma(b0, c00);
            x = DoubleVector.broadcast(DS, a[ap + ars]);
            c10 = x.fma(b0, c10);
            x = DoubleVector.broadcast(DS, a[ap + 2 * ars]);
            c20 = x.fma(b0, c20);
            x = DoubleVector.broadcast(DS, a[ap + 3 * ars]);
            c30 = x.fma(b0, c30);
            x = DoubleVector.broadcast(DS, a[ap + 4 * ars]);
            c40 = x.fma(b0, c40);
            x = DoubleVector.broadcast(DS, a[ap + 5 * ars]);
            c50 = x.fma(b0, c50);
            x = DoubleVector.broadcast(DS, a[ap + 6 * ars]);
            c60 = x.fma(b0, c60);
            x = DoubleVector.broadcast(DS, a[ap + 7 * ars]);
            c70 = x.fma(b0, c70);
        }
        if (skip <= 0) {
            c00.intoArray(c, ci + cj0);
        }
        if (skip <= 1) {
            c10.intoArray(c, ci + ldc + cj0);
        }
        if (skip <= 2) {
            c20.intoArray(c, ci + 2 * ldc + cj0);
        }
        if (skip <= 3) {
            c30.intoArray(c, ci + 3 * ldc + cj0);
        }
        if (skip <= 4) {
            c40.intoArray(c, ci + 4 * ldc + cj0);
        }
        if (skip <= 5) {
            c50.intoArray(c, ci + 5 * ldc + cj0);
        }
        if (skip <= 6) {
            c60.intoArray(c, ci + 6 * ldc + cj0);
        }
        if (skip <= 7) {
            c70.intoArray(c, ci + 7 * ldc + cj0);
        }
    }

    private static void d1x2(double[] a, int ai, int ars, int acs, double[] b, int n, int j0, int j1, int k,
            double[] c, int ci, int cj0, int cj1) {
        DoubleVector c00 = DoubleVector.zero(DS), c01 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bp + j0);
            DoubleVector b1 = DoubleVector.fromArray(DS, b, bp + j1);
            DoubleVector x = DoubleVector.broadcast(DS, a[ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, ci + cj0);
        c01.intoArray(c, ci + cj1);
    }

    private static void d1x1(double[] a, int ai, int ars, int acs, double[] b, int n, int j0, int k,
            double[] c, int ci, int cj0) {
        DoubleVector c00 = DoubleVector.zero(DS);
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bp + j0);
            DoubleVector x = DoubleVector.broadcast(DS, a[ap]);
            c00 = x.fma(b0, c00);
        }
        c00.intoArray(c, ci + cj0);
    }
}
