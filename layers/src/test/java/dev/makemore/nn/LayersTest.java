package dev.makemore.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Tanh, Embedding, Flatten and Sequential against hand computation. */
class LayersTest {

    @Test
    void tanhIsElementwise() {
        var x = Tensor.of(new float[] {-2, 0, 0.5f, 3}, 2, 2);
        var t = new Tanh();
        var y = t.call(x).data().toFloatArray();
        assertThat(y).containsExactly((float) Math.tanh(-2), 0f, (float) Math.tanh(0.5), (float) Math.tanh(3));
        assertThat(t.out().data().toFloatArray()).containsExactly(y);
        assertThat(t.parameters()).isEmpty();
        assertThat(t).hasToString("Tanh()");
    }

    @Test
    void embeddingLooksUpRows() {
        var c = Tensor.of(new float[] {0, 1, 10, 11, 20, 21}, 3, 2);
        var e = new Embedding(c);
        var out = e.call(IntArray.of(new int[] {2, 0, 1, 2}, 2, 2));
        assertThat(out.shape().dims()).containsExactly(2, 2, 2);
        assertThat(out.data().toFloatArray()).containsExactly(20, 21, 0, 1, 10, 11, 20, 21);
        assertThat(e.num()).isEqualTo(3);
        assertThat(e.dim()).isEqualTo(2);
        assertThat(e.weight()).isSameAs(c);
        assertThat(c.requiresGrad()).isTrue();
        assertThat(e.namedParameters()).containsOnlyKeys("weight");
        // Backward adds each output row's grad into the row it came from.
        out.sum().backward();
        assertThat(c.grad().toFloatArray()).containsExactly(1, 1, 1, 1, 2, 2);
    }

    @Test
    void embeddingIsTheLecturesC() {
        var g = new Generator(Generator.LECTURE_SEED);
        var copy = g.copy();
        var e = new Embedding(27, 10, g);
        assertThat(e.weight().data().toFloatArray()).containsExactly(copy.randn(270));
        assertThat(e.weight().shape().dims()).containsExactly(27, 10);
    }

    @Test
    void embeddingRejectsFloatInputsAndBadShapes() {
        var e = new Embedding(5, 2, new Generator(1));
        assertThatThrownBy(() -> e.call(Tensor.zeros(DType.FLOAT32, 3, 2)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Embedding takes an index tensor (IntArray), the lecture's C[X]; got a float32 tensor of shape (3, 2)");
        assertThatThrownBy(() -> new Embedding(Tensor.zeros(DType.FLOAT32, 5))).hasMessageContaining("2-D");
        assertThatThrownBy(() -> new Embedding(0, 2, new Generator(1))).hasMessageContaining("positive");
    }

    @Test
    void flattenKeepsTheBatchDimension() {
        var x = Tensor.of(new float[24], 4, 3, 2).setRequiresGrad(true);
        var f = new Flatten();
        var y = f.call(x);
        assertThat(y.shape().dims()).containsExactly(4, 6);
        assertThat(y.data().sharesStorageWith(x.data())).isTrue();
        y.sum().backward();
        assertThat(x.grad().shape().dims()).containsExactly(4, 3, 2);
        assertThat(f.call(Tensor.of(new float[3], 3)).shape().dims()).containsExactly(3, 1);
        assertThatThrownBy(() -> f.call(Tensor.scalar(DType.FLOAT32, 1))).hasMessageContaining("scalar");
    }

    @Test
    void sequentialAppliesItsLayersInOrder() {
        var c = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 3, 2);
        var w = Tensor.of(new float[] {1, 0, 0, 1, 1, 1, 0, 0}, 4, 2);
        var model = new Sequential(List.of(new Embedding(c), new Flatten(), new Linear(w, null), new Tanh()));
        var y = model.call(IntArray.of(new int[] {1, 2}, 1, 2));
        // emb = [[2, 3], [4, 5]] -> [2, 3, 4, 5] @ W = [2 + 4, 3 + 4] -> tanh
        assertThat(y.data().toFloatArray()).containsExactly((float) Math.tanh(6), (float) Math.tanh(7));
        assertThat(model.size()).isEqualTo(4);
        assertThat(model.get(3)).isInstanceOf(Tanh.class);
        assertThat(model.layers()).hasSize(4);
        // A Sequential of float layers takes a float tensor.
        var tail = new Sequential(new Tanh(), new Tanh());
        assertThat(tail.call(Tensor.of(new float[] {0}, 1, 1)).data().toFloatArray()).containsExactly(0f);
        var empty = new Sequential();
        var x = Tensor.of(new float[] {1}, 1, 1);
        assertThat(empty.call(x)).isSameAs(x);
        assertThatThrownBy(() -> empty.call(IntArray.of(new int[] {1})))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tail.call(IntArray.of(new int[] {1})))
                .hasMessageStartingWith("Tanh takes a float tensor, not an index tensor");
    }
}
