package dev.makemore.autograd;

import dev.makemore.core.ArrayMath;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.kernels.BinaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.makemore.autograd.GradCheck.arr;
import static dev.makemore.autograd.GradCheck.float32MatchesFloat64;
import static dev.makemore.autograd.GradCheck.gradcheck;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every op's backward against central finite differences in float64, and float32 against float64. */
class GradCheckTest {
    private static final double[] A23 = {0.3, -1.2, 0.7, 1.5, -0.4, 0.9};
    private static final double[] B23 = {1.1, 0.6, -0.8, 0.45, 1.3, -1.7};
    private static final double[] ROW3 = {0.5, -1.5, 2.0};
    private static final double[] COL2 = {1.4, -0.6};
    private static final double[] POS23 = {0.3, 1.2, 0.7, 1.5, 0.4, 2.9};
    private static final double[] X234 = {
            0.1, -0.3, 0.8, 1.2, -0.5, 0.4, 0.9, -1.1, 0.2, 0.6, -0.7, 1.3,
            -0.2, 0.5, -0.9, 0.35, 1.05, -0.15, 0.75, -0.45, 0.25, -1.25, 0.65, 0.05};

    @Test
    void theCheckerCatchesAWrongBackward() {
        // A "square" whose backward forgets the factor 2: the checker must reject it.
        assertThatThrownBy(() -> gradcheck(t -> {
            var x = t[0];
            var out = NdArray.zerosLike(x.data());
            ArrayMath.binary(BinaryOp.MUL, x.data(), x.data(), out);
            return Tensor.fromOp("bad_square", out, g -> x.accumulateProduct(BinaryOp.MUL, g, x.data(), 1.0), x);
        }, arr(A23, 2, 3))).isInstanceOf(AssertionError.class);
    }

    @Test
    void index() {
        var ix = IntArray.of(new int[]{0, 2, 2, 3, 0, 1}, 2, 3);   // repeated rows accumulate
        gradcheck(t -> t[0].index(ix), arr(new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, 4, 2));
        float32MatchesFloat64(t -> t[0].index(ix), 1e-6, arr(new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, 4, 2));
    }

    @Test
    void view() {
        gradcheck(t -> t[0].view(3, -1).mul(t[0].view(3, 2)), arr(A23, 2, 3));
        gradcheck(t -> t[0].reshape(-1).tanh(), arr(A23, 2, 3));
    }

