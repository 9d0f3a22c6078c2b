package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.kernels.BinaryOp;

/**
 * Elementwise ops between an array and a reduction of it along one dimension, as the backward
 * passes of {@code sum(dim)}, {@code var(dim)} and softmax need ({@code x - x.mean(dim, keepdim=True)}).
 * When the reduced dimension is the first or the last of a {@code (outer, len, inner)} view, this is
 * one of {@link ArrayMath}'s ROW or COLUMN broadcasts; only a middle dimension of a rank-3+ array
 * (which the lecture never reduces) falls back to a plain loop, since ArrayMath has no strided form.
 */
final class AlongDim {
    private AlongDim() {
    }

    /**
     * {@code out = full op expand(reduced)}, where {@code reduced} holds {@code full}'s values reduced
     * along {@code dim} (either keepdim shape, any shape with that many elements) and is repeated along
     * it. {@code out} may be {@code full} itself.
     */
    static void apply(BinaryOp op, NdArray full, NdArray reduced, int dim, NdArray out) {
        Shape s = full.shape();
        int outer = s.outer(dim), len = s.dim(dim), inner = s.inner(dim);
        if (inner == 1) {
            ArrayMath.binary(op, full.view(outer, len), reduced.view(outer, 1), out.view(outer, len));
        } else if (outer == 1) {
            ArrayMath.binary(op, full.view(len, inner), reduced.view(inner), out.view(len, inner));
        } else {
            middle(op, full, reduced, outer, len, inner, out);
        }
    }

    /** The strided case ArrayMath cannot express: a middle dimension of a rank-3+ array. */
    private static void middle(BinaryOp op, NdArray full, NdArray reduced, int outer, int len, int inner, NdArray out) {
        for (int o = 0; o < outer; o++) {
            for (int l = 0; l < len; l++) {
                int base = (o * len + l) * inner;
                for (int j = 0; j < inner; j++) {
                    // Double arithmetic rounded once to float gives the float32 result of + - * / exactly.
                    out.set(base + j, op.apply(full.get(base + j), reduced.get(o * inner + j)));
                }
            }
        }
    }
}
