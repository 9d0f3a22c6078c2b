package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;
import dev.makemore.core.Shaped;
import dev.makemore.core.kernels.BinaryOp;
import dev.makemore.core.kernels.UnaryOp;
import dev.makemore.core.random.Generator;

import java.util.List;
import java.util.Objects;

/**
 * A tensor with reverse-mode automatic differentiation: micrograd's {@code Value}, grown from one
 * number to an {@link NdArray} of float32 or float64. Everything the lecture's network does to its
 * tensors is here: {@code C[Xb]} ({@link #index}), {@code emb.view(N, -1)}, {@code x @ W + b},
 * {@code tanh}, BatchNorm's {@code mean}, {@code var}, {@code (x - mean) / sqrt(var + eps)} with
 * broadcasting, and {@code loss.backward()}; cross-entropy and softmax live in {@link F}.
 *
 * <p>How it works, as in micrograd. Every op computes its result eagerly with {@link ArrayMath} and,
 * unless {@linkplain Grad#disabled() recording is off} or no input {@linkplain #requiresGrad()
 * requires grad}, remembers its inputs and a {@link Backward} closure that turns the output's grad
 * into the inputs' grads. Each op's forward and backward sit side by side: here for indexing, views
 * and matmul, in {@code Pointwise} (tanh, exp, arithmetic with a number), {@code Broadcasting}
 * ({@code + - * /} of two tensors) and {@code Reductions} (sum, mean, var) for the rest.
 * {@link #backward()} hands the graph to {@code Graph}, which orders it topologically (iteratively,
 * so graphs thousands of ops deep work), runs the closures from the loss down, and frees it.
 *
 * <p>Gradients, as in PyTorch: {@link #grad()} is {@code null} until a backward pass reaches the
 * tensor; gradients accumulate over uses and over backward passes; leaves (parameters) keep them,
 * intermediate results keep them only after {@link #retainGrad()}; {@link #zeroGrad()} is the
 * lecture's {@code p.grad = None}.
 *
 * <p>Not thread-safe: one graph belongs to one thread (different threads may build different graphs).
 */
public final class Tensor implements Shaped {
    /** The op name of a tensor made from data rather than by an op. */
    private static final String LEAF = "leaf";

    private NdArray data;
    // The graph engine (Graph, same package) reads and writes these.
    final String op;
    final boolean leaf;
    boolean requiresGrad;
    NdArray grad;
    /** A leaf's grad array kept by {@link #zeroGrad()} for the next backward pass, so training allocates none. */
    private NdArray spareGrad;
    boolean retainsGrad;
    /** The recorded inputs and backward closure; both null for leaves and once the graph is freed. */
    Tensor[] inputs;
    Backward backward;
    boolean freed;
    /** Topological sort state: the epoch that last visited this tensor, and the next input to visit. */
    int visitedIn;
    int cursor;

    private Tensor(NdArray data, String op, boolean leaf, boolean requiresGrad, Tensor[] inputs, Backward backward) {
        this.data = Objects.requireNonNull(data, "data");
        this.op = op;
        this.leaf = leaf;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
    }

    // =====================================================================================
    // Creation
    // =====================================================================================

    /** A leaf over {@code data} (shared, not copied) that does not require grad: an input such as the data. */
    public static Tensor of(NdArray data) {
        return new Tensor(data, LEAF, true, false, null, null);
    }

    /**
     * A leaf over {@code data} (shared) that requires grad: one of the lecture's {@code parameters},
     * {@code C}, {@code W1}, {@code bngain}..., after {@code p.requires_grad = True}.
     */
    public static Tensor parameter(NdArray data) {
        return new Tensor(data, LEAF, true, true, null, null);
    }

    /** A float64 leaf over {@code values} (not copied) with the given dimensions; no grad required. */
    public static Tensor of(double[] values, int... dims) {
        return of(NdArray.of(values, dims));
    }

