package dev.makemore.verification;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import dev.makemore.training.DeepMlp;
import dev.makemore.training.LectureFigures;
import dev.makemore.training.Network;
import dev.makemore.training.OneHiddenLayer;
import dev.makemore.training.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every differentiable op of {@link Tensor} and {@link F} and every layer of {@code dev.makemore.nn},
 * each with the input shapes it is checked at by {@link GradCheck}: the one list that says what the
 * project's gradients are verified on.
 *
 * <p>An op is named by its Java signature, {@code Tensor.sum(int,boolean)} or
 * {@code F.crossEntropy(Tensor,IntArray)}, so that overloads are distinct; a layer by its class. The
 * verification tests run every case, and compare the names with what the code declares (every public
 * {@code Tensor}-returning method, every concrete {@code Module} of the layers package), so an op or a
 * layer added without a case here fails the build.
 *
 * <p>The shapes cover what the lecture does and what could go wrong around it: elementwise ops on
 * equal shapes and with broadcasting in both directions (a row {@code (D)} or {@code (1, D)}, a column
 * {@code (N, 1)}, one element, on either side, in 2-D and 3-D); every reduction over each dimension
 * with {@code keepdim} both ways, biased and unbiased; the same tensor used twice; operands that do
 * not require grad; outputs too large for a full Jacobian (checked through random projections).
 * BatchNorm layers are checked in training mode (batch statistics, the lecture's case) and in
 * evaluation mode, with gains and biases moved away from 1 and 0 so that their every use shows.
 */
public final class Catalogue {
    private Catalogue() {
    }

    /**
     * One gradient check.
     *
     * @param target  what is checked: an op signature ({@code Tensor.add(Tensor)}) or a layer's class
     *                name ({@code dev.makemore.nn.Linear})
     * @param variant the shapes and settings, e.g. {@code (2, 3) + (1, 3)}
     * @param check   runs the check
     */
    public record Case(String target, String variant, Supplier<GradCheck.Report> check) {
        /** {@code target} and {@code variant}, for test names. */
        public String name() {
            return target + " " + variant;
        }

        /**
         * Runs the check.
         *
         * @throws GradientMismatchError when a gradient is wrong
         */
        public GradCheck.Report run() {
            return check.get();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Every op case, in a fixed order. */
    public static List<Case> ops() {
        return cases(Catalogue::indexing, Catalogue::matmul, Catalogue::binary, Catalogue::scalarArithmetic,
                Catalogue::elementwise, Catalogue::reductions, Catalogue::softmaxes, Catalogue::crossEntropy);
    }

    /** Every layer case, in a fixed order. */
    public static List<Case> modules() {
        return cases(Catalogue::linear, Catalogue::embedding, Catalogue::simpleLayers, Catalogue::sequential,
                Catalogue::batchNorm1d, Catalogue::inlineBatchNorm, Catalogue::network);
    }

    /** The cases the given groups add, in order, each group drawing its values from the builder's seeds. */
    @SafeVarargs
    private static List<Case> cases(Consumer<Builder>... groups) {
        var b = new Builder();
        for (var group : groups) {
            group.accept(b);
        }
        return Collections.unmodifiableList(b.cases);
    }

    /**
     * The op names ({@link Tensor#op()}) that every case of {@code target} must find in the graph it
     * checks, so that a case cannot pass without running what it names: an op signature's own op
     * ({@code Tensor.logSoftmax(int)} records {@code log_softmax}; {@code reshape} is a {@code view},
     * {@code std} a {@code var} then a {@code sqrt}), a layer's characteristic op. A container
     * ({@link Sequential}) records its children's ops, none of its own.
     *
     * @throws IllegalArgumentException for a layer this method does not know yet
     */
    public static Set<String> opNames(String target) {
        if (target.startsWith("Tensor.") || target.startsWith("F.")) {
            String method = target.substring(target.indexOf('.') + 1, target.indexOf('('));
            return switch (method) {
                case "reshape" -> Set.of("view");
                case "std" -> Set.of("var", "sqrt");
                default -> Set.of(method.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
            };
        }
        String layer = target.substring(target.lastIndexOf('.') + 1);
        return switch (layer) {
            case "Linear" -> Set.of("matmul");
            case "Embedding" -> Set.of("index");
            case "Flatten" -> Set.of("view");
            case "Tanh" -> Set.of("tanh");
            case "BatchNorm1d" -> Set.of("batchnorm");
            case "InlineBatchNorm" -> Set.of("inline_batchnorm");
            case "Sequential" -> Set.of();
            case "Network" -> Set.of("index", "matmul", "tanh");
            default -> throw new IllegalArgumentException("Catalogue.opNames: no op names for " + target
                    + "; say which op its cases must run");
        };
    }

    /** The distinct op signatures that {@link #ops()} covers. */
    public static Set<String> opTargets() {
        return targets(ops());
    }

    /** The distinct layer class names that {@link #modules()} covers. */
    public static Set<String> moduleTargets() {
        return targets(modules());
    }

    private static Set<String> targets(List<Case> cases) {
        var s = new LinkedHashSet<String>();
        cases.forEach(c -> s.add(c.target()));
        return Collections.unmodifiableSet(s);
    }

    // =====================================================================================
    // Ops
    // =====================================================================================

    private static void indexing(Builder b) {
        var table = Values.signed(b.seed(), 5, 3);
        // Rows used twice and rows never used: the backward must add, and leave the others at zero.
        var ix2 = IntArray.of(new int[]{0, 2, 2, 4, 1, 0, 4, 4}, 2, 4);
        var ix1 = IntArray.of(new int[]{3, 3, 1, 0, 3, 2}, 6);
        var ix3 = IntArray.of(new int[]{1, 1, 0, 4, 2, 2, 2, 3}, 2, 2, 2);
        b.op("Tensor.index(IntArray)", "(5, 3)[(2, 4) with repeats]", t -> t[0].index(ix2), table);
        b.op("Tensor.index(IntArray)", "(5, 3)[(6)]", t -> t[0].index(ix1), table);
        b.op("Tensor.index(IntArray)", "(5, 3)[(2, 2, 2)]", t -> t[0].index(ix3), table);

        b.op("Tensor.view(int[])", "(2, 3) -> (3, 2)", t -> t[0].view(3, 2), Values.signed(b.seed(), 2, 3));
        b.op("Tensor.view(int[])", "(2, 3, 4) -> (2, -1)", t -> t[0].view(2, -1), Values.signed(b.seed(), 2, 3, 4));
        b.op("Tensor.view(int[])", "(6) -> (1, 2, 3) and (2, 3), used twice",
                t -> t[0].view(1, 2, 3).mul(t[0].view(1, 2, 3).tanh()).add(t[0].view(2, 3).sum()),
                Values.signed(b.seed(), 6));
        b.op("Tensor.reshape(int[])", "(2, 3, 4) -> (4, -1)", t -> t[0].reshape(4, -1), Values.signed(b.seed(), 2, 3, 4));
        b.op("Tensor.reshape(int[])", "(2, 3) -> (6)", t -> t[0].reshape(6).tanh(), Values.signed(b.seed(), 2, 3));
    }

    private static void matmul(Builder b) {
        String op = "Tensor.matmul(Tensor)";
        b.op(op, "(2, 3) @ (3, 4)", t -> t[0].matmul(t[1]), Values.signed(b.seed(), 2, 3), Values.signed(b.seed(), 3, 4));
        b.op(op, "(1, 5) @ (5, 1)", t -> t[0].matmul(t[1]), Values.signed(b.seed(), 1, 5), Values.signed(b.seed(), 5, 1));
        b.op(op, "(4, 1) @ (1, 3), outer product", t -> t[0].matmul(t[1]), Values.signed(b.seed(), 4, 1),
                Values.signed(b.seed(), 1, 3));
        b.op(op, "x @ x, (3, 3)", t -> t[0].matmul(t[0]), Values.signed(b.seed(), 3, 3));
        var constant = Tensor.of(Values.signed(b.seed(), 3, 2));
        b.op(op, "constant (3, 2) @ (2, 4)", t -> constant.matmul(t[0]), Values.signed(b.seed(), 2, 4));
        b.op(op, "(8, 6) @ (6, 9), projected Jacobian", t -> t[0].matmul(t[1]), Values.signed(b.seed(), 8, 6),
                Values.signed(b.seed(), 6, 9));
    }

    /** The shape pairs of the broadcasting elementwise ops: equal, row, column and one element, either side. */
    private static final int[][][] BROADCASTS = {
            {{2, 3}, {2, 3}},
            {{2, 3}, {1, 3}}, {{1, 3}, {2, 3}},
            {{2, 3}, {3}}, {{3}, {2, 3}},
            {{2, 3}, {2, 1}}, {{2, 1}, {2, 3}},
            {{2, 3}, {1}}, {{1}, {2, 3}},
            {{2, 3}, {}}, {{}, {2, 3}},
            {{2, 3, 4}, {4}}, {{4}, {2, 3, 4}},
            {{2, 3, 4}, {1, 1, 4}}, {{1, 1, 4}, {2, 3, 4}},
            {{2, 3, 4}, {2, 3, 1}}, {{2, 3, 1}, {2, 3, 4}},
            {{}, {}},
    };

    private static void binary(Builder b) {
        for (String op : List.of("add", "sub", "mul", "div")) {
            String target = "Tensor." + op + "(Tensor)";
            for (int[][] shapes : BROADCASTS) {
                b.op(target, shape(shapes[0]) + " " + op + " " + shape(shapes[1]), t -> apply(op, t[0], t[1]),
                        Values.signed(b.seed(), shapes[0]), Values.signed(b.seed(), shapes[1]));
            }
            b.op(target, "x " + op + " x, (2, 3)", t -> apply(op, t[0], t[0]), Values.signed(b.seed(), 2, 3));
            // An operand that does not require grad: its gradient must be skipped, the other's still right.
            var constantRow = Tensor.of(Values.signed(b.seed(), 1, 3));
            var constantFull = Tensor.of(Values.signed(b.seed(), 2, 3));
            b.op(target, "(2, 3) " + op + " constant (1, 3)", t -> apply(op, t[0], constantRow), Values.signed(b.seed(), 2, 3));
            b.op(target, "constant (2, 3) " + op + " (1, 3)", t -> apply(op, constantFull, t[0]), Values.signed(b.seed(), 1, 3));
        }
    }

    private static Tensor apply(String op, Tensor a, Tensor c) {
        switch (op) {
            case "add":
                return a.add(c);
            case "sub":
                return a.sub(c);
            case "mul":
                return a.mul(c);
            case "div":
                return a.div(c);
            default:
                throw new IllegalArgumentException(op);
        }
    }

    private static void scalarArithmetic(Builder b) {
        double s = 0.7;
        for (int[] dims : new int[][]{{2, 3}, {}, {2, 3, 4}}) {
            String sh = shape(dims);
            b.op("Tensor.add(double)", sh + " + 0.7", t -> t[0].add(s), Values.signed(b.seed(), dims));
            b.op("Tensor.sub(double)", sh + " - 0.7", t -> t[0].sub(s), Values.signed(b.seed(), dims));
            b.op("Tensor.rsub(double)", "0.7 - " + sh, t -> t[0].rsub(s), Values.signed(b.seed(), dims));
            b.op("Tensor.mul(double)", sh + " * 0.7", t -> t[0].mul(s), Values.signed(b.seed(), dims));
            b.op("Tensor.div(double)", sh + " / 0.7", t -> t[0].div(s), Values.signed(b.seed(), dims));
            b.op("Tensor.rdiv(double)", "0.7 / " + sh, t -> t[0].rdiv(s), Values.signed(b.seed(), dims));
            b.op("Tensor.neg()", "-" + sh, t -> t[0].neg(), Values.signed(b.seed(), dims));
        }
        b.op("Tensor.mul(double)", "(2, 3) * -3, twice", t -> t[0].mul(-3).mul(t[0]), Values.signed(b.seed(), 2, 3));
    }

    private static void elementwise(Builder b) {
        for (int[] dims : new int[][]{{2, 3}, {}, {2, 3, 4}}) {
            String sh = shape(dims);
            b.op("Tensor.tanh()", sh, t -> t[0].tanh(), Values.signed(b.seed(), dims));
            b.op("Tensor.exp()", sh, t -> t[0].exp(), Values.signed(b.seed(), dims));
            b.op("Tensor.log()", sh + ", positive", t -> t[0].log(), Values.positive(b.seed(), dims));
            b.op("Tensor.sqrt()", sh + ", positive", t -> t[0].sqrt(), Values.positive(b.seed(), dims));
        }
        b.op("Tensor.tanh()", "(2, 3) near saturation, |x| up to 4.5", t -> t[0].tanh(), Values.scaled(b.seed(), 3, 2, 3));
        b.op("Tensor.tanh()", "(10, 10), projected Jacobian", t -> t[0].tanh(), Values.signed(b.seed(), 10, 10));
        for (double p : new double[]{2, 3, 1, 0, -1, -2}) {
            b.op("Tensor.pow(double)", "(2, 3) ** " + p, t -> t[0].pow(p), Values.signed(b.seed(), 2, 3));
        }
        for (double p : new double[]{0.5, 1.5, -0.5, 2.5}) {
            b.op("Tensor.pow(double)", "(2, 3) ** " + p + ", positive", t -> t[0].pow(p), Values.positive(b.seed(), 2, 3));
        }
    }

    private static void reductions(Builder b) {
        for (int[] dims : new int[][]{{2, 3}, {2, 3, 4}, {}, {5}}) {
            String sh = shape(dims);
            b.op("Tensor.sum()", sh, t -> t[0].sum(), Values.signed(b.seed(), dims));
            b.op("Tensor.mean()", sh, t -> t[0].mean(), Values.signed(b.seed(), dims));
        }
        for (int[] dims : new int[][]{{2, 3}, {2, 3, 4}, {5}}) {
            String sh = shape(dims);
            b.op("Tensor.var()", sh, t -> t[0].var(), Values.signed(b.seed(), dims));
            b.op("Tensor.std()", sh, t -> t[0].std(), Values.signed(b.seed(), dims));
            for (boolean unbiased : new boolean[]{true, false}) {
                String u = unbiased ? "unbiased" : "biased";
                b.op("Tensor.var(boolean)", sh + " " + u, t -> t[0].var(unbiased), Values.signed(b.seed(), dims));
                b.op("Tensor.std(boolean)", sh + " " + u, t -> t[0].std(unbiased), Values.signed(b.seed(), dims));
            }
        }
        // Every dimension of a 3-D and a 2-D tensor (and the last one by its negative index), keepdim both ways.
        int[][] shapes = {{2, 3, 4}, {4, 3}};
        for (int[] dims : shapes) {
            for (int dim = -1; dim < dims.length; dim++) {
                for (boolean keep : new boolean[]{true, false}) {
                    int d = dim;
                    String v = shape(dims) + " dim " + d + (keep ? " keepdim" : "");
                    b.op("Tensor.sum(int,boolean)", v, t -> t[0].sum(d, keep), Values.signed(b.seed(), dims));
                    b.op("Tensor.mean(int,boolean)", v, t -> t[0].mean(d, keep), Values.signed(b.seed(), dims));
                    b.op("Tensor.var(int,boolean)", v, t -> t[0].var(d, keep), Values.signed(b.seed(), dims));
                    b.op("Tensor.std(int,boolean)", v, t -> t[0].std(d, keep), Values.signed(b.seed(), dims));
                    for (boolean unbiased : new boolean[]{true, false}) {
                        String vu = v + (unbiased ? " unbiased" : " biased");
                        b.op("Tensor.var(int,boolean,boolean)", vu, t -> t[0].var(d, keep, unbiased),
                                Values.signed(b.seed(), dims));
                        b.op("Tensor.std(int,boolean,boolean)", vu, t -> t[0].std(d, keep, unbiased),
                                Values.signed(b.seed(), dims));
                    }
                }
            }
        }
        b.op("Tensor.sum(int,boolean)", "(5) dim 0", t -> t[0].sum(0, false), Values.signed(b.seed(), 5));
        b.op("Tensor.mean(int,boolean)", "(5) dim 0 keepdim", t -> t[0].mean(0, true), Values.signed(b.seed(), 5));
        b.op("Tensor.sum(int,boolean)", "(4, 5, 6) dim 1, projected Jacobian", t -> t[0].sum(1, false),
                Values.signed(b.seed(), 4, 5, 6));
        // The lecture's BatchNorm by hand: mean and var over the batch, broadcast back, as one graph.
        b.op("Tensor.var(int,boolean)", "(6, 4) inline batch norm (x - mean) / sqrt(var + eps)",
                t -> t[0].sub(t[0].mean(0, true)).div(t[0].var(0, true).add(1e-5).sqrt()),
                Values.batch(b.seed(), 6, 4));
    }

    private static void softmaxes(Builder b) {
        int[][] shapes = {{2, 3, 4}, {4, 5}};
        for (int[] dims : shapes) {
            for (int dim = -1; dim < dims.length; dim++) {
                int d = dim;
                String v = shape(dims) + " dim " + d;
                b.op("Tensor.softmax(int)", v, t -> t[0].softmax(d), Values.scaled(b.seed(), 2, dims));
                b.op("Tensor.logSoftmax(int)", v, t -> t[0].logSoftmax(d), Values.scaled(b.seed(), 2, dims));
                b.op("F.softmax(Tensor,int)", v, t -> F.softmax(t[0], d), Values.scaled(b.seed(), 2, dims));
                b.op("F.logSoftmax(Tensor,int)", v, t -> F.logSoftmax(t[0], d), Values.scaled(b.seed(), 2, dims));
            }
        }
        b.op("F.logSoftmax(Tensor,int)", "(3, 27) logits near 40", t -> F.logSoftmax(t[0], 1), Values.scaled(b.seed(), 30, 3, 27));
    }

    private static void crossEntropy(Builder b) {
        String op = "F.crossEntropy(Tensor,IntArray)";
        var t4 = IntArray.of(new int[]{0, 3, 4, 3});
        b.op(op, "(4, 5) logits", t -> F.crossEntropy(t[0], t4), Values.scaled(b.seed(), 2, 4, 5));
        var t3 = IntArray.of(new int[]{26, 0, 13});
        // Logits of tens: the fused, max-subtracting form must not overflow (the lecture's reason for F.cross_entropy).
        b.op(op, "(3, 27) logits near 40", t -> F.crossEntropy(t[0], t3), Values.scaled(b.seed(), 30, 3, 27));
        var t1 = IntArray.of(new int[]{2});
        b.op(op, "(1, 6) one example", t -> F.crossEntropy(t[0], t1), Values.signed(b.seed(), 1, 6));
        // Through a matmul, as in the network: the loss of x @ W.
        var x = Tensor.of(Values.signed(b.seed(), 4, 3));
        b.op(op, "of constant (4, 3) @ (3, 5)", t -> F.crossEntropy(x.matmul(t[0]), t4), Values.signed(b.seed(), 3, 5));
    }

    // =====================================================================================
    // Layers
    // =====================================================================================

    private static void linear(Builder b) {
        String target = Linear.class.getName();
        b.module(target, "(5, 3) -> (5, 4) with bias (4)",
                s -> new Linear(param(Values.signed(s, 3, 4)), param(Values.signed(s + 1, 4))), Values.signed(b.seed(), 5, 3));
        b.module(target, "(5, 3) -> (5, 4) with bias (1, 4)",
                s -> new Linear(param(Values.signed(s, 3, 4)), param(Values.signed(s + 1, 1, 4))), Values.signed(b.seed(), 5, 3));
        b.module(target, "(5, 3) -> (5, 4) without bias", s -> new Linear(param(Values.signed(s, 3, 4)), null),
                Values.signed(b.seed(), 5, 3));
        b.module(target, "(9, 8) -> (9, 7), projected Jacobian",
                s -> new Linear(param(Values.signed(s, 8, 7)), param(Values.signed(s + 1, 7))), Values.signed(b.seed(), 9, 8));
    }

    private static void embedding(Builder b) {
        var ix = IntArray.of(new int[]{0, 5, 5, 2, 3, 0}, 3, 2);
        b.indexModule(Embedding.class.getName(), "(6, 4) table, (3, 2) indices with repeats",
                s -> new Embedding(param(Values.signed(s, 6, 4))), ix);
        var ix1 = IntArray.of(new int[]{1, 1, 1, 4});
        b.indexModule(Embedding.class.getName(), "(6, 4) table, (4) indices",
                s -> new Embedding(param(Values.signed(s, 6, 4))), ix1);
    }

    private static void simpleLayers(Builder b) {
        b.module(Tanh.class.getName(), "(4, 5)", s -> new Tanh(), Values.signed(b.seed(), 4, 5));
        b.module(Tanh.class.getName(), "(3, 4) near saturation", s -> new Tanh(), Values.scaled(b.seed(), 3, 3, 4));
        b.module(Flatten.class.getName(), "(3, 2, 4) -> (3, 8)", s -> new Flatten(), Values.signed(b.seed(), 3, 2, 4));
        b.module(Flatten.class.getName(), "(3, 5) -> (3, 5)", s -> new Flatten(), Values.signed(b.seed(), 3, 5));
    }

    private static void sequential(Builder b) {
        String target = Sequential.class.getName();
        var ix = IntArray.of(new int[]{1, 0, 3, 3, 5, 2, 0, 0}, 4, 2);
        // The lecture's network in miniature: embedding, flatten, Linear, BatchNorm, Tanh, Linear.
        b.indexModule(target, "Embedding(6, 4) Flatten Linear(8, 5) BatchNorm1d(5) Tanh Linear(5, 3) on (4, 2) indices",
                s -> new Sequential(new Embedding(param(Values.signed(s, 6, 4))), new Flatten(),
                        new Linear(param(Values.signed(s + 1, 8, 5)), null),
                        moveAffine(bn(5, true, true, BatchNorm1d.Variance.LECTURE), s + 2), new Tanh(),
                        new Linear(param(Values.signed(s + 4, 5, 3)), param(Values.signed(s + 5, 3)))), ix);
        b.module(target, "Linear(3, 4) Tanh Linear(4, 2) on (5, 3)", s -> new Sequential(
                new Linear(param(Values.signed(s, 3, 4)), param(Values.signed(s + 1, 4))), new Tanh(),
                new Linear(param(Values.signed(s + 2, 4, 2)), null)), Values.signed(b.seed(), 5, 3));
        b.module(target, "empty, (2, 3)", s -> new Sequential(), Values.signed(b.seed(), 2, 3));
    }

    private static void batchNorm1d(Builder b) {
        String target = BatchNorm1d.class.getName();
        for (BatchNorm1d.Variance v : BatchNorm1d.Variance.values()) {
            b.module(target, "(6, 4) training " + v, s -> moveAffine(bn(4, true, true, v), s), Values.batch(b.seed(), 6, 4));
            b.module(target, "(6, 4) eval " + v + " with running statistics",
                    s -> warmedUp(moveAffine(bn(4, true, true, v), s), s + 4).eval(), Values.batch(b.seed(), 6, 4));
            b.module(target, "(5, 3) training " + v + " without affine", s -> bn(3, false, true, v),
                    Values.batch(b.seed(), 5, 3));
            b.module(target, "(5, 3) eval " + v + " without running statistics (batch statistics)",
                    s -> moveAffine(bn(3, true, false, v), s).eval(), Values.batch(b.seed(), 5, 3));
            b.module(target, "(2, 3) training " + v + ", the smallest batch", s -> moveAffine(bn(3, true, true, v), s),
                    Values.batch(b.seed(), 2, 3));
        }
        b.module(target, "(16, 5) training LECTURE, projected Jacobian",
                s -> moveAffine(bn(5, true, true, BatchNorm1d.Variance.LECTURE), s), Values.batch(b.seed(), 16, 5));
    }

    private static void inlineBatchNorm(Builder b) {
        String target = InlineBatchNorm.class.getName();
        b.module(target, "(6, 4) training", s -> moveAffine(inline(4), s), Values.batch(b.seed(), 6, 4));
        b.module(target, "(6, 4) eval with running statistics", s -> warmedUp(moveAffine(inline(4), s), s + 4).eval(),
                Values.batch(b.seed(), 6, 4));
        b.module(target, "(6, 4) eval with calibrated statistics", s -> {
            var m = moveAffine(inline(4), s);
            m.calibrate(Tensor.of(Values.batch(s + 4, 20, 4)));
            return m.eval();
        }, Values.batch(b.seed(), 6, 4));
        b.module(target, "(3, 2) training, a small batch", s -> moveAffine(inline(2), s), Values.batch(b.seed(), 3, 2));
        // forward(h, mean, std): given statistics, in any mode; gradients reach h, bngain and bnbias.
        var stats = Tensor.of(Values.batch(b.seed(), 10, 4));
        var mean = stats.mean(0, true).data();
        var std = stats.std(0, true).data();
        long s = b.seed();
        var x = Values.batch(b.seed(), 6, 4);
        String variant = "(6, 4) forward(h, mean, std) with given statistics";
        b.add(target, variant, () -> {
            var m = moveAffine(inline(4), s);
            var h = Tensor.parameter(x.copy());
            var inputs = new LinkedHashMap<String, Tensor>();
            inputs.put("h", h);
            inputs.putAll(m.namedParameters());
            return GradCheck.check(target + " " + variant, () -> m.forward(h, mean, std), inputs);
        });
    }

    /**
     * The training module's {@link Network} (embedding, then the stage's layers) in miniature, as
     * the stages build it, in float64: the whole-model checks run it at the lecture's size.
     */
    private static void network(Builder b) {
        String target = Network.class.getName();
        var contexts = IntArray.of(new int[]{0, 0, 0, 0, 0, 3, 0, 3, 5, 3, 5, 1, 2, 2, 4}, 5, 3);
        var none = new LectureFigures(0, Double.NaN, Double.NaN, Double.NaN);
        var oneLayer = new Stage("tiny-batchnorm", "one hidden layer of 5 with BatchNorm", OneHiddenLayer.drawn(2, 5)
                .withW1Scale(0.5).withoutB1().withW2Scale(0.5).withB2Scale(0.1).withBatchNorm(), 3, 100_000, none);
        var sixLayers = new Stage("tiny-deep-tanh", "six layers of 4, gain 5/3, no BatchNorm",
                DeepMlp.of(2, 4, 5).withGain(5.0 / 3).withLastScale(0.1), 3, 150_000, none);
        for (var stage : List.of(oneLayer, sixLayers)) {
            b.indexModule(target, stage.title() + ", (5, 3) contexts of a 6-character vocabulary",
                    s -> {
                        var network = Network.build(stage, 6, new Generator(s));
                        network.to(DType.FLOAT64);
                        return network;
                    }, contexts);
        }
    }

    private static BatchNorm1d bn(int dim, boolean affine, boolean track, BatchNorm1d.Variance v) {
        return new BatchNorm1d(dim, BatchNorm1d.DEFAULT_EPS, BatchNorm1d.DEFAULT_MOMENTUM, affine, track, v, DType.FLOAT64);
    }

    private static InlineBatchNorm inline(int dim) {
        return new InlineBatchNorm(dim, InlineBatchNorm.LECTURE_MOMENTUM, DType.FLOAT64);
    }

    /**
     * Sets every 1-element-per-unit parameter (gains and biases) to distinct values away from 1 and 0:
     * at the initial gain of 1 a backward that forgot to multiply by it would still pass.
     */
    private static <M extends Module> M moveAffine(M m, long seed) {
        for (Tensor p : m.parameters()) {
            p.data().copyFrom(Values.signed(seed++, p.shape().dims()));
        }
        return m;
    }

    /** A few training-mode forwards on other data, so the running statistics are not the initial 0 and 1. */
    @SuppressWarnings("try")
    private static <M extends Module> M warmedUp(M m, long seed) {
        int dim = m.parameters().get(0).size();
        try (var off = Grad.disabled()) {
            for (int i = 0; i < 3; i++) {
                m.call(Tensor.of(Values.batch(seed + i, 8, dim)));
            }
        }
        return m;
    }

    private static Tensor param(NdArray values) {
        return Tensor.parameter(values);
    }

    static String shape(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ")";
        }
        var s = Arrays.toString(dims);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }

    /** Collects cases and hands out fresh seeds, so inputs and parameters differ from case to case. */
    private static final class Builder {
        /** Seeds reserved for one module's parameters ({@code s}, {@code s + 1}, ...). */
        private static final int SEEDS_PER_MODULE = 8;

        final List<Case> cases = new ArrayList<>();
        private long next = 1;

        long seed() {
            return next++;
        }

        private long reserve() {
            long s = next;
            next += SEEDS_PER_MODULE;
            return s;
        }

        void add(String target, String variant, Supplier<GradCheck.Report> check) {
            cases.add(new Case(target, variant, check));
        }

        void op(String target, String variant, Function<Tensor[], Tensor> f, NdArray... inputs) {
            add(target, variant, () -> GradCheck.check(target + " " + variant, f, inputs));
        }

        /**
         * A layer on a float input, checked with respect to the input and every parameter. The layer
         * is built when the case runs (cases stay cheap to list), from seeds reserved now.
         */
        void module(String target, String variant, LongFunction<? extends Module> factory, NdArray x) {
            long s = reserve();
            add(target, variant, () -> {
                Module m = factory.apply(s);
                var input = Tensor.parameter(x.copy());
                var inputs = new LinkedHashMap<String, Tensor>();
                inputs.put("x", input);
                inputs.putAll(m.namedParameters());
                return GradCheck.check(target + " " + variant, () -> m.call(input), inputs);
            });
        }

        /** A layer on indices, checked with respect to every parameter. */
        void indexModule(String target, String variant, LongFunction<? extends Module> factory, IntArray ix) {
            long s = reserve();
            add(target, variant, () -> {
                Module m = factory.apply(s);
                Map<String, Tensor> inputs = new LinkedHashMap<>(m.namedParameters());
                return GradCheck.check(target + " " + variant, () -> m.call(ix), inputs);
            });
        }
    }
}
