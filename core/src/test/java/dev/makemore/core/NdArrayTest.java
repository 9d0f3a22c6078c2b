package dev.makemore.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NdArrayTest {

    @Test
    void creation() {
        NdArray z = NdArray.zeros(DType.FLOAT32, 2, 3);
        assertThat(z.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(z.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(z.size()).isEqualTo(6);
        assertThat(z.rank()).isEqualTo(2);
        assertThat(z.dim(-1)).isEqualTo(3);
        assertThat(z.floats()).containsOnly(0f);

        NdArray ones = NdArray.ones(DType.FLOAT64, 4);
        assertThat(ones.doubles()).containsExactly(1, 1, 1, 1);
        assertThat(NdArray.full(DType.FLOAT32, Shape.of(2), 0.5).floats()).containsExactly(0.5f, 0.5f);
        assertThat(NdArray.scalar(DType.FLOAT64, 3.5).item()).isEqualTo(3.5);
        assertThat(NdArray.scalar(DType.FLOAT64, 3.5).shape()).isEqualTo(Shape.scalar());
        NdArray like = NdArray.zerosLike(ones);
        assertThat(like.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(like.shape()).isEqualTo(Shape.of(4));
        assertThat(like.sharesStorageWith(ones)).isFalse();
    }

    @Test
    void wrapsWithoutCopying() {
        float[] data = {1, 2, 3, 4, 5, 6};
        NdArray a = NdArray.of(data, 2, 3);
        data[4] = 50;
        assertThat(a.get(1, 1)).isEqualTo(50);
        assertThat(a.floats()).isSameAs(data);
        assertThat(NdArray.of(1f, 2f).shape()).isEqualTo(Shape.of(2));
        assertThat(NdArray.of(1.0, 2.0, 3.0).dtype()).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> NdArray.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("5 values do not fill shape (2, 3)");
        assertThatThrownBy(() -> NdArray.of((float[]) null, 2)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void storageOfTheWrongTypeIsAnError() {
        assertThatThrownBy(() -> NdArray.zeros(DType.FLOAT64, 2).floats())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("expected a float32 array, got float64 of shape (2)");
        assertThatThrownBy(() -> NdArray.zeros(DType.FLOAT32, 2, 2).doubles())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("expected a float64 array, got float32 of shape (2, 2)");
    }

    @Test
    void setRoundsToTheElementType() {
        NdArray f = NdArray.zeros(DType.FLOAT32, 1);
        f.set(0, 0.1);
        assertThat(f.get(0)).isEqualTo((double) 0.1f).isNotEqualTo(0.1);
        NdArray d = NdArray.zeros(DType.FLOAT64, 1);
        d.set(0, 0.1);
        assertThat(d.get(0)).isEqualTo(0.1);
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertThat(NdArray.of(new float[] {7}, 1, 1).item()).isEqualTo(7);
        assertThatThrownBy(() -> NdArray.zeros(DType.FLOAT32, 2, 3).item())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item(): a Tensor with 6 elements (shape (2, 3)) cannot be converted to a Scalar");
    }

    @Test
    void viewsShareStorage() {
        NdArray emb = NdArray.zeros(DType.FLOAT32, 32, 3, 10);
        NdArray flat = emb.view(32, -1);
        assertThat(flat.shape()).isEqualTo(Shape.of(32, 30));
        assertThat(flat.sharesStorageWith(emb)).isTrue();
        flat.set(31, 2.5);
        assertThat(emb.get(31)).isEqualTo(2.5);
        assertThat(emb.view(Shape.of(960)).sharesStorageWith(flat)).isTrue();
        assertThatThrownBy(() -> emb.view(Shape.of(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: shape (4) is invalid for input of size 960 (shape (32, 3, 10))");
        NdArray d = NdArray.zeros(DType.FLOAT64, 2, 2);
        assertThat(d.view(4).sharesStorageWith(d)).isTrue();
        assertThat(d.sharesStorageWith(emb)).isFalse();
    }

    @Test
    void copyAndToAreIndependent() {
        NdArray a = NdArray.of(new float[] {1.5f, 2.25f}, 2);
        NdArray c = a.copy();
        assertThat(c.sharesStorageWith(a)).isFalse();
        c.set(0, 9);
        assertThat(a.get(0)).isEqualTo(1.5);

        NdArray same = a.to(DType.FLOAT32);
        assertThat(same.sharesStorageWith(a)).isFalse();
        assertThat(same.floats()).containsExactly(1.5f, 2.25f);
        NdArray wide = a.to(DType.FLOAT64);
        assertThat(wide.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(wide.doubles()).containsExactly(1.5, 2.25);
        NdArray narrow = NdArray.of(new double[] {0.1, 1e40}, 2).to(DType.FLOAT32);
        assertThat(narrow.floats()).containsExactly(0.1f, Float.POSITIVE_INFINITY);
        NdArray d = NdArray.of(new double[] {3, 4}, 2);
        assertThat(d.copy().doubles()).containsExactly(3, 4);
        assertThat(d.to(DType.FLOAT64).sharesStorageWith(d)).isFalse();
    }

    @Test
    void conversionsToPlainArrays() {
        NdArray f = NdArray.of(new float[] {0.1f, 2}, 2);
        assertThat(f.toDoubleArray()).containsExactly(0.1f, 2);
        assertThat(f.toFloatArray()).containsExactly(0.1f, 2f).isNotSameAs(f.floats());
        NdArray d = NdArray.of(new double[] {0.1, 2}, 2);
        assertThat(d.toDoubleArray()).containsExactly(0.1, 2).isNotSameAs(d.doubles());
        assertThat(d.toFloatArray()).containsExactly(0.1f, 2f);
    }

    @Test
    void fillAndCopyFrom() {
        NdArray a = NdArray.zeros(DType.FLOAT32, 3);
        a.fill(2);
        assertThat(a.floats()).containsExactly(2, 2, 2);
        NdArray d = NdArray.zeros(DType.FLOAT64, 3);
        d.fill(-1);
        assertThat(d.doubles()).containsExactly(-1, -1, -1);
        NdArray b = NdArray.of(new float[] {1, 2, 3}, 1, 3);
        a.copyFrom(b);
        assertThat(a.floats()).containsExactly(1, 2, 3);
        d.copyFrom(NdArray.of(4.0, 5.0, 6.0));
        assertThat(d.doubles()).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> a.copyFrom(d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copyFrom: cannot copy float64(3) into float32(3)");
        assertThatThrownBy(() -> a.copyFrom(NdArray.zeros(DType.FLOAT32, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copyFrom: cannot copy float32(4) into float32(3)");
    }

    @Test
    void printsLikePyTorch() {
        assertThat(NdArray.of(1f, 2f)).hasToString("tensor([1.0, 2.0], shape=(2), dtype=float32)");
        assertThat(NdArray.scalar(DType.FLOAT64, 0.5)).hasToString("tensor([0.5], shape=(), dtype=float64)");
        assertThat(NdArray.zeros(DType.FLOAT32, 32, 200)).hasToString("NdArray(float32, shape=(32, 200))");
    }

    @Test
    void dtypeNamesArePyTorchs() {
        assertThat(DType.FLOAT32.torchName()).isEqualTo("float32");
        assertThat(DType.FLOAT64.torchName()).isEqualTo("float64");
    }
}
