package dev.makemore.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntArrayTest {

    @Test
    void wrapsIndices() {
        int[] data = {5, 0, 26, 1, 2, 3};
        IntArray x = IntArray.of(data, 2, 3);
        assertThat(x.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(x.size()).isEqualTo(6);
        assertThat(x.get(2)).isEqualTo(26);
        assertThat(x.data()).isSameAs(data);
        assertThat(IntArray.of(new int[] {1, 2}).shape()).isEqualTo(Shape.of(2));
    }

    @Test
    void dataMustFillTheShape() {
        assertThatThrownBy(() -> IntArray.of(new int[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IntArray: 5 values do not fill shape (2, 3)");
    }

    @Test
    void viewSharesData() {
        IntArray x = IntArray.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        IntArray flat = x.view(-1);
        assertThat(flat.shape()).isEqualTo(Shape.of(6));
        assertThat(flat.data()).isSameAs(x.data());
        assertThatThrownBy(() -> x.view(4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsByShapeAndValues() {
        IntArray a = IntArray.of(new int[] {1, 2, 3, 4}, 2, 2);
        assertThat(a).isEqualTo(IntArray.of(new int[] {1, 2, 3, 4}, 2, 2));
        assertThat(a).hasSameHashCodeAs(IntArray.of(new int[] {1, 2, 3, 4}, 2, 2));
        assertThat(a).isNotEqualTo(IntArray.of(new int[] {1, 2, 3, 4}, 4));
        assertThat(a).isNotEqualTo(IntArray.of(new int[] {1, 2, 3, 5}, 2, 2));
        assertThat(a).isNotEqualTo("IntArray");
    }

    @Test
    void printsSmallArraysInFull() {
        assertThat(IntArray.of(new int[] {1, 2, 3})).hasToString("IntArray(3)[1, 2, 3]");
        assertThat(IntArray.of(new int[32], 32)).hasToString("IntArray(32)");
    }
}
