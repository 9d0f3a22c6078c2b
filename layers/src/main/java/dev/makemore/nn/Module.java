package dev.makemore.nn;

import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A layer of a network, as {@code torch.nn.Module}: the base of the lecture's "PyTorch-ifying" of its
 * code, where {@code Linear}, {@code BatchNorm1d} and {@code Tanh} become classes with a forward pass,
 * {@code parameters()} and an {@code out} attribute that the diagnostics plot.
 *
 * <p>What a module owns, registered by its constructor (Java has no {@code __setattr__}, so
 * registration is explicit, and there is no reflection):
 * <ul>
 *   <li>parameters ({@link #registerParameter}): leaf tensors that require grad and are trained,
 *       such as {@code weight} and {@code bias};</li>
 *   <li>buffers ({@link #registerBuffer}): state that is saved but not trained, such as BatchNorm's
 *       {@code running_mean} and {@code running_var};</li>
 *   <li>children ({@link #registerModule}): sub-modules, e.g. the layers of a {@link Sequential},
 *       named {@code "0"}, {@code "1"}, ...</li>
 * </ul>
 * Names follow PyTorch: {@link #namedParameters()} and {@link #stateDict()} give dotted paths such as
 * {@code 0.weight} or {@code 1.running_mean}, in PyTorch's order (a module's own entries in
 * registration order, then each child's, depth first), so {@link #parameters()} lists the tensors
 * in the same order as the lecture's {@code [p for layer in layers for p in layer.parameters()]}.
 *
 * <p>The network's input is an index tensor (the lecture's {@code Xb}), so besides
 * {@link #forward(Tensor)} there is {@link #forward(IntArray)}, which only {@link Embedding} (and a
 * {@link Sequential} that starts with one) accepts.
 *
 * <p>Layers are run through {@link #call(Tensor)}, which does the bookkeeping: the last output
 * ({@link #out()}, the lecture's {@code layer.out}) is recorded only by calls made while autograd
 * records ({@link Grad#isEnabled()}), i.e. training forwards. Forwards under
 * {@link Grad#disabled()} (evaluation, sampling) leave every module untouched, so that evaluation may
 * run from several threads at once on a model in {@link #eval()} mode without racing on its state.
 * (In {@link #train()} mode BatchNorm updates its running statistics, which is a mutation; that is
 * what training mode is for.)
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private Tensor out;

    /** A module in training mode with nothing registered yet. */
    protected Module() {
    }

    // =====================================================================================
    // Forward
    // =====================================================================================

    /**
     * Runs the layer, as PyTorch's {@code layer(x)}: {@link #forward(Tensor)}, then, if autograd is
     * recording on this thread, keeps the output as {@link #out()} (the lecture's {@code self.out}).
     * Why only then: the diagnostics read {@code out} after a training step (and call
     * {@code out().retainGrad()}), while no-grad forwards (evaluation, possibly on several threads)
     * must not write module state. Containers call their children through here, so every layer of a
     * network keeps its output; a layer's {@code forward} does no bookkeeping of its own.
     */
    public final Tensor call(Tensor x) {
        return keepOut(forward(x));
    }

    /** {@link #call(Tensor)} for an index tensor such as the lecture's {@code Xb}: {@link #forward(IntArray)}, kept. */
    public final Tensor call(IntArray indices) {
        return keepOut(forward(indices));
    }

    /**
     * The layer's computation on a float tensor. Call layers through {@link #call(Tensor)}, which also
     * records the output; calling {@code forward} directly records nothing.
     */
    public abstract Tensor forward(Tensor x);

    /**
     * The forward pass on an index tensor, such as the lecture's minibatch of contexts {@code Xb}
     * (shape {@code (32, 3)}). Only {@link Embedding} takes indices (it is the lecture's {@code C[X]}),
     * and {@link Sequential} passes them to its first layer; every other module throws.
     *
     * @throws UnsupportedOperationException saying that this module takes a float tensor
     */
    public Tensor forward(IntArray indices) {
        throw new UnsupportedOperationException(displayName() + " takes a float tensor, not an index tensor (got "
                + indices.shape() + " indices); indices go through an Embedding first, the lecture's C[X]");
    }

    private Tensor keepOut(Tensor output) {
        if (Grad.isEnabled()) {
            out = output;
        }
        return output;
    }

    /**
     * The output of the last forward made while autograd recorded, as the lecture's {@code layer.out}
     * (its activation and gradient histograms read it; call {@code out().retainGrad()} before
     * {@code backward()} to keep its grad). {@code null} before the first such forward. Forwards under
     * {@link Grad#disabled()} do not change it.
     */
    public final Tensor out() {
        return out;
    }

    // =====================================================================================
    // Registration
    // =====================================================================================

    /**
     * Registers a parameter under {@code name} (no dots; unique within this module) and marks it as
     * requiring grad, as wrapping a tensor in {@code nn.Parameter} does.
     *
     * @return {@code parameter}, so a constructor can write {@code weight = registerParameter("weight", w)}
     * @throws IllegalArgumentException for a bad or duplicate name
     * @throws IllegalStateException    if {@code parameter} is not a leaf (it was computed by an op)
     */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        Objects.requireNonNull(parameter, "parameter");
        parameter.setRequiresGrad(true);
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers a buffer: state saved in the {@link #stateDict()} but not trained, such as BatchNorm's
     * running statistics. Buffers never require grad.
     *
     * @return {@code buffer}
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.requiresGrad()) {
            throw new IllegalArgumentException("buffer '" + name + "' must not require grad");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /**
     * Registers a child module under {@code name}; its parameters and buffers appear under
     * {@code name.}, after this module's own.
     *
     * @return {@code child}
     */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        Objects.requireNonNull(child, "child");
        if (child == this) {
            throw new IllegalArgumentException("a module cannot be its own child");
        }
        children.put(name, child);
        return child;
    }

    private void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("invalid name '" + name + "': names are non-empty and have no dots");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(displayName() + " already has something named '" + name + "'");
        }
    }

    // =====================================================================================
    // Parameters, buffers, children
    // =====================================================================================

    /**
     * Every parameter, this module's own first (in registration order), then each child's in order:
     * the lecture's {@code parameters} list that the SGD loop updates.
     */
    public final List<Tensor> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /** Parameters by dotted name ({@code 0.weight}, {@code 1.bias}, ...), in {@link #parameters()} order. */
    public final Map<String, Tensor> namedParameters() {
        var all = new LinkedHashMap<String, Tensor>();
        collect(this, "", all, true, false);
        return Collections.unmodifiableMap(all);
    }

    /** Buffers by dotted name ({@code 1.running_mean}, ...), in the same order as the parameters. */
    public final Map<String, Tensor> namedBuffers() {
        var all = new LinkedHashMap<String, Tensor>();
        collect(this, "", all, false, true);
        return Collections.unmodifiableMap(all);
    }

    /**
     * Parameters and buffers by dotted name, as PyTorch's {@code state_dict()}: for each module (depth
     * first, starting here) its parameters, then its buffers. The arrays are the live values (shared,
     * not copied), as {@code state_dict()} returns tensors sharing storage.
     */
    public final Map<String, NdArray> stateDict() {
        var tensors = new LinkedHashMap<String, Tensor>();
        collect(this, "", tensors, true, true);
        var state = new LinkedHashMap<String, NdArray>();
        tensors.forEach((name, t) -> state.put(name, t.data()));
        return Collections.unmodifiableMap(state);
    }

    private static void collect(Module m, String prefix, Map<String, Tensor> into, boolean params, boolean bufs) {
        if (params) {
            m.parameters.forEach((name, t) -> into.put(prefix + name, t));
        }
        if (bufs) {
            m.buffers.forEach((name, t) -> into.put(prefix + name, t));
        }
        m.children.forEach((name, child) -> collect(child, prefix + name + ".", into, params, bufs));
    }

    /**
     * Copies {@code state} into this module's parameters and buffers, strictly, as
     * {@code load_state_dict(state, strict=True)}: every key must be present, no other key, and every
     * array must have the expected type and shape. Nothing is copied unless everything matches.
     *
     * @throws IllegalArgumentException listing every problem, e.g. {@code missing key '3.weight'},
     *         {@code unexpected key 'foo'}, {@code shape of '0.weight' is (100, 27), expected (100, 28)}
     */
    public final void loadStateDict(Map<String, NdArray> state) {
        var problems = stateProblems(state);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        var own = stateDict();
        own.forEach((name, target) -> target.copyFrom(state.get(name)));
    }

    /**
     * What keeps {@code state} from loading into this module, one message per problem (missing keys,
     * then unexpected keys, then type and shape mismatches); empty when it loads.
     */
    public final List<String> stateProblems(Map<String, NdArray> state) {
        var own = stateDict();
        var problems = new ArrayList<String>();
        own.keySet().stream().filter(k -> !state.containsKey(k)).forEach(k -> problems.add("missing key '" + k + "'"));
        state.keySet().stream().filter(k -> !own.containsKey(k)).forEach(k -> problems.add("unexpected key '" + k + "'"));
        own.forEach((name, expected) -> {
            NdArray given = state.get(name);
            if (given == null) {
                return;
            }
            if (!given.shape().equals(expected.shape())) {
                problems.add("shape of '" + name + "' is " + given.shape() + ", expected " + expected.shape());
            } else if (given.dtype() != expected.dtype()) {
                problems.add("dtype of '" + name + "' is " + given.dtype().torchName() + ", expected "
                        + expected.dtype().torchName());
            }
        });
        return problems;
    }

    /** The direct sub-modules, in registration order (for a {@link Sequential}: its layers). */
    public final List<Module> children() {
        return List.copyOf(children.values());
    }

    /** The direct sub-modules by name. */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /**
     * Total number of parameter elements, the lecture's {@code sum(p.nelement() for p in parameters)}:
     * 11897 for the one-hidden-layer MLP, 47024 for the six-layer network with BatchNorm.
     */
    public final long numParameters() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    /**
     * Clears the grad of every parameter: the lecture's {@code for p in parameters: p.grad = None}
     * ({@link Tensor#zeroGrad()}, which keeps the arrays for reuse).
     */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /**
     * Converts every parameter and buffer, here and in every descendant, to {@code dtype} in place, as
     * PyTorch's {@code module.to(dtype)} ({@code module.double()} for float64, which gradient checks
     * use). Values are converted exactly (float32 to float64 loses nothing); grads are dropped.
     *
     * @return this module
     */
    public final Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        for (Tensor t : parameters.values()) {
            t.setData(t.data().to(dtype));
        }
        for (Tensor t : buffers.values()) {
            t.setData(t.data().to(dtype));
        }
        convertState(dtype);
        for (Module child : children.values()) {
            child.to(dtype);
        }
        return this;
    }

    /**
     * Converts state that is neither a parameter nor a buffer (none by default), for {@link #to}: a
     * BatchNorm's explicit statistics, for instance.
     */
    protected void convertState(DType dtype) {
    }

    /** What a layer is, as the diagnostics group layers; see {@link #kind()}. */
    public enum Kind {
        /** A lookup table on indices: the lecture's {@code C}. */
        EMBEDDING,
        /** A reshape without arithmetic: the lecture's {@code view}. */
        VIEW,
        /** An affine map {@code x @ W + b}. */
        LINEAR,
        /** A batch normalisation. */
        NORMALIZATION,
        /** An elementwise non-linearity (the lecture's {@code Tanh}): what its activation histograms show. */
        NONLINEARITY,
        /** A module that runs its children in turn ({@link Sequential}). */
        CONTAINER,
        /** Anything else. */
        OTHER
    }

    /**
     * What this layer is, for the diagnostics: they number the lecture's layers after the
     * {@link Kind#EMBEDDING} and {@link Kind#VIEW} in front, open {@link Kind#CONTAINER}s, and show the
     * saturation of {@link Kind#NONLINEARITY} layers. {@link Kind#OTHER} unless a layer says otherwise.
     */
    public Kind kind() {
        return Kind.OTHER;
    }

    /**
     * This layer as a {@link BatchNorm}, if it normalises a batch (the lecture calibrates those after
     * training); empty for every other layer.
     */
    public Optional<BatchNorm> asBatchNorm() {
        return Optional.empty();
    }

    // =====================================================================================
    // Training and evaluation mode
    // =====================================================================================

    /** Training mode for this module and all its descendants (BatchNorm uses batch statistics). */
    public Module train() {
        return train(true);
    }

    /**
     * Sets training mode ({@code true}) or evaluation mode ({@code false}) here and in every
     * descendant, as {@code module.train(mode)}; the lecture sets {@code layer.training = False} on
     * every layer before sampling.
     */
    public Module train(boolean mode) {
        training = mode;
        for (Module child : children.values()) {
            child.train(mode);
        }
        return this;
    }

    /** Evaluation mode here and in every descendant (BatchNorm uses its running statistics). */
    public Module eval() {
        return train(false);
    }

    /**
     * Evaluation mode until the scope closes, then the mode this module was in:
     * <pre>{@code
     * try (var mode = network.evalMode()) {
     *     ... // BatchNorm uses its running statistics
     * }
     * }</pre>
     * as the lecture's {@code layer.training = False} for sampling, without forgetting to switch back.
     */
    public final ModeScope evalMode() {
        var scope = new ModeScope(this, training);
        eval();
        return scope;
    }

    /** Restores a module's training mode when closed; see {@link #evalMode()}. */
    public static final class ModeScope implements AutoCloseable {
        private final Module module;
        private final boolean training;

        private ModeScope(Module module, boolean training) {
            this.module = module;
            this.training = training;
        }

        /** Puts the module back in the mode it was in when the scope opened. */
        @Override
        public void close() {
            module.train(training);
        }
    }

    /** True in training mode (the default), false after {@link #eval()}. */
    public final boolean isTraining() {
        return training;
    }

    // =====================================================================================
    // Display
    // =====================================================================================

    /**
     * The name diagnostics print for this layer, its class name: {@code "Tanh"}, {@code "Linear"},
     * {@code "BatchNorm1d"} (shown as {@code layer 2 (      Tanh)}).
     */
    public String displayName() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "Module" : simple;
    }

    /** The arguments shown between the parentheses of {@link #toString()}, as PyTorch's {@code extra_repr}. */
    protected String extraRepr() {
        return "";
    }

    /**
     * PyTorch's module repr: {@code Linear(in_features=30, out_features=200, bias=true)}, and for a
     * module with children one indented line per child, {@code (0): Embedding(27, 10)}.
     */
    @Override
    public String toString() {
        if (children.isEmpty()) {
            return displayName() + "(" + extraRepr() + ")";
        }
        var lines = new StringJoiner("\n", displayName() + "(\n", "\n)");
        if (!extraRepr().isEmpty()) {
            lines.add("  " + extraRepr());
        }
        children.forEach((name, child) -> lines.add("  (" + name + "): " + child.toString().replace("\n", "\n  ")));
        return lines.toString();
    }
}
