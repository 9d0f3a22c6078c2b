package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.core.testing.Json;
import dev.makemore.core.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class LinearTest {

    /** Values of step {@code step} of the rng_vectors.json case for seed 2147483647 (recorded from PyTorch). */
    private static float[] referenceStep(int step) {
        List<Object> cases = Json.array(ReferenceFiles.jsonObject("rng_vectors.json").get("cases"));
        for (Object c : cases) {
            Map<String, Object> kase = Json.object(c);
            if (Json.longValue(kase.get("seed")) == Generator.LECTURE_SEED) {
                return Json.floats(Json.object(Json.array(kase.get("steps")).get(step)).get("values"));
            }
        }
        throw new AssertionError("no case for seed 2147483647");
    }

    @Test
    void lectureInitialisationIsRandnOverSqrtFanInFromPyTorchsGenerator() {
        var g = new Generator(Generator.LECTURE_SEED);
        var c = new Embedding(27, 10, g);                    // C = torch.randn((27, 10), generator=g)
        var layer = new Linear(30, 200, true, g);            // randn((30, 200), generator=g) / 30**0.5
        float[] pytorchC = referenceStep(0);
        float[] pytorchRandn = referenceStep(1);
        assertThat(c.weight().data().toFloatArray()).containsExactly(pytorchC);
        float[] w = layer.weight().data().toFloatArray();
        assertThat(w[0]).isEqualTo(-1.1707007884979248f / (float) Math.sqrt(30));
        for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).as("weight[%d]", i).isEqualTo(pytorchRandn[i] / (float) Math.sqrt(30));
        }
        assertThat(layer.bias().data().toFloatArray()).hasSize(200).containsOnly(0f);
        assertThat(layer.weight().requiresGrad()).isTrue();
        assertThat(layer.bias().requiresGrad()).isTrue();
    }

    @Test
    void theBiasDrawsNothing() {
        var a = new Generator(5);
        var b = new Generator(5);
        new Linear(3, 4, true, a);
        new Linear(3, 4, false, b);
        assertThat(a.random()).isEqualTo(b.random());
    }

    @Test
    void forwardIsXTimesWPlusB() {
        var w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        var b = Tensor.of(new float[] {0.5f, -1}, 2);
        var layer = new Linear(w, b);
        var x = Tensor.of(new float[] {1, 0, -1, 2, 1, 0.5f}, 2, 3);
        // [1, 0, -1] @ W = [1 - 5, 2 - 6] = [-4, -4]; [2, 1, 0.5] @ W = [2 + 3 + 2.5, 4 + 4 + 3] = [7.5, 11]
        assertThat(layer.call(x).data().toFloatArray()).containsExactly(-3.5f, -5f, 8f, 10f);
        assertThat(layer.out().data().toFloatArray()).containsExactly(-3.5f, -5f, 8f, 10f);
        var noBias = new Linear(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), null);
        assertThat(noBias.call(x).data().toFloatArray()).containsExactly(-4f, -4f, 7.5f, 11f);
        assertThat(noBias.hasBias()).isFalse();
        assertThat(noBias.bias()).isNull();
        assertThat(noBias.namedParameters()).containsOnlyKeys("weight");
    }

    @Test
    void gradientsFlowToInputWeightAndBias() {
        var g = new Generator(3);
        var w = GradCheck.randomDouble(g, 1, 0, 4, 3);
        var b = GradCheck.randomDouble(g, 1, 0, 1, 3);
        var layer = new Linear(w, b);
        var x = GradCheck.randomDouble(g, 1, 0, 5, 4).setRequiresGrad(true);
        GradCheck.check(() -> layer.call(x), x, w, b);
    }

    @Test
    void pytorchsDefaultInitIsUniformWithinOneOverSqrtFanInInPyTorchsLayout() {
        var g = new Generator(Generator.LECTURE_SEED);
        var copy = g.copy();
        var layer = Linear.torchDefault(30, 200, true, g);
        double bound = 1 / Math.sqrt(30);
        for (float v : layer.weight().data().toFloatArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        // PyTorch fills its (200, 30) weight row by row, then the bias: ours is the transpose.
        var torchWeight = Init.uniform(NdArray.zeros(DType.FLOAT32, 200, 30), -bound, bound, copy);
        var torchBias = Init.uniform(NdArray.zeros(DType.FLOAT32, 200), -bound, bound, copy);
        for (int o = 0; o < 200; o++) {
            for (int i = 0; i < 30; i++) {
                assertThat(layer.weight().data().get(i, o)).isEqualTo(torchWeight.get(o, i));
            }
        }
        assertThat(layer.bias().data().toFloatArray()).containsExactly(torchBias.toFloatArray());
        assertThat(g.random()).isEqualTo(copy.random());
        assertThat(Linear.torchDefault(3, 2, false, g).hasBias()).isFalse();
    }

    @Test
    void wrappedTensorsBecomeParameters() {
        var w = Tensor.randn(new Generator(1), 30, 200);
        var b = Tensor.zeros(DType.FLOAT32, 1, 200);
        var layer = new Linear(w, b);
        assertThat(layer.weight()).isSameAs(w);
        assertThat(layer.bias()).isSameAs(b);
        assertThat(w.requiresGrad()).isTrue();
        assertThat(layer.fanIn()).isEqualTo(30);
        assertThat(layer.fanOut()).isEqualTo(200);
        assertThat(layer.parameters()).containsExactly(w, b);
        assertThat(layer).hasToString("Linear(in_features=30, out_features=200, bias=true)");
        assertThat(layer.displayName()).isEqualTo("Linear");
    }

    @Test
    void badShapesAndTypesAreRejected() {
        var w = Tensor.zeros(DType.FLOAT32, 3, 2);
        assertThatThrownBy(() -> new Linear(Tensor.zeros(DType.FLOAT32, 6), null))
                .hasMessage("Linear: weight must be 2-D (fan_in, fan_out), got shape (6)");
        assertThatThrownBy(() -> new Linear(w, Tensor.zeros(DType.FLOAT32, 3)))
                .hasMessage("Linear: bias of shape (3) does not match weight (3, 2) (expected (2) or (1, 2))");
        assertThatThrownBy(() -> new Linear(w, Tensor.zeros(DType.FLOAT64, 2)))
                .hasMessage("Linear: bias is float64 but weight is float32");
        assertThatThrownBy(() -> new Linear(0, 3, new Generator(1))).hasMessageContaining("must be positive");
        var notALeaf = Tensor.zeros(DType.FLOAT32, 3, 2).setRequiresGrad(true).mul(2.0);
        assertThatThrownBy(() -> new Linear(notALeaf, null)).isInstanceOf(IllegalStateException.class);
        var layer = new Linear(w, null);
        assertThatThrownBy(() -> layer.call(Tensor.zeros(DType.FLOAT32, 4, 5)))
                .hasMessage("Linear(3, 2): expected input of shape (N, 3), got (4, 5)");
        assertThatThrownBy(() -> layer.call(dev.makemore.core.IntArray.of(new int[] {1, 2})))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("Linear takes a float tensor, not an index tensor (got (2) indices)");
    }
}
