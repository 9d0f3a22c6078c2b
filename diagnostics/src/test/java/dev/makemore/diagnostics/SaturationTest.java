package dev.makemore.diagnostics;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaturationTest {

    // 3 examples x 4 units; unit 1 saturated on every example (dead), unit 3 on one.
    private static final float[] H = {
            0.1f, 0.995f, -0.2f, 0.3f,
            -0.5f, -1.0f, 0.99f, -0.999f,
            0.0f, 0.9999f, 0.98f, 0.4f};

    @Test
    void mapIsWhiteWhereAbsAbove099() {
        var map = SaturationMap.of(NdArray.of(H, 3, 4));
        assertThat(map.rows()).isEqualTo(3);
        assertThat(map.cols()).isEqualTo(4);
        assertThat(map.threshold()).isEqualTo(0.99);
        assertThat(map.isSaturated(0, 1)).isTrue();
        assertThat(map.isSaturated(1, 1)).isTrue();
        assertThat(map.isSaturated(1, 2)).isFalse(); // 0.99f is not above 0.99f
        assertThat(map.isSaturated(1, 3)).isTrue();
        assertThat(map.isSaturated(2, 2)).isFalse();
        assertThat(map.saturatedCount()).isEqualTo(4);
        assertThat(map.fraction()).isEqualTo(4 / 12.0);
        assertThat(map.isDead(1)).isTrue();
        assertThat(map.isDead(3)).isFalse();
        assertThat(map.deadUnits()).containsExactly(1);
    }

    @Test
    void customThresholdAndHigherRankInputs() {
        var map = SaturationMap.of(NdArray.of(H, 3, 2, 2), 0.5);
        assertThat(map.cols()).isEqualTo(4);
        assertThat(map.deadUnits()).containsExactly(1);
        assertThat(map.saturatedCount()).isEqualTo(6);
    }

    @Test
    void badShapesAndIndicesAreRejected() {
        assertThatThrownBy(() -> SaturationMap.of(NdArray.of(1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(batch, units)");
        var map = SaturationMap.of(NdArray.of(H, 3, 4));
        assertThatThrownBy(() -> map.isSaturated(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> map.isDead(4)).isInstanceOf(IndexOutOfBoundsException.class);
        var empty = SaturationMap.of(NdArray.zeros(DType.FLOAT32, 0, 4));
        assertThat(empty.fraction()).isZero();
        assertThat(empty.deadUnits()).isEmpty();
    }

    @Test
    void aMapBuiltFromItsBitsIsTheMapOfTheArrayAndOwnsItsBits() {
        var map = SaturationMap.of(NdArray.of(H, 3, 4));
        var bits = map.saturated();
        var rebuilt = new SaturationMap(3, 4, SaturationMap.LECTURE_THRESHOLD, bits);
        assertThat(rebuilt).isEqualTo(map);
        bits.clear();
        rebuilt.saturated().clear();
        assertThat(rebuilt.saturatedCount()).isEqualTo(map.saturatedCount()).isPositive();
        var outside = new BitSet();
        outside.set(12);
        assertThatThrownBy(() -> new SaturationMap(3, 4, 0.99, outside))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bit 12 is outside the 3 x 4 image");
        assertThatThrownBy(() -> new SaturationMap(-1, 4, 0.99, new BitSet()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative size");
    }

    @Test
    void deadUnitsOverManyBatchesNeedSaturationOnEveryExample() {
        var dead = new DeadUnits();
        assertThat(dead.dead()).isEmpty();
        dead.accept(NdArray.of(H, 3, 4));
        assertThat(dead.dead()).containsExactly(1);
        assertThat(dead.examples()).isEqualTo(3);
        // A second batch where unit 1 is fine on one example: it is alive after all; unit 0 saturated throughout.
        dead.accept(NdArray.of(new float[]{-1f, 0.995f, 0f, 0f, 1f, 0.2f, 0f, 0f}, 2, 4));
        assertThat(dead.dead()).isEmpty();
        assertThat(dead.examples()).isEqualTo(5);

        var all = new DeadUnits(0.5);
        all.accept(NdArray.of(new double[]{0.9, 0.1, -0.9, 0.1}, 2, 2));
        all.accept(NdArray.of(new double[]{0.6, 0.7}, 1, 2));
        assertThat(all.dead()).containsExactly(0);
    }

    @Test
    void deadUnitsRejectChangingWidths() {
        var dead = new DeadUnits();
        dead.accept(NdArray.of(H, 3, 4));
        assertThatThrownBy(() -> dead.accept(NdArray.of(new float[6], 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 units");
        assertThatThrownBy(() -> dead.accept(NdArray.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        var none = new DeadUnits();
        none.accept(NdArray.zeros(DType.FLOAT32, 0, 4));
        assertThat(none.dead()).isEmpty();
    }
}