    /** A float32 leaf over {@code values} (not copied) with the given dimensions; no grad required. */
    public static Tensor of(float[] values, int... dims) {
        return of(NdArray.of(values, dims));
    }

    /** A 0-dimensional leaf holding {@code value}, e.g. a constant such as the {@code eps} of BatchNorm. */
    public static Tensor scalar(DType dtype, double value) {
        return of(NdArray.scalar(dtype, value));
    }

    /** A leaf of zeros, as {@code torch.zeros} (the lecture's {@code bnbias} and running mean start here). */
    public static Tensor zeros(DType dtype, int... dims) {
        return of(NdArray.zeros(dtype, dims));
    }

    /** A leaf of ones, as {@code torch.ones} (the lecture's {@code bngain} and running variance start here). */
    public static Tensor ones(DType dtype, int... dims) {
        return of(NdArray.ones(dtype, dims));
    }

    /**
     * A float32 leaf of standard normals drawn from {@code g} exactly as
     * {@code torch.randn(*dims, generator=g)} draws them (layers draw weights with {@code Init.randn}).
     */
    public static Tensor randn(Generator g, int... dims) {
        var out = allocate(DType.FLOAT32, Shape.of(dims));
        g.randn(out.floats());
        return of(out);
    }

    /**
     * Makes the result of an op: the one way ops are defined, used by every op here and by fused ops
     * in other modules (like {@code torch.autograd.Function}). If recording is on and some input
     * requires grad, the result requires grad and remembers {@code inputs} and {@code backward};
     * otherwise it is a plain leaf and both are dropped.
     *
     * @param opName   name for error messages and {@link #graphString()}, e.g. {@code "batchnorm"}
     * @param result   the forward result, already computed
     * @param backward adds the inputs' gradients given the result's; see {@link Backward}
     * @param inputs   the tensors the result was computed from
     */
    public static Tensor fromOp(String opName, NdArray result, Backward backward, Tensor... inputs) {
        Objects.requireNonNull(opName, "opName");
        Objects.requireNonNull(backward, "backward");
        boolean record = false;
        for (Tensor in : inputs) {
            record |= in.requiresGrad;
        }
        if (!record || !Grad.isEnabled()) {
            return new Tensor(result, opName, true, false, null, null);
        }
        return new Tensor(result, opName, false, true, inputs.clone(), backward);
    }

    /**
     * Every op output, temporary and non-leaf grad buffer is allocated here: zeroed, and reused from
     * the previous training step when a {@link Workspace} scope is open on this thread.
     */
    static NdArray allocate(DType dtype, Shape shape) {
        return Workspace.zeros(dtype, shape);
    }

    /**
     * An op output or temporary that the caller's kernel overwrites element by element before reading
     * any, as {@code torch.empty}: like {@link #allocate}, but a reused array is not zeroed first.
     */
    static NdArray allocateEmpty(DType dtype, Shape shape) {
        return Workspace.empty(dtype, shape);
    }

    // =====================================================================================
    // Description and gradient state
    // =====================================================================================

    /** The values (shared: writing them changes the tensor, as {@code p.data} does in PyTorch). */
    public NdArray data() {
        return data;
    }

    /**
     * {@code d loss / d this}, or {@code null} if no backward pass has reached this tensor (or its grad
     * was cleared, or it is an intermediate result that did not {@link #retainGrad()}).
     */
    public NdArray grad() {
        return grad;
    }

    /** The element type of {@link #data()}. */
    @Override
    public DType dtype() {
        return data.dtype();
    }

    /** The dimensions of {@link #data()}. */
    @Override
    public Shape shape() {
        return data.shape();
    }

    /** The op that produced this tensor ({@code "leaf"} for data and parameters), for messages and graph printing. */
    public String op() {
        return op;
    }

    /**
     * The tensors this one was computed from: empty for leaves, for results made without recording,
     * and once a backward pass has freed the graph.
     */
    public List<Tensor> inputs() {
        return inputs == null ? List.of() : List.of(inputs);
    }