    @Test
    void matmul() {
        var w = new double[]{0.2, -0.1, 0.4, 0.3, 0.5, -0.6, 0.7, 0.8, -0.9, 1.0, 0.05, -0.25};
        gradcheck(t -> t[0].matmul(t[1]), arr(A23, 2, 3), arr(w, 3, 4));
        float32MatchesFloat64(t -> t[0].matmul(t[1]), 1e-5, arr(A23, 2, 3), arr(w, 3, 4));
        // The same tensor on both sides: both contributions accumulate into one grad.
        gradcheck(t -> t[0].matmul(t[0]), arr(new double[]{0.3, -1.2, 0.7, 1.5}, 2, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "sub", "mul", "div"})
    void binarySameShape(String op) {
        gradcheck(t -> binary(op, t[0], t[1]), arr(A23, 2, 3), arr(B23, 2, 3));
        float32MatchesFloat64(t -> binary(op, t[0], t[1]), 1e-5, arr(A23, 2, 3), arr(B23, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "sub", "mul", "div"})
    void binaryRowOnEitherSide(String op) {
        gradcheck(t -> binary(op, t[0], t[1]), arr(A23, 2, 3), arr(ROW3, 1, 3));
        gradcheck(t -> binary(op, t[0], t[1]), arr(A23, 2, 3), arr(ROW3, 3));
        gradcheck(t -> binary(op, t[1], t[0]), arr(B23, 2, 3), arr(ROW3, 1, 3));
        gradcheck(t -> binary(op, t[1], t[0]), arr(B23, 2, 3), arr(ROW3, 3));
        float32MatchesFloat64(t -> binary(op, t[1], t[0]), 1e-5, arr(B23, 2, 3), arr(ROW3, 1, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "sub", "mul", "div"})
    void binaryColumnOnEitherSide(String op) {
        gradcheck(t -> binary(op, t[0], t[1]), arr(A23, 2, 3), arr(COL2, 2, 1));
        gradcheck(t -> binary(op, t[1], t[0]), arr(B23, 2, 3), arr(COL2, 2, 1));
        float32MatchesFloat64(t -> binary(op, t[1], t[0]), 1e-5, arr(B23, 2, 3), arr(COL2, 2, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "sub", "mul", "div"})
    void binaryScalarTensorOnEitherSide(String op) {
        gradcheck(t -> binary(op, t[0], t[1]), arr(A23, 2, 3), arr(new double[]{0.7}));
        gradcheck(t -> binary(op, t[0], t[1]), arr(B23, 2, 3), NdArray.of(new double[]{-1.3}));
        gradcheck(t -> binary(op, t[1], t[0]), arr(B23, 2, 3), NdArray.scalar(dev.makemore.core.DType.FLOAT64, 0.8));
        gradcheck(t -> binary(op, t[1], t[0]), arr(B23, 2, 3), arr(new double[]{0.8}, 1, 1));
    }

    @Test
    void binaryWithJavaDoubles() {
        gradcheck(t -> t[0].add(0.5), arr(A23, 2, 3));
        gradcheck(t -> t[0].sub(0.5), arr(A23, 2, 3));
        gradcheck(t -> t[0].rsub(0.5), arr(A23, 2, 3));
        gradcheck(t -> t[0].mul(-2.5), arr(A23, 2, 3));
        gradcheck(t -> t[0].div(3.0), arr(A23, 2, 3));
        gradcheck(t -> t[0].rdiv(3.0), arr(A23, 2, 3));
        gradcheck(t -> t[0].neg(), arr(A23, 2, 3));
        float32MatchesFloat64(t -> t[0].rdiv(3.0).add(1).sub(2).rsub(1).mul(2).div(7).neg(), 1e-5, arr(A23, 2, 3));
    }

    @Test
    void unaryFunctions() {
        gradcheck(t -> t[0].tanh(), arr(A23, 2, 3));
        gradcheck(t -> t[0].exp(), arr(A23, 2, 3));
        gradcheck(t -> t[0].log(), arr(POS23, 2, 3));
        gradcheck(t -> t[0].sqrt(), arr(POS23, 2, 3));
        gradcheck(t -> t[0].pow(2), arr(A23, 2, 3));
        gradcheck(t -> t[0].pow(-0.5), arr(POS23, 2, 3));
        gradcheck(t -> t[0].pow(3), arr(A23, 2, 3));
        gradcheck(t -> t[0].pow(0), arr(A23, 2, 3));
        float32MatchesFloat64(t -> t[0].tanh().exp().log().sqrt().pow(1.5), 1e-5, arr(POS23, 2, 3));
    }

    @Test
    void reductionsOverAll() {
        gradcheck(t -> t[0].sum(), arr(A23, 2, 3));
        gradcheck(t -> t[0].mean(), arr(A23, 2, 3));
        gradcheck(t -> t[0].var(), arr(A23, 2, 3));
        gradcheck(t -> t[0].var(false), arr(A23, 2, 3));
        gradcheck(t -> t[0].std(), arr(A23, 2, 3));
        gradcheck(t -> t[0].std(false), arr(A23, 2, 3));
        float32MatchesFloat64(t -> t[0].std().add(t[0].mean()).add(t[0].sum()), 1e-5, arr(A23, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1})
    void reductionsAlongADimension(int dim) {
        for (boolean keepdim : new boolean[]{true, false}) {
            gradcheck(t -> t[0].sum(dim, keepdim), arr(A23, 2, 3));
            gradcheck(t -> t[0].mean(dim, keepdim), arr(A23, 2, 3));
            gradcheck(t -> t[0].var(dim, keepdim), arr(A23, 2, 3));
            gradcheck(t -> t[0].var(dim, keepdim, false), arr(A23, 2, 3));
            gradcheck(t -> t[0].std(dim, keepdim), arr(A23, 2, 3));
            gradcheck(t -> t[0].std(dim, keepdim, false), arr(A23, 2, 3));
        }
        float32MatchesFloat64(t -> t[0].std(dim, true).add(t[0].mean(dim, true)), 1e-5, arr(A23, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void reductionsAlongEachDimensionOfARank3Tensor(int dim) {
        gradcheck(t -> t[0].sum(dim, false), arr(X234, 2, 3, 4));
        gradcheck(t -> t[0].mean(dim, true), arr(X234, 2, 3, 4));
        gradcheck(t -> t[0].var(dim, true, true), arr(X234, 2, 3, 4));
        gradcheck(t -> F.softmax(t[0], dim), arr(X234, 2, 3, 4));
        gradcheck(t -> F.logSoftmax(t[0], dim), arr(X234, 2, 3, 4));
        float32MatchesFloat64(t -> t[0].var(dim, false, false).add(t[0].sum(dim, false)), 1e-5, arr(X234, 2, 3, 4));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void softmaxAndLogSoftmax(int dim) {
        gradcheck(t -> t[0].softmax(dim), arr(A23, 2, 3));
        gradcheck(t -> t[0].logSoftmax(dim), arr(A23, 2, 3));
        float32MatchesFloat64(t -> t[0].softmax(dim).add(t[0].logSoftmax(dim)), 1e-5, arr(A23, 2, 3));
    }

    @Test
    void crossEntropy() {
        var y = IntArray.of(new int[]{2, 0});
        gradcheck(t -> F.crossEntropy(t[0], y), arr(A23, 2, 3));
        float32MatchesFloat64(t -> F.crossEntropy(t[0], y), 1e-6, arr(A23, 2, 3));
        // Used twice: the second backward accumulates into the existing grad.
        gradcheck(t -> F.crossEntropy(t[0], y).add(F.crossEntropy(t[0].mul(2), y)), arr(A23, 2, 3));
    }

    @Test
    void theLecturesBatchNormNetworkEndToEnd() {
        // emb = C[X]; h = tanh(bn(emb.view(N, -1) @ W1)); logits = h @ W2 + b2; loss = cross_entropy.
        var x = IntArray.of(new int[]{0, 1, 3, 2, 2, 0, 1, 1, 3, 3, 0, 2}, 4, 3);
        var y = IntArray.of(new int[]{1, 0, 2, 1});
        var c = arr(new double[]{0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8}, 4, 2);
        var w1 = new double[30];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = Math.sin(i * 1.3) * 0.7;
        }
        var w2 = new double[15];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = Math.cos(i * 0.7) * 0.5;
        }
        java.util.function.Function<Tensor[], Tensor> net = t -> {
            var hpre = t[0].index(x).view(4, -1).matmul(t[1]);
            var mean = hpre.mean(0, true);
            var std = hpre.var(0, true).add(1e-5).sqrt();
            var h = t[3].mul(hpre.sub(mean).div(std)).add(t[4]).tanh();
            return F.crossEntropy(h.matmul(t[2]).add(t[5]), y);
        };
        NdArray[] in = {c, arr(w1, 6, 5), arr(w2, 5, 3), arr(new double[]{1, 0.9, 1.1, 1.2, 0.8}, 1, 5),
                arr(new double[]{0, 0.1, -0.1, 0.2, 0}, 1, 5), arr(new double[]{0.01, -0.02, 0.03}, 3)};
        gradcheck(net, in);
        float32MatchesFloat64(net, 1e-4, in);
    }

    private static Tensor binary(String op, Tensor a, Tensor b) {
        return switch (op) {
            case "add" -> a.add(b);
            case "sub" -> a.sub(b);
            case "mul" -> a.mul(b);
            case "div" -> a.div(b);
            default -> throw new IllegalArgumentException(op);
        };
    }
}
