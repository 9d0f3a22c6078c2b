package dev.makemore.verification;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The project's one gradient checker, {@code torch.autograd.gradcheck} in Java: it compares the
 * gradients that backpropagation computes with central finite differences, in float64, with
 * PyTorch's default tolerances ({@link #EPS}, {@link #ATOL}, {@link #RTOL}).
 *
 * <p><b>What is compared.</b> For a function {@code f} of some leaf tensors (the "inputs": op
 * operands, a module's input and parameters, or every parameter of a network) with an output of
 * {@code m} elements, each entry {@code J[k][j] = d out_k / d in_j} of the Jacobian is computed twice:
 * <ul>
 *   <li>analytically, by {@link Tensor#backward(NdArray)} seeded with the one-hot vector {@code e_k}
 *       (row {@code k} of the Jacobian), once per output element, when {@code m <=}
 *       {@link #FULL_JACOBIAN_LIMIT}, as PyTorch's (slow-mode) gradcheck does; for larger outputs
 *       with {@link #PROJECTIONS} random seeds {@code w} instead (rows of {@code w^T J}, PyTorch's
 *       "fast mode" idea), since {@code m} backward passes would cost too much;</li>
 *   <li>numerically, by {@code (f(x + eps e_j) - f(x - eps e_j)) / (2 eps)}, one column per input
 *       element, evaluated without recording a graph.</li>
 * </ul>
 * An entry passes when {@code |analytic - numeric| <= atol + rtol * |numeric|} (PyTorch's
 * {@code allclose}); the check fails on the entry that exceeds its allowance by the largest factor,
 * and the failure names that entry: the input, the element's index, the output row (or projection),
 * both values and the allowance.
 *
 * <p><b>Why float64.</b> With {@code eps = 1e-6} a central difference in float32 (7 digits) would be
 * mostly rounding noise; in float64 its truncation error is about {@code eps^2} and its rounding
 * error about {@code 1e-16 / 1e-6 = 1e-10}, both far below {@code atol}. So every input must be
 * float64; float32 networks are converted first ({@code network.to(DType.FLOAT64)}).
 *
 * <p><b>Requirements on {@code f}.</b> It must read the inputs' {@link Tensor#data() data} afresh on
 * every call (the checker perturbs the values in place and restores them), and be deterministic:
 * two evaluations at the same point must agree (to {@link #NOISE}), which the checker verifies
 * before differentiating.
 * Index arguments (an embedding's indices, cross-entropy targets) are simply captured by {@code f}.
 */
public final class GradCheck {
    /** Step of the central differences: PyTorch's {@code gradcheck(eps=1e-6)}. */
    public static final double EPS = 1e-6;
    /** Absolute tolerance: PyTorch's {@code gradcheck(atol=1e-5)}. */
    public static final double ATOL = 1e-5;
    /** Relative tolerance: PyTorch's {@code gradcheck(rtol=1e-3)}. */
    public static final double RTOL = 1e-3;
    /** Outputs up to this many elements get their full Jacobian; larger ones random projections. */
    public static final int FULL_JACOBIAN_LIMIT = 64;
    /** Number of random projections {@code w^T J} for outputs larger than {@link #FULL_JACOBIAN_LIMIT}. */
    public static final int PROJECTIONS = 3;
    /**
     * How far two evaluations at the same point may differ: such noise, divided by {@code 2 eps}, adds
     * at most 1% of {@link #ATOL} to a numeric derivative ({@code 0.01 * 1e-5 * 2e-6 = 2e-13}).
     */
    public static final double NOISE = 0.01 * ATOL * 2 * EPS;

    private GradCheck() {
    }

    /**
     * One compared Jacobian entry.
     *
     * @param input    name of the input tensor (e.g. {@code x}, {@code layers.0.weight})
     * @param index    the element's index in that input, one number per dimension
     * @param output   the output element (row of the Jacobian) as an index, or {@code null} for a projection
     * @param projection which random projection, or -1 for a plain Jacobian row
     * @param analytic what backpropagation gave
     * @param numeric  what the central difference gave
     */
    public record Entry(String input, int[] index, int[] output, int projection, double analytic, double numeric) {
        /** {@code |analytic - numeric|}. */
        public double error() {
            return Math.abs(analytic - numeric);
        }

        /** What the tolerance allows here: {@code atol + rtol * |numeric|}. */
        public double allowed() {
            return ATOL + RTOL * Math.abs(numeric);
        }

        /** {@link #error()} over {@link #allowed()}: at most 1 passes. */
        public double ratio() {
            return error() / allowed();
        }

        /** Where this entry sits, e.g. {@code d out[1, 0] / d x[2, 3]}. */
        public String where() {
            String of = output != null ? "out" + Arrays.toString(output) : "(w" + projection + " . out)";
            return "d " + of + " / d " + input + Arrays.toString(index);
        }

        @Override
        public String toString() {
            return where() + ": analytic " + analytic + ", numeric " + numeric + ", |difference| " + error()
                    + ", allowed " + allowed();
        }
    }

    /**
     * What a passing check measured.
     *
     * @param name          what was checked, for messages
     * @param entries       how many Jacobian entries (or projected entries) were compared
     * @param worst         the entry that used the largest fraction of its tolerance
     * @param worstRelative the largest {@code |analytic - numeric| / max(|analytic|, |numeric|)} over entries
     *                      whose larger magnitude is at least {@link #ATOL} (below that a relative error
     *                      means nothing: both are zero up to rounding)
     * @param ops           the names of the ops in the graph of the checked output ({@link Tensor#op()},
     *                      {@code "leaf"} for the inputs): what the check actually differentiated
     */
    public record Report(String name, long entries, Entry worst, double worstRelative, Set<String> ops) {
        /** The worst entry's {@link Entry#ratio()}: the fraction of the tolerance used, at most 1. */
        public double worstRatio() {
            return worst == null ? 0 : worst.ratio();
        }

        @Override
        public String toString() {
            return name + ": " + entries + " entries, worst " + (worst == null ? "-" : worst.toString())
                    + " (" + String.format("%.3g", worstRatio()) + " of the tolerance), worst relative error "
                    + String.format("%.3g", worstRelative);
        }
    }

    /**
     * Checks {@code f} with respect to new float64 leaves holding copies of {@code inputs} (named
     * {@code x0}, {@code x1}, ...): the form for single ops, e.g.
     * {@code check("add", t -> t[0].add(t[1]), a, b)}.
     *
     * @throws GradientMismatchError when an entry is outside the tolerance
     */
    public static Report check(String name, Function<Tensor[], Tensor> f, NdArray... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        var named = new LinkedHashMap<String, Tensor>();
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = Tensor.parameter(inputs[i].copy());
            named.put("x" + i, leaves[i]);
        }
        return check(name, () -> f.apply(leaves), named);
    }

    /**
     * Checks {@code f} with respect to the given leaves (float64, requiring grad), perturbing their
     * values in place and restoring them: the form for modules and whole networks, where the inputs
     * are a module's parameters ({@code Module.namedParameters()}).
     *
     * @param name   what is checked, for messages
     * @param f      recomputes the output from the leaves' current values, each time it is called
     * @param inputs the leaves to differentiate with respect to, by name, in a fixed order
     * @throws GradientMismatchError    when an entry is outside the tolerance
     * @throws IllegalArgumentException when an input is not a float64 leaf that requires grad, or the
     *                                  output is not float64
     * @throws IllegalStateException    when {@code f} is not deterministic
     */
    public static Report check(String name, Supplier<Tensor> f, Map<String, Tensor> inputs) {
        Objects.requireNonNull(f, "f");
        var names = new ArrayList<>(inputs.keySet());
        var tensors = new ArrayList<>(inputs.values());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dtype() != DType.FLOAT64 || !t.isLeaf() || !t.requiresGrad()) {
                throw new IllegalArgumentException(name + ": input '" + names.get(i) + "' must be a float64 leaf that"
                        + " requires grad, got " + t.dtype().torchName() + " " + t.shape() + (t.isLeaf() ? "" : " (not a leaf)")
                        + (t.requiresGrad() ? "" : " (no grad)"));
            }
        }
        clearGrads(tensors);
        Tensor first = f.get();
        if (first.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(name + ": the output must be float64 for a meaningful finite difference,"
                    + " got " + first.dtype().torchName());
        }
        if (!first.requiresGrad()) {
            throw new IllegalArgumentException(name + ": the output does not depend on any input (requiresGrad is"
                    + " false), so there is no gradient to check");
        }
        Set<String> ops = opsOf(first);
        double[] base = first.data().toDoubleArray();
        Shape outShape = first.shape();
        int m = base.length;
        double[] again = evaluate(f);
        String drift = drift(base, again);
        if (drift != null) {
            throw new IllegalStateException(name + ": two evaluations at the same point differ (" + drift
                    + "); finite differences need a deterministic function");
        }

        boolean full = m <= FULL_JACOBIAN_LIMIT;
        int rows = full ? m : PROJECTIONS;
        double[][] seeds = new double[rows][];
        for (int r = 0; r < rows; r++) {
            seeds[r] = full ? oneHot(m, r) : projection(m, r);
        }
        // analytic[r][i] = row r of the Jacobian (or projection r) restricted to input i.
        double[][][] analytic = new double[rows][tensors.size()][];
        for (int r = 0; r < rows; r++) {
            Tensor out = r == 0 ? first : f.get();
            clearGrads(tensors);
            out.backward(NdArray.of(seeds[r].clone(), outShape.dims()));
            for (int i = 0; i < tensors.size(); i++) {
                NdArray g = tensors.get(i).grad();
                // No grad at all means no path from this input to the output: a zero row.
                analytic[r][i] = g == null ? new double[tensors.get(i).size()] : g.toDoubleArray();
            }
        }
        clearGrads(tensors);

        Entry worst = null;
        double worstRelative = 0;
        long compared = 0;
        List<Entry> failures = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            NdArray x = tensors.get(i).data();
            for (int j = 0; j < x.size(); j++) {
                double saved = x.get(j);
                x.set(j, saved + EPS);
                double[] plus = evaluate(f);
                x.set(j, saved - EPS);
                double[] minus = evaluate(f);
                x.set(j, saved);
                for (int r = 0; r < rows; r++) {
                    double numeric = 0;
                    for (int k = 0; k < m; k++) {
                        double w = seeds[r][k];
                        if (w != 0) {
                            numeric += w * (plus[k] - minus[k]) / (2 * EPS);
                        }
                    }
                    double a = analytic[r][i][j];
                    var e = new Entry(names.get(i), unravel(j, x.shape()), full ? unravel(r, outShape) : null,
                            full ? -1 : r, a, numeric);
                    compared++;
                    if (worst == null || e.ratio() > worst.ratio() || Double.isNaN(e.ratio())) {
                        worst = e;
                    }
                    double scale = Math.max(Math.abs(a), Math.abs(numeric));
                    if (scale >= ATOL) {
                        worstRelative = Math.max(worstRelative, e.error() / scale);
                    }
                    if (!(e.ratio() <= 1)) {
                        failures.add(e);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new GradientMismatchError(name, worst, failures.size(), compared);
        }
        return new Report(name, compared, worst, worstRelative, ops);
    }

    /** The op names of the graph that computed {@code out}, read before a backward pass frees it. */
    static Set<String> opsOf(Tensor out) {
        var ops = new TreeSet<String>();
        var seen = Collections.newSetFromMap(new IdentityHashMap<Tensor, Boolean>());
        var pending = new ArrayDeque<Tensor>();
        pending.push(out);
        while (!pending.isEmpty()) {
            Tensor t = pending.pop();
            if (seen.add(t)) {
                ops.add(t.op());
                t.inputs().forEach(pending::push);
            }
        }
        return Collections.unmodifiableSet(ops);
    }

    /** The output's values for the inputs' current values, without recording a graph. */
    @SuppressWarnings("try")   // the scope is opened for its effect only
    private static double[] evaluate(Supplier<Tensor> f) {
        try (var off = Grad.disabled()) {
            return f.get().data().toDoubleArray();
        }
    }

    private static void clearGrads(List<Tensor> tensors) {
        for (Tensor t : tensors) {
            t.zeroGrad();
        }
    }

    private static double[] oneHot(int m, int k) {
        double[] e = new double[m];
        e[k] = 1;
        return e;
    }

    /**
     * A fixed pseudo-random seed vector: magnitudes in [0.5, 1.5) with random signs, so that no
     * cancellation between output elements can hide a wrong sign or a missing term.
     */
    private static double[] projection(int m, int r) {
        var rnd = new Random(0x6d616b65L + r);
        double[] w = new double[m];
        for (int k = 0; k < m; k++) {
            w[k] = (0.5 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        }
        return w;
    }

    /** The multi-index of flat position {@code flat} in a row-major array of {@code shape}. */
    static int[] unravel(int flat, Shape shape) {
        int[] idx = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            idx[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return idx;
    }

    /**
     * Describes the first element where two evaluations at the same point differ by more than
     * {@link #NOISE}, or returns null. Exact equality is too strict: the SIMD kernels' {@code tanh},
     * {@code exp} and lane reductions may round differently once the JIT compiles them (the Vector API
     * leaves the order of a lane sum, and the last bit of its transcendental functions, unspecified), so
     * two evaluations can differ by an ulp or so.
     */
    private static String drift(double[] a, double[] b) {
        if (a.length != b.length) {
            return a.length + " versus " + b.length + " elements";
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= NOISE) && Double.compare(a[i], b[i]) != 0) {
                return "element " + i + ": " + a[i] + " then " + b[i];
            }
        }
        return null;
    }
}