    /** True when gradients flow to this tensor: parameters, and op results that depend on one. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * True for tensors not produced by a recorded op (data, parameters, results made under
     * {@link Grad#disabled()}): their grads are kept after backward, as PyTorch's {@code is_leaf}.
     */
    public boolean isLeaf() {
        return leaf;
    }

    /**
     * Marks a leaf as a parameter (or not): the lecture's {@code for p in parameters: p.requires_grad = True}.
     * Returns this tensor, for chaining.
     */
    public Tensor setRequiresGrad(boolean requiresGrad) {
        if (!leaf) {
            throw new IllegalStateException("setRequiresGrad: you can only change requiresGrad of leaf tensors; this one"
                    + " was produced by '" + op + "'. Use detach() to get a leaf sharing its data.");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /**
     * Keeps this intermediate result's grad after backward, as PyTorch's {@code retain_grad()}: the
     * lecture calls {@code layer.out.retain_grad()} so that its diagnostics can plot
     * {@code layer.out.grad} (the gradient histograms of the tanh layers). Harmless on a leaf.
     * Returns this tensor, for chaining.
     */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: can't retain the grad of a tensor that does not require grad"
                    + " (op '" + op + "', shape " + shape() + ")");
        }
        if (!leaf) {
            retainsGrad = true;
        }
        return this;
    }

    /** True after {@link #retainGrad()} on an intermediate result. */
    public boolean retainsGrad() {
        return retainsGrad;
    }

    /**
     * Replaces the grad: {@code null} is the lecture's {@code p.grad = None} before each backward pass;
     * otherwise the array must have this tensor's type and shape, and becomes the grad (not copied).
     */
    public void setGrad(NdArray newGrad) {
        if (newGrad != null && (newGrad.dtype() != dtype() || !newGrad.shape().equals(shape()))) {
            throw new IllegalArgumentException("setGrad: assigned grad " + newGrad.dtype().torchName() + " " + newGrad.shape()
                    + " does not match the tensor " + dtype().torchName() + " " + shape());
        }
        grad = newGrad;
    }

    /**
     * Clears the grad: the lecture's {@code p.grad = None} (PyTorch's {@code zero_grad(set_to_none=True)}).
     * {@link #grad()} is {@code null} afterwards; a leaf keeps the array and reuses it, zeroed, when
     * the next backward pass reaches it, so a training loop that clears its grads every step allocates
     * none.
     */
    public void zeroGrad() {
        if (grad != null && isLeaf()) {
            spareGrad = grad;
        }
        grad = null;
    }

    /**
     * Replaces a leaf's values by {@code values} of the same shape, possibly of another dtype, as
     * PyTorch's {@code p.data = p.data.double()} (how {@code module.double()} converts its parameters).
     * The grad is dropped.
     *
     * @throws IllegalStateException    if this tensor was computed by an op
     * @throws IllegalArgumentException if the shapes differ
     */
    public void setData(NdArray values) {
        if (!isLeaf()) {
            throw new IllegalStateException("setData: only a leaf's values can be replaced, not the result of " + op);
        }
        if (!values.shape().equals(shape())) {
            throw new IllegalArgumentException("setData: new values of shape " + values.shape()
                    + " for a tensor of shape " + shape());
        }
        data = values;
        grad = null;
        spareGrad = null;
    }

    /** This tensor's grad buffer, allocated (zeroed) if it has none yet: what a {@link Backward} adds into. */
    public NdArray gradBuffer() {
        return grad != null ? grad : newGrad(true);
    }

    /**
     * Sets and returns a grad buffer for a tensor that has none: the spare one kept by
     * {@code setGrad(null)}, else a new one. A leaf's grad outlives the step (the update and
     * diagnostics read it), so it never comes from a workspace. Zeroed unless the caller writes every
     * element first.
     */
    private NdArray newGrad(boolean zeroed) {
        if (spareGrad != null) {
            grad = spareGrad;
            spareGrad = null;
            if (zeroed) {
                grad.fill(0);
            }
        } else if (isLeaf()) {
            grad = NdArray.zeros(dtype(), shape());
        } else {
            grad = zeroed ? allocate(dtype(), shape()) : allocateEmpty(dtype(), shape());
        }
        return grad;
    }

    /** {@code grad += delta}, summed over the dimensions this tensor was broadcast along; see {@link #accumulateGrad(NdArray, double)}. */
    public void accumulateGrad(NdArray delta) {
        accumulateGrad(delta, 1.0);
    }

    /**
     * {@code grad += scale * delta}, where {@code delta} has the shape of an op's output and this tensor
     * was that op's (possibly broadcast) input: a {@code (1, D)} bias receives the column sums of an
     * {@code (N, D)} delta, an {@code (N, 1)} tensor the row sums, a one-element tensor the total. This
     * is the "sum over the broadcast dimension" step of the lecture's backprop through {@code bnbias}.
     */
    public void accumulateGrad(NdArray delta, double scale) {
        Broadcasting.reduceIntoGrad(this, delta, scale);
    }

    /**
     * A backward kernel {@code out (+)= f(a, b)} that either overwrites {@code out} or adds into it
     * ({@code ArrayMath}'s {@code accumulate} flag), e.g. {@code ArrayMath::tanhBackward}.
     */
    @FunctionalInterface
    interface GradKernel {
        void apply(NdArray a, NdArray b, NdArray out, boolean accumulate);
    }

    /**
     * {@code grad (+)= kernel(a, b)}: the one place that chooses between overwriting a grad that holds
     * nothing yet and adding into one that does (a tensor used twice receives both contributions).
     */
    void addToGrad(GradKernel kernel, NdArray a, NdArray b) {
        boolean accumulate = grad != null;
        kernel.apply(a, b, accumulate ? grad : gradBufferToOverwrite(), accumulate);
    }

    /**
     * This tensor's grad buffer, which must be unset, for a caller that writes every element of it
     * before reading any: a buffer reused from the previous step is not zeroed first.
     */
    NdArray gradBufferToOverwrite() {
        if (grad != null) {
            throw new IllegalStateException("gradBufferToOverwrite: the grad already holds a contribution");
        }
        return newGrad(false);
    }

    /**
     * {@code grad += scale * reduce(g op x)}: the common backward step "upstream grad times a local
     * derivative". Writes straight into a fresh grad buffer when it can, saving a temporary.
     */
    void accumulateProduct(BinaryOp op, NdArray g, NdArray x, double scale) {
        if (grad == null && scale == 1.0 && g.shape().equals(shape())) {
            ArrayMath.binary(op, g, x, gradBufferToOverwrite());
            return;
        }
        var t = allocateEmpty(g.dtype(), g.shape());
        ArrayMath.binary(op, g, x, t);
        accumulateGrad(t, scale);
    }

    /** The only element, as {@code loss.item()}; throws for more than one element. */
    public double item() {
        return data.item();
    }

    /**
     * A leaf sharing this tensor's data that does not require grad, as {@code tensor.detach()}: for
     * values that must not be backpropagated through (running statistics, plotted activations).
     */
    public Tensor detach() {
        return of(data);
    }

    /**
     * The SGD update outside the graph, the lecture's {@code p.data += -lr * p.grad}:
     * {@code ArrayMath.axpy(-learningRate, grad(), data())}.
     */
    public void sgdStep(double learningRate) {
        if (grad == null) {
            throw new IllegalStateException("sgdStep: tensor " + dtype().torchName() + " " + shape()
                    + " has no grad; call backward() on the loss first");
        }
        ArrayMath.axpy(-learningRate, grad, data);
    }

    // =====================================================================================
    // Backward pass
    // =====================================================================================

    /**
     * Backpropagates from this one-element tensor (the loss), as {@code loss.backward()}: afterwards
     * every parameter it depends on holds {@code d loss / d parameter} in {@link #grad()} (added to any
     * grad it already had), and the graph is freed.
     */
    public void backward() {
        backward(false);
    }

    /**
     * As {@link #backward()}; with {@code retainGraph} the graph is kept so that a second backward
     * pass through it is possible, as PyTorch's {@code retain_graph=True}.
     */
    public void backward(boolean retainGraph) {
        if (size() != 1) {
            throw new IllegalStateException("backward: grad can be implicitly created only for scalar outputs, but this"
                    + " tensor ('" + op + "') has shape " + shape() + "; reduce it to one element first (e.g. sum() or"
                    + " mean()) or pass the output gradient: backward(NdArray)");
        }
        run(NdArray.full(dtype(), shape(), 1.0), retainGraph);
    }

    /**
     * Backpropagates from a tensor of any shape with {@code d loss / d this} given, as
     * {@code tensor.backward(gradient)}; the graph is freed afterwards.
     */
    public void backward(NdArray gradient) {
        if (gradient.dtype() != dtype() || !gradient.shape().equals(shape())) {
            throw new IllegalArgumentException("backward: gradient " + gradient.dtype().torchName() + " " + gradient.shape()
                    + " does not match the tensor " + dtype().torchName() + " " + shape());
        }
        run(gradient, false);
    }

    private void run(NdArray seed, boolean retainGraph) {
        Graph.backward(this, seed, retainGraph);
    }

    /**
     * The graph below this tensor, one line per tensor, inputs first, e.g.
     * {@code #3 matmul (32, 200) float32 <- #1, #2}: for inspecting what a forward pass recorded.
     */
    public String graphString() {
        return Graph.describe(this);
    }

    /** Values (small tensors) or shape and type, plus the producing op and whether it requires grad. */
    @Override
    public String toString() {
        return "Tensor(" + data + ", op=" + op + (requiresGrad ? ", requiresGrad" : "") + ")";
    }

    // =====================================================================================
    // Ops: indexing and shape
    // =====================================================================================

    /**
     * {@code C[X]}: row {@code X[i]} of this 2-D table for every index, with shape
     * {@code X.shape + (C.dim(1))}; the lecture's embedding lookup {@code emb = C[Xb]}. Backward adds
     * each row of the output grad into the row of the table it came from.
     */
    public Tensor index(IntArray ix) {
        if (rank() != 2) {
            throw new IllegalArgumentException("index: expected a 2-D table such as C (27, 10), got shape " + shape());
        }
        var out = allocateEmpty(dtype(), ix.shape().concat(shape().suffix(1)));
        ArrayMath.gatherRows(data, ix, out);
        // Keep our own copy of the indices: callers reuse their minibatch buffers.
        var saved = requiresGrad ? new IntArray(ix.data().clone(), ix.shape()) : ix;
        Tensor table = this;
        return fromOp("index", out, g -> ArrayMath.scatterAddRows(g, saved, table.gradBuffer()), table);
    }

    /**
     * The same data under another shape, one {@code -1} inferred: the lecture's {@code emb.view(N, -1)}.
     * The data is shared; the gradient flows back as a view of the output's gradient.
     */
    public Tensor view(int... dims) {
        Tensor x = this;
        return fromOp("view", data.view(dims), g -> x.accumulateGrad(g.view(x.shape())), x);
    }

    /** Same as {@link #view} (storage is always contiguous, so a reshape never copies). */
    public Tensor reshape(int... dims) {
        return view(dims);
    }

    // =====================================================================================
    // Ops: matrix multiplication
    // =====================================================================================

    /**
     * {@code this @ w} for 2-D tensors, the lecture's {@code embcat @ W1}. Backward:
     * {@code dx += g @ w^T}, {@code dw += x^T @ g}, accumulated in the kernels without temporaries.
     */
    public Tensor matmul(Tensor w) {
        sameDType("matmul", w);
        if (rank() != 2 || w.rank() != 2) {
            throw new IllegalArgumentException("matmul: " + shape() + " @ " + w.shape() + ": both operands must be 2-D");
        }
        if (dim(1) != w.dim(0)) {
            throw new IllegalArgumentException("matmul: " + shape() + " @ " + w.shape() + ": inner dimensions "
                    + dim(1) + " and " + w.dim(0) + " differ");
        }
        Tensor x = this;
        var out = allocateEmpty(dtype(), Shape.of(dim(0), w.dim(1)));
        ArrayMath.matmul(x.data, w.data, out, false);
        return fromOp("matmul", out, g -> {
            if (x.requiresGrad) {
                x.addToGrad(ArrayMath::matmulTransB, g, w.data);     // dx = g @ w^T
            }
            if (w.requiresGrad) {
                w.addToGrad(ArrayMath::matmulTransA, x.data, g);     // dw = x^T @ g
            }
        }, x, w);
    }

    // =====================================================================================
    // Ops: elementwise arithmetic and functions
    // =====================================================================================

    /** {@code this + b}, broadcasting either side ({@code hpreact + b1}, {@code bngain * xhat + bnbias}). */
    public Tensor add(Tensor b) {
        return Broadcasting.binary(BinaryOp.ADD, "add", this, b);
    }

    /** {@code this - b}, broadcasting either side ({@code x - xmean}, {@code scalarTensor - x}). */
    public Tensor sub(Tensor b) {
        return Broadcasting.binary(BinaryOp.SUB, "sub", this, b);
    }

    /** {@code this * b}, broadcasting either side ({@code bngain * xhat}). */
    public Tensor mul(Tensor b) {
        return Broadcasting.binary(BinaryOp.MUL, "mul", this, b);
    }

    /** {@code this / b}, broadcasting either side ({@code (x - mean) / sqrt(var + eps)}). */
    public Tensor div(Tensor b) {
        return Broadcasting.binary(BinaryOp.DIV, "div", this, b);
    }

    /** {@code this + s}, e.g. {@code bnvar + eps}. */
    public Tensor add(double s) {
        return Pointwise.withScalar(BinaryOp.ADD, "add", this, s, 1.0);
    }

    /** {@code this - s}. */
    public Tensor sub(double s) {
        return Pointwise.withScalar(BinaryOp.SUB, "sub", this, s, 1.0);
    }

    /** {@code this * s}, e.g. the lecture's {@code W1 * (5/3) / 30**0.5} when building parameters. */
    public Tensor mul(double s) {
        return Pointwise.withScalar(BinaryOp.MUL, "mul", this, s, s);
    }

    /** {@code this / s}. */
    public Tensor div(double s) {
        return Pointwise.withScalar(BinaryOp.DIV, "div", this, s, 1.0 / s);
    }

    /** {@code s - this}, as Python's {@code 1 - t**2}. */
    public Tensor rsub(double s) {
        return Pointwise.rsub(this, s);
    }

    /** {@code s / this}, as Python's {@code 1 / x}. */
    public Tensor rdiv(double s) {
        return Pointwise.rdiv(this, s);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Pointwise.unary(UnaryOp.NEG, "neg", this);
    }

    /** {@code tanh(this)}, the lecture's non-linearity; backward {@code (1 - t^2) * g} from the output {@code t}. */
    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    /** {@code exp(this)}; backward {@code g * exp(x)}, reusing the output. */
    public Tensor exp() {
        return Pointwise.unary(UnaryOp.EXP, "exp", this);
    }

    /** {@code log(this)}; backward {@code g / x}. */
    public Tensor log() {
        return Pointwise.unary(UnaryOp.LOG, "log", this);
    }

    /** {@code this ** p} (e.g. {@code (x - mean)**2}); backward {@code p * x^(p-1) * g}. */
    public Tensor pow(double p) {
        return Pointwise.pow(this, p);
    }

    /** {@code sqrt(this)} (BatchNorm's {@code sqrt(var + eps)}); backward {@code g / (2 sqrt(x))}. */
    public Tensor sqrt() {
        return Pointwise.unary(UnaryOp.SQRT, "sqrt", this);
    }

    // =====================================================================================
    // Ops: reductions
    // =====================================================================================

    /** Sum of all elements, a 0-dimensional tensor; backward spreads {@code g} to every element. */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /** Mean of all elements, a 0-dimensional tensor; backward spreads {@code g / n}. */
    public Tensor mean() {
        return Reductions.mean(this);
    }

    /**
     * Sum along {@code dim} (negative counts from the end), keeping it as size 1 when {@code keepdim}:
     * as {@code x.sum(dim, keepdim=True)}. Backward adds {@code g} to every element along {@code dim}.
     */
    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, checkDim("sum", dim), keepdim);
    }

    /** Mean along {@code dim}, as BatchNorm's {@code hpreact.mean(0, keepdim=True)}; backward adds {@code g / n}. */
    public Tensor mean(int dim, boolean keepdim) {
        return Reductions.mean(this, checkDim("mean", dim), keepdim);
    }

    /** Unbiased variance of all elements (divisor n - 1), PyTorch's default {@code x.var()}. */
    public Tensor var() {
        return var(true);
    }

    /** Variance of all elements, unbiased (n - 1) or biased (n). Backward {@code 2 (x - mean) / (n - ddof) * g}. */
    public Tensor var(boolean unbiased) {
        return Reductions.var(this, unbiased);
    }

    /** Unbiased variance along {@code dim}, as {@code x.var(dim, keepdim=keepdim)} (PyTorch's default). */
    public Tensor var(int dim, boolean keepdim) {
        return var(dim, keepdim, true);
    }

    /**
     * Variance along {@code dim}: unbiased (divisor n - 1, PyTorch's default and the lecture's BatchNorm
     * {@code hpreact.var(0, keepdim=True)}) or biased (n, what {@code nn.BatchNorm1d} normalises with).
     * Backward {@code 2 (x - mean) / (n - ddof) * g}.
     */
    public Tensor var(int dim, boolean keepdim, boolean unbiased) {
        return Reductions.var(this, checkDim("var", dim), keepdim, unbiased);
    }

    /** Unbiased standard deviation of all elements: {@code var().sqrt()}. */
    public Tensor std() {
        return var(true).sqrt();
    }

    /** Standard deviation of all elements, unbiased or biased: {@code var(unbiased).sqrt()}. */
    public Tensor std(boolean unbiased) {
        return var(unbiased).sqrt();
    }

    /** Unbiased standard deviation along {@code dim} (the lecture's {@code hpreact.std(0, keepdim=True)}). */
    public Tensor std(int dim, boolean keepdim) {
        return var(dim, keepdim, true).sqrt();
    }

    /** Standard deviation along {@code dim}, unbiased or biased: {@code var(dim, keepdim, unbiased).sqrt()}. */
    public Tensor std(int dim, boolean keepdim, boolean unbiased) {
        return var(dim, keepdim, unbiased).sqrt();
    }

    /** Softmax along {@code dim}; see {@link F#softmax}. */
    public Tensor softmax(int dim) {
        return F.softmax(this, dim);
    }

    /** Log-softmax along {@code dim}; see {@link F#logSoftmax}. */
    public Tensor logSoftmax(int dim) {
        return F.logSoftmax(this, dim);
    }

    void sameDType(String name, Tensor other) {
        if (dtype() != other.dtype()) {
            throw new IllegalArgumentException(name + ": expected both operands to have the same dtype, got "
                    + dtype().torchName() + " " + shape() + " and " + other.dtype().torchName() + " " + other.shape());
        }
    }

    private int checkDim(String name, int dim) {
        try {
            return shape().normalizeDim(dim);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
