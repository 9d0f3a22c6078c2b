package dev.makemore.verification;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import dev.makemore.training.Network;

import java.util.ArrayList;
import java.util.Map;

/**
 * A float64 copy of a (float32) network, for gradient checks: the same modules, rebuilt through their
 * public constructors from float64 tensors holding the same values, parameters and buffers alike
 * (BatchNorm's running statistics, and the inline form's explicit ones), in the same mode.
 *
 * <p>Why a rebuild: a {@link Tensor}'s storage type is fixed, and neither the layers nor the training
 * module offer {@code module.to(DType.FLOAT64)} (PyTorch's {@code model.double()}) or a float64
 * {@code Network.build}; this class is that missing piece, limited to the layers the stages use. A
 * layer it does not know is an error naming the layer, so a new layer cannot be skipped silently; and
 * {@link #toFloat64(Network)} verifies that every entry of the state dict came across.
 */
public final class Float64Networks {
    private Float64Networks() {
    }

    /**
     * A float64 network equal in structure, values and mode to {@code network}.
     *
     * @throws IllegalArgumentException for a layer this class cannot convert
     * @throws IllegalStateException    if the copy's state dict does not match the original's
     */
    public static Network toFloat64(Network network) {
        var layers = new ArrayList<Module>();
        for (Module m : network.layers()) {
            layers.add(convert(m));
        }
        var copy = new Network((Embedding) convert(network.embedding()), new Sequential(layers));
        copy.train(network.isTraining());
        Map<String, NdArray> original = network.stateDict();
        Map<String, NdArray> converted = copy.stateDict();
        if (!original.keySet().equals(converted.keySet())) {
            throw new IllegalStateException("float64 copy has state " + converted.keySet() + ", the network "
                    + original.keySet());
        }
        original.forEach((name, a) -> {
            NdArray b = converted.get(name);
            if (b.dtype() != DType.FLOAT64 || !b.shape().equals(a.shape())) {
                throw new IllegalStateException("float64 copy of '" + name + "' is " + b.dtype().torchName() + " "
                        + b.shape() + ", expected float64 " + a.shape());
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    throw new IllegalStateException("float64 copy of '" + name + "' differs at " + i + ": " + b.get(i)
                            + " instead of " + a.get(i));
                }
            }
        });
        return copy;
    }

    /** One layer, converted (its children too). */
    static Module convert(Module m) {
        Module copy;
        if (m instanceof Linear) {
            var l = (Linear) m;
            copy = new Linear(parameter(l.weight()), l.bias() == null ? null : parameter(l.bias()));
        } else if (m instanceof Embedding) {
            copy = new Embedding(parameter(((Embedding) m).weight()));
        } else if (m instanceof BatchNorm1d) {
            var bn = (BatchNorm1d) m;
            var b = new BatchNorm1d(bn.dim(), bn.eps(), bn.momentum(), bn.affine(), bn.tracksRunningStats(), bn.variance(),
                    DType.FLOAT64);
            copyState(bn, b);
            copy = b;
        } else if (m instanceof InlineBatchNorm) {
            var bn = (InlineBatchNorm) m;
            var b = new InlineBatchNorm(bn.dim(), bn.momentum(), DType.FLOAT64);
            copyState(bn, b);
            bn.explicitStatistics().ifPresent(s -> b.useStatistics(s.mean().to(DType.FLOAT64), s.std().to(DType.FLOAT64)));
            copy = b;
        } else if (m instanceof Tanh) {
            copy = new Tanh();
        } else if (m instanceof Flatten) {
            copy = new Flatten();
        } else if (m instanceof Sequential) {
            var layers = new ArrayList<Module>();
            for (Module child : ((Sequential) m).layers()) {
                layers.add(convert(child));
            }
            copy = new Sequential(layers);
        } else {
            throw new IllegalArgumentException("Float64Networks: no float64 conversion for " + m.displayName()
                    + " (" + m.getClass().getName() + "); add one here");
        }
        copy.train(m.isTraining());
        return copy;
    }

    private static Tensor parameter(Tensor t) {
        return Tensor.parameter(t.data().to(DType.FLOAT64));
    }

    private static void copyState(Module from, Module to) {
        Map<String, NdArray> target = to.stateDict();
        from.stateDict().forEach((name, a) -> target.get(name).copyFrom(a.to(DType.FLOAT64)));
    }
}
