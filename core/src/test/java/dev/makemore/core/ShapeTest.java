package dev.makemore.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void describesItself() {
        Shape s = Shape.of(32, 3, 10);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(960);
        assertThat(s.dim(0)).isEqualTo(32);
        assertThat(s.dim(-1)).isEqualTo(10);
        assertThat(s.dim(-3)).isEqualTo(32);
        assertThat(s.dims()).containsExactly(32, 3, 10);
        assertThat(s).hasToString("(32, 3, 10)");
        assertThat(Shape.of(200)).hasToString("(200)");
    }

    @Test
    void scalarShapeHasOneElementAndNoDimensions() {
        assertThat(Shape.scalar().rank()).isZero();
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.scalar()).hasToString("()");
        assertThat(Shape.of()).isSameAs(Shape.scalar());
    }

    @Test
    void aRowOfNIsTheVectorOrTheOneRowMatrix() {
        assertThat(Shape.of(200).isRowOf(200)).isTrue();
        assertThat(Shape.of(1, 200).isRowOf(200)).isTrue();
        assertThat(Shape.of(1, 1).isRowOf(1)).isTrue();
        assertThat(Shape.of(199).isRowOf(200)).isFalse();
        assertThat(Shape.of(2, 100).isRowOf(200)).isFalse();
        assertThat(Shape.of(200, 1).isRowOf(200)).isFalse();
        assertThat(Shape.of(1, 1, 200).isRowOf(200)).isFalse();
        assertThat(Shape.scalar().isRowOf(1)).isFalse();
    }

    @Test
    void isImmutable() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 99;
        s.dims()[1] = 99;
        assertThat(s.dims()).containsExactly(2, 3);
    }

    @Test
    void rejectsNegativeAndOversizedDimensions() {
        assertThatThrownBy(() -> Shape.of(3, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative dimension -1 in shape [3, -1]");
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [65536, 65536] has more than 2^31-1 elements");
        assertThat(Shape.of(0, 5).size()).isZero();
    }

    @Test
    void normalizeDimCountsFromTheEndAndNamesTheRange() {
        Shape s = Shape.of(3, 4);
        assertThat(s.normalizeDim(-1)).isEqualTo(1);
        assertThat(s.normalizeDim(-2)).isEqualTo(0);
        assertThat(s.normalizeDim(1)).isEqualTo(1);
        assertThatThrownBy(() -> s.normalizeDim(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension 2 out of range for shape (3, 4) (expected to be in range of [-2, 1])");
        assertThatThrownBy(() -> s.dim(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension -3 out of range for shape (3, 4) (expected to be in range of [-2, 1])");
    }

    @Test
    void outerAndInnerSplitTheShapeAroundADimension() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.outer(1)).isEqualTo(2);
        assertThat(s.inner(1)).isEqualTo(4);
        assertThat(s.outer(0)).isEqualTo(1);
        assertThat(s.inner(0)).isEqualTo(12);
        assertThat(s.outer(-1)).isEqualTo(6);
        assertThat(s.inner(-1)).isEqualTo(1);
    }

    @Test
    void reduceKeepsOrDropsTheDimension() {
        Shape s = Shape.of(32, 200);
        assertThat(s.reduce(0, true)).isEqualTo(Shape.of(1, 200));
        assertThat(s.reduce(0, false)).isEqualTo(Shape.of(200));
        assertThat(s.reduce(-1, true)).isEqualTo(Shape.of(32, 1));
        assertThat(s.reduce(1, false)).isEqualTo(Shape.of(32));
        assertThat(Shape.of(5).reduce(0, false)).isEqualTo(Shape.scalar());
        assertThatThrownBy(() -> s.reduce(2, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewInfersOneDimension() {
        Shape emb = Shape.of(32, 3, 10);
        assertThat(emb.view(32, -1)).isEqualTo(Shape.of(32, 30));
        assertThat(emb.view(-1, 30)).isEqualTo(Shape.of(32, 30));
        assertThat(emb.view(-1)).isEqualTo(Shape.of(960));
        assertThat(emb.view(960)).isEqualTo(Shape.of(960));
        assertThat(Shape.of(0, 5).view(-1, 5)).isEqualTo(Shape.of(0, 5));
        assertThat(Shape.of(1).view()).isEqualTo(Shape.scalar());
    }

    @Test
    void badViewsSayWhy() {
        Shape s = Shape.of(32, 3, 10);
        assertThatThrownBy(() -> s.view(-1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: only one dimension can be inferred, got [-1, -1]");
        assertThatThrownBy(() -> s.view(7, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: shape (7, -1) is invalid for input of size 960 (shape (32, 3, 10))");
        assertThatThrownBy(() -> s.view(10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: shape (10, 10) is invalid for input of size 960 (shape (32, 3, 10))");
        assertThatThrownBy(() -> s.view(-2, 480))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: invalid dimension -2 in [-2, 480]");
        assertThatThrownBy(() -> Shape.of(0, 5).view(0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("view: shape (0, -1) is invalid for input of size 0 (shape (0, 5))");
    }

    @Test
    void concatAndSuffix() {
        // the shape of C[X]: X.shape + C.shape[1:]
        assertThat(Shape.of(32, 3).concat(Shape.of(27, 10).suffix(1))).isEqualTo(Shape.of(32, 3, 10));
        assertThat(Shape.of(2, 3, 4).suffix(0)).isEqualTo(Shape.of(2, 3, 4));
        assertThat(Shape.of(2, 3, 4).suffix(3)).isEqualTo(Shape.scalar());
        assertThat(Shape.scalar().concat(Shape.of(5))).isEqualTo(Shape.of(5));
    }

    @Test
    void equalityIsByDimensions() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2));
        assertThat(Shape.of(6)).isNotEqualTo(Shape.of(6, 1));
        assertThat(Shape.of(2)).isNotEqualTo("(2)");
    }
}
