package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class ModuleTest {

    @Test
    void theLecturesParameterCounts() {
        var g = new Generator(Generator.LECTURE_SEED);
        assertThat(LectureModels.mlp(g).numParameters()).isEqualTo(11897);
        assertThat(LectureModels.mlpWithInlineBatchNorm(g).numParameters()).isEqualTo(12097);
        assertThat(LectureModels.deep(g).numParameters()).isEqualTo(46497);
        assertThat(LectureModels.deepWithBatchNorm(g).numParameters()).isEqualTo(47024);
    }

    @Test
    void parametersAreListedInPyTorchsOrderWithDottedNames() {
        var model = LectureModels.deepWithBatchNorm(new Generator(1));
        var names = new ArrayList<>(model.namedParameters().keySet());
        assertThat(names.subList(0, 5)).containsExactly("0.weight", "2.weight", "3.weight", "3.bias", "5.weight");
        assertThat(names).hasSize(19).endsWith("17.weight", "18.weight", "18.bias");
        assertThat(model.parameters()).hasSize(19);
        assertThat(model.parameters().get(0)).isSameAs(((Embedding) model.get(0)).weight());
        assertThat(model.namedBuffers().keySet()).startsWith("3.running_mean", "3.running_var", "6.running_mean");
        // state_dict: each module's parameters, then its buffers, depth first.
        assertThat(new ArrayList<>(model.stateDict().keySet()).subList(0, 6))
                .containsExactly("0.weight", "2.weight", "3.weight", "3.bias", "3.running_mean", "3.running_var");
        assertThat(model.stateDict()).hasSize(19 + 12);
        assertThat(model.stateDict().get("3.running_var")).isSameAs(((BatchNorm1d) model.get(3)).runningVar().data());
    }

    @Test
    void ownParametersComeBeforeChildren() {
        var m = new Module() {
            final Tensor scale = registerParameter("scale", Tensor.ones(DType.FLOAT32, 1));
            final Linear inner = registerModule("inner", new Linear(2, 2, new Generator(1)));
            final Tensor count = registerBuffer("count", Tensor.zeros(DType.FLOAT32, 1));

            @Override
            public Tensor forward(Tensor x) {
                return inner.call(x).mul(scale);
            }
        };
        assertThat(m.namedParameters()).containsOnlyKeys("scale", "inner.weight", "inner.bias");
        assertThat(new ArrayList<>(m.stateDict().keySet()))
                .containsExactly("scale", "count", "inner.weight", "inner.bias");
        assertThat(m.children()).containsExactly(m.inner);
        assertThat(m.namedChildren()).containsOnlyKeys("inner");
        assertThat(m.displayName()).isEqualTo("Module");
        assertThat(m.toString()).isEqualTo("Module(\n  (inner): Linear(in_features=2, out_features=2, bias=true)\n)");
        assertThat(m.count.requiresGrad()).isFalse();
    }

    @Test
    void registrationIsChecked() {
        assertThatThrownBy(() -> new Module() {
            {
                registerParameter("a.b", Tensor.ones(DType.FLOAT32, 1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).hasMessageContaining("invalid name 'a.b'");
        assertThatThrownBy(() -> new Module() {
            {
                registerParameter("w", Tensor.ones(DType.FLOAT32, 1));
                registerBuffer("w", Tensor.ones(DType.FLOAT32, 1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).hasMessageContaining("already has something named 'w'");
        assertThatThrownBy(() -> new Module() {
            {
                registerBuffer("b", Tensor.ones(DType.FLOAT32, 1).setRequiresGrad(true));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).hasMessage("buffer 'b' must not require grad");
        assertThatThrownBy(() -> new Module() {
            {
                registerModule("self", this);
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).hasMessage("a module cannot be its own child");
    }

    @Test
    void trainAndEvalPropagateToEveryLayer() {
        var model = LectureModels.deepWithBatchNorm(new Generator(1));
        assertThat(model.layers()).allMatch(Module::isTraining);
        assertThat(model.eval()).isSameAs(model);
        assertThat(model.isTraining()).isFalse();
        assertThat(model.layers()).noneMatch(Module::isTraining);
        model.train();
        assertThat(model.layers()).allMatch(Module::isTraining);
    }

    @Test
    void outIsKeptOnlyForForwardsThatRecordTheGraph() {
        var g = new Generator(Generator.LECTURE_SEED);
        var model = LectureModels.deepWithBatchNorm(g);
        var x = IntArray.of(g.randint(0, 27, 96), 32, 3);
        try (var off = Grad.disabled()) {
            model.call(x);
        }
        assertThat(model.layers()).allMatch(m -> m.out() == null);
        var logits = model.call(x);
        assertThat(model.out()).isSameAs(logits);
        assertThat(model.get(model.size() - 1).out()).isSameAs(logits);
        assertThat(model.get(0).out().shape().dims()).containsExactly(32, 3, 10);
        assertThat(model.get(1).out().shape().dims()).containsExactly(32, 30);
        // The lecture's diagnostics: retain the tanh outputs' grads, then read them after backward.
        var tanh = model.get(4);
        tanh.out().retainGrad();
        F.crossEntropy(logits, IntArray.of(g.randint(0, 27, 32))).backward();
        assertThat(tanh.out().grad()).isNotNull();
        assertThat(tanh.displayName()).isEqualTo("Tanh");
        assertThat(String.format("layer %d (%10s)", 4, tanh.displayName())).isEqualTo("layer 4 (      Tanh)");
        var before = tanh.out();
        try (var off = Grad.disabled()) {
            model.call(x);
        }
        assertThat(tanh.out()).isSameAs(before);
    }

    @Test
    void evaluationMayRunOnTwoThreadsAtOnce() throws Exception {
        var g = new Generator(Generator.LECTURE_SEED);
        var model = LectureModels.deepWithBatchNorm(g);
        var x = IntArray.of(g.randint(0, 27, 96), 32, 3);
        model.call(x);    // a training step's forward moves the running statistics away from 0 and 1
        model.eval();
        var state = new HashMap<String, float[]>();
        model.stateDict().forEach((k, v) -> state.put(k, v.toFloatArray()));
        float[] expected;
        try (var off = Grad.disabled()) {
            expected = model.call(x).data().toFloatArray();
        }
        var outs = model.layers().stream().map(Module::out).toList();
        // Compared within float32 tolerance, not bit for bit: core's vector tanh and exp give results an
        // ulp apart before and after the JIT compiles them, whatever the thread. A race on module state
        // (running statistics, out) would show far more than that, and is checked directly below.
        Callable<Boolean> eval = () -> {
            for (int i = 0; i < 300; i++) {
                try (var off = Grad.disabled()) {
                    float[] y = model.call(x).data().toFloatArray();
                    for (int k = 0; k < y.length; k++) {
                        if (!(Math.abs(y[k] - expected[k]) <= 1e-4f * (1 + Math.abs(expected[k])))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = pool.invokeAll(List.of(eval, eval));
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        model.stateDict().forEach((k, v) -> assertThat(v.toFloatArray()).as(k).containsExactly(state.get(k)));
        assertThat(model.layers().stream().map(Module::out).toList()).isEqualTo(outs);
    }

    @Test
    void loadStateDictCopiesValuesStrictly() {
        var a = LectureModels.mlp(new Generator(1));
        var b = LectureModels.mlp(new Generator(2));
        b.loadStateDict(a.stateDict());
        a.stateDict().forEach((k, v) -> assertThat(b.stateDict().get(k).toFloatArray()).containsExactly(v.toFloatArray()));
        assertThat(b.stateDict().get("0.weight")).isNotSameAs(a.stateDict().get("0.weight"));

        var broken = new LinkedHashMap<>(a.stateDict());
        broken.remove("4.weight");
        broken.put("foo", NdArray.zeros(DType.FLOAT32, 1));
        broken.put("2.weight", NdArray.zeros(DType.FLOAT32, 30, 201));
        broken.put("2.bias", NdArray.zeros(DType.FLOAT64, 200));
        var before = b.stateDict().get("4.bias").toFloatArray();
        assertThatThrownBy(() -> b.loadStateDict(broken)).hasMessage("missing key '4.weight'; unexpected key 'foo'; "
                + "shape of '2.weight' is (30, 201), expected (30, 200); dtype of '2.bias' is float64, expected float32");
        assertThat(b.stateDict().get("4.bias").toFloatArray()).as("nothing copied").containsExactly(before);
        assertThat(b.stateProblems(a.stateDict())).isEmpty();
    }

    @Test
    void zeroGradClearsEveryParameterGrad() {
        var g = new Generator(3);
        var model = LectureModels.mlp(g);
        F.crossEntropy(model.call(IntArray.of(g.randint(0, 27, 12), 4, 3)), IntArray.of(new int[] {1, 2, 3, 4}))
                .backward();
        assertThat(model.parameters()).allMatch(p -> p.grad() != null);
        model.zeroGrad();
        assertThat(model.parameters()).allMatch(p -> p.grad() == null);
    }

    @Test
    void everyLayerSaysWhatItIs() {
        var g = new Generator(1);
        assertThat(new Embedding(27, 10, g).kind()).isEqualTo(Module.Kind.EMBEDDING);
        assertThat(new Flatten().kind()).isEqualTo(Module.Kind.VIEW);
        assertThat(new Linear(2, 3, g).kind()).isEqualTo(Module.Kind.LINEAR);
        assertThat(BatchNorm1d.lecture(3).kind()).isEqualTo(Module.Kind.NORMALIZATION);
        assertThat(new InlineBatchNorm(3).kind()).isEqualTo(Module.Kind.NORMALIZATION);
        assertThat(new Tanh().kind()).isEqualTo(Module.Kind.NONLINEARITY);
        assertThat(new Sequential(new Tanh()).kind()).isEqualTo(Module.Kind.CONTAINER);
        assertThat(BatchNorm1d.lecture(3).asBatchNorm()).isPresent();
        assertThat(new InlineBatchNorm(3).asBatchNorm()).isPresent();
        assertThat(new Tanh().asBatchNorm()).isEmpty();
    }

    @Test
    void evalModeRestoresTheModeItFound() {
        var model = new Sequential(new Linear(2, 2, new Generator(1)), BatchNorm1d.lecture(2));
        try (var mode = model.evalMode()) {
            assertThat(model.get(1).isTraining()).isFalse();
        }
        assertThat(model.get(1).isTraining()).isTrue();
        model.eval();
        try (var mode = model.evalMode()) {
            assertThat(model.isTraining()).isFalse();
        }
        assertThat(model.get(1).isTraining()).isFalse();
    }

    @Test
    void reprLooksLikePyTorchs() {
        var model = new Sequential(new Embedding(27, 10, new Generator(1)), new Flatten(), new Tanh());
        assertThat(model.toString()).isEqualTo("Sequential(\n  (0): Embedding(27, 10)\n  (1): Flatten()\n  (2): Tanh()\n)");
        var nested = new Sequential(model, new Tanh());
        assertThat(nested.toString()).startsWith("Sequential(\n  (0): Sequential(\n    (0): Embedding(27, 10)");
        assertThat(nested.namedParameters()).containsOnlyKeys("0.0.weight");
    }

    @Test
    void parameterCountOfAMapOfNames() {
        Map<String, Tensor> params = LectureModels.mlpWithInlineBatchNorm(new Generator(1)).namedParameters();
        assertThat(params).containsOnlyKeys("0.weight", "2.weight", "3.bngain", "3.bnbias", "5.weight", "5.bias");
    }
}
