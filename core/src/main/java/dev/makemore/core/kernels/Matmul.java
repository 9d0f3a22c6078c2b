package dev.makemore.core.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked float32 matrix multiplication on the Vector API, the three forms of {@link Kernels}.
 * (Float64, used only by the gradient checks, runs on {@link ScalarKernels}.)
 *
 * <p>The micro-kernel computes a tile of {@code MR} rows by 2 vectors of {@code C} in {@code 2 MR}
 * accumulators that live in registers for the whole {@code k} loop: each step loads two vectors of a
 * row of {@code B}, broadcasts one element of {@code A} per row, and issues {@code 2 MR} multiply-adds,
 * with no store until the tile is done. {@code MR} follows the register file: 8 rows (16 accumulators
 * of the 32 registers of AVX-512) with 512-bit vectors, 4 rows with 16 registers (AVX2, 128-bit
 * vectors), and 4 without FMA (see {@link #MR}). With 16 registers both operands are first packed
 * ({@link #packedRows}): left to C2, a 6-row tile's registers were allocated well in some JVMs and with
 * half its accumulators on the stack in others. Tiles walk
 * down the rows of {@code C} inside a column panel, so the panel of {@code B} stays in L1 while every
 * row block reuses it.
 *
 * <p>The same bits at every width: every element of {@code C} is one chain of multiply-adds along
 * {@code k}, in order, starting from zero, whichever lane, tile or edge path computes it. Only the
 * vector length decides which lanes are computed together, never the order of an element's sum.
 * The multiply-add is fused where the CPU has FMA and two roundings where it has not
 * ({@link Hardware}): the software emulation of a fused one would be thousands of times slower.
 *
 * <p>Edges. Columns: when {@code n} is not a multiple of the vector length, the last vector slot is
 * placed at {@code n - L}, overlapping the one before it, so every load and store is a full in-bounds
 * vector (masked loads and stores are slow where masks are not native: without AVX-512, or at 128
 * bits). The overlapped lanes are recomputed bit for bit (the same chain from zero), so storing them
 * again is harmless. Rows: the last partial block is placed at {@code m - MR} and skips storing the
 * rows the block before it already wrote. Matrices thinner than one block ({@code m < MR}) use
 * one-row kernels, narrower than one vector ({@code n < L}) a scalar loop of the same chain.
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
 * for all three forms; a dot-product kernel along {@code k} would need a horizontal reduction per
 * element of {@code C} (and another summation order). Where {@code A} and {@code C} together are
 * smaller than {@code B} (the deep network's {@code dout . W^T} with {@code W} 100 by 100), it computes
 * {@code C^T = B . A^T} instead and transposes {@code A} and the result: the same products in the
 * same order. The transposition is scalar code at about one element per cycle, as much time as the
 * multiplication itself at the lecture's batch of 32 (64 flops per element moved), which is why this
 * form runs at about half the speed of the other two. Nothing else allocates: the accumulators are
 * locals, which C2 keeps in registers.
 *
 * <p>How fast, at each width, is measured by {@code makemore bench} and the JMH
 * {@code MatmulBenchmark}; docs/performance.md has the figures.
 */
final class Matmul {
    private static final VectorSpecies<Float> FS = Hardware.FLOATS;
    private static final int FL = FS.length();
    private static final boolean FMA = Hardware.FMA;
    /**
     * Rows of {@code C} per micro-tile: 8 with 32 vector registers (AVX-512), else 4; and 4 without FMA,
     * where each step is a multiply and an add: twice the vector operations, and C2 stops inlining them
     * (and boxes every vector) in a kernel of 8 rows. Four rows with 16 registers: C2 may load all of a
     * step's broadcasts before its multiply-adds, so a tile needs {@code 3 MR + 2} registers (8
     * accumulators, 2 vectors of {@code B}, 4 broadcasts: 14).
     */
    static final int MR = FMA && FL >= 16 ? 8 : 4;
    /**
     * Whether the CPU has 16 vector registers rather than AVX-512's 32, and matmul packs its operands
     * (see {@link #packedRows}). With 32, every accumulator stays in a register whatever C2 does.
     */
    static final boolean PACKED = FL < 16;

    private Matmul() {
    }

    /**
     * {@code a * b + c}: fused where the CPU has FMA, else rounded twice (never the software fallback).
     * The vector kernels write the same choice out at each step rather than call a helper: C2 inlines
     * a helper only while its budget lasts, and a vector passed to a call it did not inline is boxed.
     */
    private static float madd(float a, float b, float c) {
        return FMA ? Math.fma(a, b, c) : a * b + c;
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
        Scratch scratch = Scratch.get();
        if ((long) m * k + (long) m * n < (long) n * k) {
            // Fewer elements to move the other way round: C^T = B . A^T, B as it is stored, then C^T
            // transposed into C. The same products, summed along k in the same order: the same bits.
            float[] at = scratch.floats(k * m);
            float[] ct = scratch.moreFloats(n * m);
            transpose(a, m, k, at);
            gemm(b, k, 1, at, ct, n, k, m, false);
            if (acc) {
                addTransposed(ct, n, m, c);
            } else {
                transpose(ct, n, m, c);
            }
            return;
        }
        float[] bt = scratch.floats(k * n);
        transpose(b, n, k, bt);
        gemm(a, k, 1, bt, c, m, k, n, acc);
    }

    /** {@code out[j][i] += in[i][j]} for {@code in} of {@code rows x cols}: a product's one addition. */
    private static void addTransposed(float[] in, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0, i = r * cols, o = r; q < cols; q++, i++, o += rows) {
                out[o] += in[i];
            }
        }
    }

    // ---- drivers ----

    /**
     * {@code C (+)= A . B} where element {@code (i, p)} of {@code A} is {@code a[i * ars + p * acs]}
     * and {@code B} is {@code (k, n)} row-major. Column slots go in pairs (the last group may hold one);
     * within a pair of slots, blocks of {@code MR} rows walk down {@code C}.
     */
    private static void gemm(float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (n < FL) {
            narrow(a, ars, acs, b, c, m, k, n, acc);
            return;
        }
        // With 16 registers the micro-kernels read packed operands (see packedRows). A is stored by rows
        // (ars == k, acs == 1: A.B, A.B^T) or by columns (ars == 1, acs == m: A^T.B).
        boolean packed = PACKED && m >= MR;
        Scratch scratch = acc || packed ? Scratch.get() : null;
        float[] tile = acc ? scratch.floatTile : null;
        boolean columns = packed && acs != 1;
        int blocks = (m + MR - 1) / MR;
        float[] pa = columns ? scratch.packedA(blocks * MR * k + FL) : a;
        if (columns) {
            packColumns(a, m, k, blocks, pa);
        }
        float[] pb = packed ? scratch.packedB(2 * FL * k) : null;
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
                continue;
            }
            if (packed) {
                packB(b, n, k, pair, j0, j1, pb);
            }
            for (int blk = 0; blk < blocks; blk++) {
                // The last block sits at m - MR, over rows the block before it already wrote: it skips them.
                int i = Math.min(blk * MR, m - MR);
                int skip = blk * MR - i;
                if (packed) {
                    packedRows(pa, columns ? blk * MR * k : i * k, columns, pb, pair, j0, j1, k, c, i * n, n, skip,
                            ovLast, acc, tile);
                } else {
                    rows(a, i * ars, ars, acs, b, n, pair, j0, j1, k, c, i * n, skip, ovLast, acc, tile);
                }
            }
        }
    }

    /**
     * Packs {@code A^T}'s row blocks for the micro-kernel ({@code A} stored {@code (k, m)}): row
     * {@code r} of block {@code blk} at step {@code p} goes to {@code pa[(blk * k + p) * MR + r]}, and
     * is read from {@code a[p * m + i0 + r]}: {@code MR} contiguous elements per step, copied as one
     * vector ({@code MR <= L}; the lanes past {@code MR} are overwritten by the next step, and
     * {@code pa} has {@code L} spare elements at its end). Near the end of {@code a} a step is copied
     * element by element, so no load runs past it: those steps are counted before the loop rather than
     * tested in it (with the test inside, C2's loop spent 45% of {@code A^T.B}'s time at 200x32.32x27
     * and 256 bits on this copy; now the product takes 4.4 us there, not 6.2).
     */
    private static void packColumns(float[] a, int m, int k, int blocks, float[] pa) {
        for (int blk = 0; blk < blocks; blk++) {
            int i0 = Math.min(blk * MR, m - MR);
            int o = blk * MR * k;
            // Steps whose whole vector lies inside a (all but the last few of the last blocks) copy a vector.
            int vectors = Math.min(k, Math.max(0, Math.floorDiv(a.length - FL - i0, m) + 1));
            for (int p = 0; p < vectors; p++) {
                FloatVector.fromArray(FS, a, i0 + p * m).intoArray(pa, o + p * MR);
            }
            for (int p = vectors; p < k; p++) {
                System.arraycopy(a, i0 + p * m, pa, o + p * MR, MR);
            }
        }
    }

    /** Packs the slot pair's two vectors of each row of {@code B} side by side (or the lone slot's one). */
    private static void packB(float[] b, int n, int k, boolean pair, int j0, int j1, float[] pb) {
        if (pair) {
            for (int p = 0, o = 0; p < k; p++, o += 2 * FL) {
                FloatVector.fromArray(FS, b, p * n + j0).intoArray(pb, o);
                FloatVector.fromArray(FS, b, p * n + j1).intoArray(pb, o + FL);
            }
        } else {
            for (int p = 0, o = 0; p < k; p++, o += FL) {
                FloatVector.fromArray(FS, b, p * n + j0).intoArray(pb, o);
            }
        }
    }

    /** One block of {@code MR} rows of {@code C} at {@code ci}, the first {@code skip} rows already done. */
    private static void rows(float[] a, int ai, int ars, int acs, float[] b, int n, boolean pair, int j0, int j1, int k,
            float[] c, int ci, int skip, int ov, boolean acc, float[] tile) {
        if (!acc) {
            block(a, ai, ars, acs, b, n, pair, j0, j1, k, c, ci, n, j0, j1, skip);
            return;
        }
        block(a, ai, ars, acs, b, n, pair, j0, j1, k, tile, 0, 2 * FL, 0, FL, 0);
        addTile(tile, MR, skip, pair, c, ci, n, j0, j1, ov);
    }

    /**
     * {@link #rows} with 16 vector registers ({@link #PACKED}): {@code B}'s two vectors of every row
     * packed side by side ({@link #packB}), and {@code A} read by rows ({@code a0 + r * k + p}) or, for
     * {@code A^T.B}, from packed columns ({@link #packColumns}). Every index in the micro-kernel's loop
     * is then a constant multiple of {@code p} plus an invariant, which C2 proves in bounds once, before
     * the loop.
     */
    private static void packedRows(float[] pa, int a0, boolean columns, float[] pb, boolean pair, int j0, int j1,
            int k, float[] c, int ci, int n, int skip, int ov, boolean acc, float[] tile) {
        if (!acc) {
            packedBlock(pa, a0, columns, pb, pair, k, c, ci, n, j0, j1, skip);
            return;
        }
        packedBlock(pa, a0, columns, pb, pair, k, tile, 0, 2 * FL, 0, FL, 0);
        addTile(tile, MR, skip, pair, c, ci, n, j0, j1, ov);
    }

    /** The packed micro-kernel: {@code A} by rows ({@code r4}) or from {@code A^T}'s packed columns ({@code p4}). */
    private static void packedBlock(float[] pa, int a0, boolean columns, float[] pb, boolean pair, int k, float[] c,
            int ci, int ldc, int cj0, int cj1, int skip) {
        if (columns) {
            if (pair) {
                p4x2(pa, a0, pb, k, c, ci, ldc, cj0, cj1, skip);
            } else {
                p4x1(pa, a0, pb, k, c, ci, ldc, cj0, skip);
            }
        } else if (pair) {
            r4x2(pa, a0, pb, k, c, ci, ldc, cj0, cj1, skip);
        } else {
            r4x1(pa, a0, pb, k, c, ci, ldc, cj0, skip);
        }
    }

    /** The micro-kernel for this width's {@code MR} (a constant: C2 keeps only one branch). */
    private static void block(float[] a, int ai, int ars, int acs, float[] b, int n, boolean pair, int j0, int j1,
            int k, float[] c, int ci, int ldc, int cj0, int cj1, int skip) {
        if (MR == 8) {
            if (pair) {
                f8x2(a, ai, ars, acs, b, n, j0, j1, k, c, ci, ldc, cj0, cj1, skip);
            } else {
                f8x1(a, ai, ars, acs, b, n, j0, k, c, ci, ldc, cj0, skip);
            }
        } else {
            if (pair) {
                f4x2(a, ai, ars, acs, b, n, j0, j1, k, c, ci, ldc, cj0, cj1, skip);
            } else {
                f4x1(a, ai, ars, acs, b, n, j0, k, c, ci, ldc, cj0, skip);
            }
        }
    }

    /** One row of {@code C} at {@code ci}, for matrices of fewer than {@code MR} rows. */
    private static void row(float[] a, int ai, int ars, int acs, float[] b, int n, boolean pair, int j0, int j1, int k,
            float[] c, int ci, int ov, boolean acc, float[] tile) {
        float[] target = acc ? tile : c;
        int at = acc ? 0 : ci;
        if (pair) {
            f1x2(a, ai, ars, acs, b, n, j0, j1, k, target, at, 0, acc ? 0 : j0, acc ? FL : j1, 0);
        } else {
            f1x1(a, ai, ars, acs, b, n, j0, k, target, at, 0, acc ? 0 : j0, 0);
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

    /** Outputs narrower than one vector: per element the same multiply-add chain as a vector lane. */
    private static void narrow(float[] a, int ars, int acs, float[] b, float[] c, int m, int k, int n, boolean acc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s = madd(a[i * ars + p * acs], b[p * n + j], s);
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

    // ---- micro-kernels: C[rows, slots] over all of k, the accumulators in registers ----
    // ai indexes A[i0, 0]; j0, j1 are the column slots in B; the tile of C goes to c[ci + r * ldc + cjX]
    // for rows r >= skip (the rows before are the previous block's). Generated, regular code: 8x2
    // and 4x2 are the workhorses with 32 registers (by FMA), r4x2 (A by rows) and p4x2 (A^T's packed
    // columns) with 16, reading B's packed panel; x1 is a lone last slot; 1x2 and 1x1 thin matrices.

    private static void f8x2(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int j1, int k,
            float[] c, int ci, int ldc, int cj0, int cj1, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bp + j1);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            c01 = FMA ? x.fma(b1, c01) : x.mul(b1).add(c01);
            x = FloatVector.broadcast(FS, a[ap + ars]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            c11 = FMA ? x.fma(b1, c11) : x.mul(b1).add(c11);
            x = FloatVector.broadcast(FS, a[ap + 2 * ars]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            c21 = FMA ? x.fma(b1, c21) : x.mul(b1).add(c21);
            x = FloatVector.broadcast(FS, a[ap + 3 * ars]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
            c31 = FMA ? x.fma(b1, c31) : x.mul(b1).add(c31);
            x = FloatVector.broadcast(FS, a[ap + 4 * ars]);
            c40 = FMA ? x.fma(b0, c40) : x.mul(b0).add(c40);
            c41 = FMA ? x.fma(b1, c41) : x.mul(b1).add(c41);
            x = FloatVector.broadcast(FS, a[ap + 5 * ars]);
            c50 = FMA ? x.fma(b0, c50) : x.mul(b0).add(c50);
            c51 = FMA ? x.fma(b1, c51) : x.mul(b1).add(c51);
            x = FloatVector.broadcast(FS, a[ap + 6 * ars]);
            c60 = FMA ? x.fma(b0, c60) : x.mul(b0).add(c60);
            c61 = FMA ? x.fma(b1, c61) : x.mul(b1).add(c61);
            x = FloatVector.broadcast(FS, a[ap + 7 * ars]);
            c70 = FMA ? x.fma(b0, c70) : x.mul(b0).add(c70);
            c71 = FMA ? x.fma(b1, c71) : x.mul(b1).add(c71);
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
        FloatVector c00 = FloatVector.zero(FS), c10 = c00, c20 = c00, c30 = c00, c40 = c00, c50 = c00, c60 = c00,
                c70 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            x = FloatVector.broadcast(FS, a[ap + ars]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            x = FloatVector.broadcast(FS, a[ap + 2 * ars]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            x = FloatVector.broadcast(FS, a[ap + 3 * ars]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
            x = FloatVector.broadcast(FS, a[ap + 4 * ars]);
            c40 = FMA ? x.fma(b0, c40) : x.mul(b0).add(c40);
            x = FloatVector.broadcast(FS, a[ap + 5 * ars]);
            c50 = FMA ? x.fma(b0, c50) : x.mul(b0).add(c50);
            x = FloatVector.broadcast(FS, a[ap + 6 * ars]);
            c60 = FMA ? x.fma(b0, c60) : x.mul(b0).add(c60);
            x = FloatVector.broadcast(FS, a[ap + 7 * ars]);
            c70 = FMA ? x.fma(b0, c70) : x.mul(b0).add(c70);
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

    private static void f4x2(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int j1, int k,
            float[] c, int ci, int ldc, int cj0, int cj1, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bp + j1);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            c01 = FMA ? x.fma(b1, c01) : x.mul(b1).add(c01);
            x = FloatVector.broadcast(FS, a[ap + ars]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            c11 = FMA ? x.fma(b1, c11) : x.mul(b1).add(c11);
            x = FloatVector.broadcast(FS, a[ap + 2 * ars]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            c21 = FMA ? x.fma(b1, c21) : x.mul(b1).add(c21);
            x = FloatVector.broadcast(FS, a[ap + 3 * ars]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
            c31 = FMA ? x.fma(b1, c31) : x.mul(b1).add(c31);
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
    }

    private static void f4x1(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int k,
            float[] c, int ci, int ldc, int cj0, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c10 = c00, c20 = c00, c30 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            x = FloatVector.broadcast(FS, a[ap + ars]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            x = FloatVector.broadcast(FS, a[ap + 2 * ars]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            x = FloatVector.broadcast(FS, a[ap + 3 * ars]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
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
    }

    private static void r4x2(float[] a, int a0, float[] b, int k, float[] c, int ci, int ldc,
            int cj0, int cj1, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00;
        for (int p = 0; p < k; p++) {
            int ap = a0 + p;
            FloatVector b0 = FloatVector.fromArray(FS, b, p * (2 * FL));
            FloatVector b1 = FloatVector.fromArray(FS, b, p * (2 * FL) + FL);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            c01 = FMA ? x.fma(b1, c01) : x.mul(b1).add(c01);
            x = FloatVector.broadcast(FS, a[ap + k]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            c11 = FMA ? x.fma(b1, c11) : x.mul(b1).add(c11);
            x = FloatVector.broadcast(FS, a[ap + 2 * k]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            c21 = FMA ? x.fma(b1, c21) : x.mul(b1).add(c21);
            x = FloatVector.broadcast(FS, a[ap + 3 * k]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
            c31 = FMA ? x.fma(b1, c31) : x.mul(b1).add(c31);
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
    }

    private static void r4x1(float[] a, int a0, float[] b, int k, float[] c, int ci, int ldc,
            int cj0, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c10 = c00, c20 = c00, c30 = c00;
        for (int p = 0; p < k; p++) {
            int ap = a0 + p;
            FloatVector b0 = FloatVector.fromArray(FS, b, p * FL);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            x = FloatVector.broadcast(FS, a[ap + k]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            x = FloatVector.broadcast(FS, a[ap + 2 * k]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            x = FloatVector.broadcast(FS, a[ap + 3 * k]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
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
    }

    private static void p4x2(float[] a, int a0, float[] b, int k, float[] c, int ci, int ldc,
            int cj0, int cj1, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00;
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * 4;
            FloatVector b0 = FloatVector.fromArray(FS, b, p * (2 * FL));
            FloatVector b1 = FloatVector.fromArray(FS, b, p * (2 * FL) + FL);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            c01 = FMA ? x.fma(b1, c01) : x.mul(b1).add(c01);
            x = FloatVector.broadcast(FS, a[ap + 1]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            c11 = FMA ? x.fma(b1, c11) : x.mul(b1).add(c11);
            x = FloatVector.broadcast(FS, a[ap + 2]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            c21 = FMA ? x.fma(b1, c21) : x.mul(b1).add(c21);
            x = FloatVector.broadcast(FS, a[ap + 3]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
            c31 = FMA ? x.fma(b1, c31) : x.mul(b1).add(c31);
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
    }

    private static void p4x1(float[] a, int a0, float[] b, int k, float[] c, int ci, int ldc,
            int cj0, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c10 = c00, c20 = c00, c30 = c00;
        for (int p = 0; p < k; p++) {
            int ap = a0 + p * 4;
            FloatVector b0 = FloatVector.fromArray(FS, b, p * FL);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            x = FloatVector.broadcast(FS, a[ap + 1]);
            c10 = FMA ? x.fma(b0, c10) : x.mul(b0).add(c10);
            x = FloatVector.broadcast(FS, a[ap + 2]);
            c20 = FMA ? x.fma(b0, c20) : x.mul(b0).add(c20);
            x = FloatVector.broadcast(FS, a[ap + 3]);
            c30 = FMA ? x.fma(b0, c30) : x.mul(b0).add(c30);
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
    }

    private static void f1x2(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int j1, int k,
            float[] c, int ci, int ldc, int cj0, int cj1, int skip) {
        FloatVector c00 = FloatVector.zero(FS), c01 = c00;
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bp + j1);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
            c01 = FMA ? x.fma(b1, c01) : x.mul(b1).add(c01);
        }
        if (skip <= 0) {
            c00.intoArray(c, ci + cj0);
            c01.intoArray(c, ci + cj1);
        }
    }

    private static void f1x1(float[] a, int ai, int ars, int acs, float[] b, int n, int j0, int k,
            float[] c, int ci, int ldc, int cj0, int skip) {
        FloatVector c00 = FloatVector.zero(FS);
        for (int p = 0, ap = ai, bp = 0; p < k; p++, ap += acs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp + j0);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = FMA ? x.fma(b0, c00) : x.mul(b0).add(c00);
        }
        if (skip <= 0) {
            c00.intoArray(c, ci + cj0);
        }
    }
}
