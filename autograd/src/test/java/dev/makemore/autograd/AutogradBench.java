package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.IntArray;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.random.Generator;

/**
 * A quick micro-benchmark (not a test; never asserts time): one training step of the lecture's MLP,
 * {@code emb = C[Xb]; h = tanh(emb.view(32, 30) @ W1 + b1); logits = h @ W2 + b2;
 * loss = cross_entropy(logits, Yb)}, forward + backward, and the same with the BatchNorm layer and
 * the SGD update. Run with
 * {@code java --add-modules jdk.incubator.vector -cp core/target/classes:autograd/target/classes:autograd/target/test-classes dev.makemore.autograd.AutogradBench}.
 */
public final class AutogradBench {
    private AutogradBench() {
    }

    /** Prints microseconds per step for both networks. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        var g = new Generator(Generator.LECTURE_SEED);
        var c = Tensor.randn(g, 27, 10).setRequiresGrad(true);
        var w1 = scaled(Tensor.randn(g, 30, 200), 5.0 / 3 / Math.sqrt(30)).setRequiresGrad(true);
        var b1 = scaled(Tensor.randn(g, 200), 0.01).setRequiresGrad(true);
        var w2 = scaled(Tensor.randn(g, 200, 27), 0.01).setRequiresGrad(true);
        var b2 = scaled(Tensor.randn(g, 27), 0.0).setRequiresGrad(true);
        var bngain = Tensor.ones(dev.makemore.core.DType.FLOAT32, 1, 200).setRequiresGrad(true);
        var bnbias = Tensor.zeros(dev.makemore.core.DType.FLOAT32, 1, 200).setRequiresGrad(true);
        Tensor[] plain = {c, w1, b1, w2, b2};
        Tensor[] bn = {c, w1, w2, b2, bngain, bnbias};
        int[] x = g.randint(0, 27, 32 * 3);
        int[] y = g.randint(0, 27, 32);
        var xb = IntArray.of(x, 32, 3);
        var yb = IntArray.of(y);

        // The same graph on tiny arrays (batch 2, hidden 4): what is left is the autograd bookkeeping.
        var tc = Tensor.randn(g, 27, 2).setRequiresGrad(true);
        var tw1 = Tensor.randn(g, 6, 4).setRequiresGrad(true);
        var tb1 = Tensor.randn(g, 4).setRequiresGrad(true);
        var tw2 = Tensor.randn(g, 4, 27).setRequiresGrad(true);
        var tb2 = Tensor.randn(g, 27).setRequiresGrad(true);
        Tensor[] tiny = {tc, tw1, tb1, tw2, tb2};
        var tx = IntArray.of(new int[]{0, 5, 13, 26, 1, 2}, 2, 3);
        var ty = IntArray.of(new int[]{3, 7});

        for (int round = 0; round < 3; round++) {
            double plainUs = time(steps, () -> {
                var h = c.index(xb).view(32, -1).matmul(w1).add(b1).tanh();
                var loss = F.crossEntropy(h.matmul(w2).add(b2), yb);
                for (var p : plain) {
                    p.zeroGrad();
                }
                loss.backward();
                return loss.item();
            });
            double bnUs = time(steps, () -> {
                var hpre = c.index(xb).view(32, -1).matmul(w1);
                var mean = hpre.mean(0, true);
                var std = hpre.var(0, true).add(1e-5).sqrt();
                var h = bngain.mul(hpre.sub(mean).div(std)).add(bnbias).tanh();
                var loss = F.crossEntropy(h.matmul(w2).add(b2), yb);
                for (var p : bn) {
                    p.zeroGrad();
                }
                loss.backward();
                for (var p : bn) {
                    p.sgdStep(1e-9);
                }
                return loss.item();
            });
            double overheadUs = time(steps * 10, () -> {
                var h = tc.index(tx).view(2, -1).matmul(tw1).add(tb1).tanh();
                var loss = F.crossEntropy(h.matmul(tw2).add(tb2), ty);
                for (var p : tiny) {
                    p.zeroGrad();
                }
                loss.backward();
                return loss.item();
            });
            System.out.printf("round %d (%s kernels): MLP forward+backward %.1f us/step; BatchNorm MLP forward+backward+SGD"
                    + " %.1f us/step; same MLP graph on tiny shapes (autograd overhead) %.2f us/step%n",
                    round, ArrayMath.kernels().name(), plainUs, bnUs, overheadUs);
        }
    }

    private static Tensor scaled(Tensor t, double s) {
        ArrayMath.binary(BinaryOp.MUL, t.data(), s, t.data());
        return t;
    }

    private static double time(int steps, java.util.function.DoubleSupplier step) {
        double sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            sink += step.getAsDouble();
        }
        long ns = System.nanoTime() - start;
        if (Double.isNaN(sink)) {
            System.out.println("NaN loss");
        }
        return ns / 1e3 / steps;
    }
}
