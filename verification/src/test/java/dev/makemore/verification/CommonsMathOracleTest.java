package dev.makemore.verification;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.InlineBatchNorm;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Values (not gradients) against Apache Commons Math, the trusted implementation: the statistics
 * BatchNorm and the diagnostics compute ({@code mean}, {@code var}, {@code std} over each dimension,
 * biased and unbiased), BatchNorm's forward pass and running statistics in both layers, the matrix
 * product, and cross-entropy and softmax against a double-precision reference built on Commons
 * Math's {@code FastMath}. Shapes are the lecture's: a minibatch of 32 hidden pre-activations of 200
 * units, 32 rows of 27 logits.
 *
 * <p>Tolerances: in float64 everything agrees to 1e-12 relative (different summation orders only).
 * In float32, to 1e-5 relative (about 100 float ulps: a sum of 200 float products each rounded once).
 */
class CommonsMathOracleTest {
    private static final int N = 32;
    private static final int D = 200;

    private static double tolerance(DType t) {
        return t == DType.FLOAT64 ? 1e-12 : 1e-5;
    }

    /** (32, 200) pre-activations with per-unit offsets and spreads, in double, and the columns as arrays. */
    private static double[][] columns(NdArray x) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[][] c = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                c[j][i] = x.get(i * d + j);
            }
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void meanVarianceAndStdOverEachDimension(DType dtype) {
        NdArray x = Values.batch(11, N, D).to(dtype);
        double tol = tolerance(dtype);
        Tensor t = Tensor.of(x);
        double[][] cols = columns(x);
        double[][] rows = transpose(cols);
        for (boolean unbiased : new boolean[]{true, false}) {
            for (boolean keep : new boolean[]{true, false}) {
                NdArray mean0 = t.mean(0, keep).data();
                NdArray var0 = t.var(0, keep, unbiased).data();
                NdArray std0 = t.std(0, keep, unbiased).data();
                for (int j = 0; j < D; j++) {
                    double m = new Mean().evaluate(cols[j]);
                    double v = new Variance(unbiased).evaluate(cols[j]);
                    double s = new StandardDeviation(unbiased).evaluate(cols[j]);
                    assertThat(mean0.get(j)).isCloseTo(m, within(tol * (1 + Math.abs(m))));
                    assertThat(var0.get(j)).isCloseTo(v, within(tol * v));
                    assertThat(std0.get(j)).isCloseTo(s, within(tol * s));
                }
                NdArray mean1 = t.mean(1, keep).data();
                NdArray var1 = t.var(1, keep, unbiased).data();
                for (int i = 0; i < N; i++) {
                    double m = new Mean().evaluate(rows[i]);
                    double v = new Variance(unbiased).evaluate(rows[i]);
                    assertThat(mean1.get(i)).isCloseTo(m, within(tol * (1 + Math.abs(m))));
                    assertThat(var1.get(i)).isCloseTo(v, within(tol * v));
                }
            }
            double[] all = x.toDoubleArray();
            assertThat(t.var(unbiased).item()).isCloseTo(new Variance(unbiased).evaluate(all),
                    within(tol * new Variance(unbiased).evaluate(all)));
            assertThat(t.std(unbiased).item()).isCloseTo(new StandardDeviation(unbiased).evaluate(all),
                    within(tol * new StandardDeviation(unbiased).evaluate(all)));
        }
        double[] all = x.toDoubleArray();
        assertThat(t.mean().item()).isCloseTo(new Mean().evaluate(all), within(tol));
        assertThat(t.sum().item()).isCloseTo(new Mean().evaluate(all) * all.length, within(tol * all.length));
    }

    @ParameterizedTest
    @EnumSource(BatchNorm1d.Variance.class)
    void batchNorm1dInTrainingModeNormalisesWithCommonsMathsStatistics(BatchNorm1d.Variance convention) {
        for (DType dtype : DType.values()) {
            NdArray x = Values.batch(12, N, D).to(dtype);
            var bn = new BatchNorm1d(D, 1e-5, 0.1, true, true, convention, dtype);
            NdArray gamma = Values.signed(13, D).to(dtype);
            NdArray beta = Values.signed(14, D).to(dtype);
            bn.gamma().data().copyFrom(gamma);
            bn.beta().data().copyFrom(beta);
            NdArray out = bn.call(Tensor.of(x)).data();
            double[][] cols = columns(x);
            double tol = tolerance(dtype);
            for (int j = 0; j < D; j++) {
                double m = new Mean().evaluate(cols[j]);
                double normVar = new Variance(convention.unbiasedNormalization()).evaluate(cols[j]);
                double unbiasedVar = new Variance(true).evaluate(cols[j]);
                double sd = Math.sqrt(normVar + 1e-5);
                for (int i = 0; i < N; i++) {
                    double expected = gamma.get(j) * (cols[j][i] - m) / sd + beta.get(j);
                    assertThat(out.get(i * D + j)).as("%s %s (%d, %d)", convention, dtype, i, j)
                            .isCloseTo(expected, within(tol * (1 + Math.abs(expected))));
                }
                // running = 0.9 * running + 0.1 * batch, from 0 and 1; running_var is fed the unbiased variance in both conventions.
                assertThat(bn.runningMean().data().get(j)).isCloseTo(0.1 * m, within(tol * (1 + Math.abs(m))));
                assertThat(bn.runningVar().data().get(j)).isCloseTo(0.9 + 0.1 * unbiasedVar, within(tol * (1 + unbiasedVar)));
            }
            // Eval mode: the running statistics, not the batch's.
            bn.eval();
            NdArray evalOut = bn.call(Tensor.of(x)).data();
            for (int j = 0; j < D; j += 17) {
                double rm = bn.runningMean().data().get(j);
                double rv = bn.runningVar().data().get(j);
                double expected = gamma.get(j) * (cols[j][3] - rm) / Math.sqrt(rv + 1e-5) + beta.get(j);
                assertThat(evalOut.get(3 * D + j)).isCloseTo(expected, within(tol * (1 + Math.abs(expected))));
            }
        }
    }

    @Test
    void inlineBatchNormUsesTheUnbiasedStdWithoutEps() {
        for (DType dtype : DType.values()) {
            NdArray h = Values.batch(15, N, D).to(dtype);
            var bn = new InlineBatchNorm(D, 0.001, dtype);
            NdArray out = bn.call(Tensor.of(h)).data();
            double[][] cols = columns(h);
            double tol = tolerance(dtype);
            for (int j = 0; j < D; j++) {
                double m = new Mean().evaluate(cols[j]);
                double s = new StandardDeviation(true).evaluate(cols[j]);
                for (int i = 0; i < N; i += 5) {
                    double expected = (cols[j][i] - m) / s;
                    assertThat(out.get(i * D + j)).isCloseTo(expected, within(tol * (1 + Math.abs(expected))));
                }
                assertThat(bn.bnmeanRunning().data().get(j)).isCloseTo(0.001 * m, within(tol * (1 + Math.abs(m))));
                assertThat(bn.bnstdRunning().data().get(j)).isCloseTo(0.999 + 0.001 * s, within(tol * (1 + s)));
            }
            // The lecture's calibration: mean and std over a whole split.
            NdArray big = Values.batch(16, 500, D).to(dtype);
            var stats = bn.calibrate(Tensor.of(big));
            double[][] bc = columns(big);
            for (int j = 0; j < D; j++) {
                assertThat(stats.mean().get(j)).isCloseTo(new Mean().evaluate(bc[j]), within(tol * (1 + Math.abs(new Mean().evaluate(bc[j])))));
                assertThat(stats.std().get(j)).isCloseTo(new StandardDeviation(true).evaluate(bc[j]),
                        within(tol * new StandardDeviation(true).evaluate(bc[j])));
            }
        }
    }

    @Test
    void matmulAndItsGradientsAgainstCommonsMathMatrices() {
        var x = Tensor.parameter(Values.signed(17, N, 30));
        var w = Tensor.parameter(Values.signed(18, 30, D));
        var out = x.matmul(w);
        NdArray g = Values.signed(19, N, D);
        out.backward(g.copy());
        RealMatrix xm = matrix(x.data());
        RealMatrix wm = matrix(w.data());
        RealMatrix gm = matrix(g);
        assertMatrix(out.data(), xm.multiply(wm), 1e-12);
        assertMatrix(x.grad(), gm.multiply(wm.transpose()), 1e-12);    // dL/dx = g W^T
        assertMatrix(w.grad(), xm.transpose().multiply(gm), 1e-12);    // dL/dW = x^T g
        // float32 against the same double reference.
        var out32 = Tensor.of(x.data().to(DType.FLOAT32)).matmul(Tensor.of(w.data().to(DType.FLOAT32)));
        assertMatrix(out32.data(), xm.multiply(wm), 1e-5);
    }

    @Test
    void crossEntropyAndSoftmaxAgainstADoubleReference() {
        var rnd = new Random(20);
        int classes = 27;
        // Logits of the original stage's size (its loss is 27.9: logits in the tens) and of the fixed ones.
        for (double scale : new double[]{12, 0.05}) {
            double[] logits = new double[N * classes];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = scale * rnd.nextGaussian();
            }
            int[] y = new int[N];
            for (int i = 0; i < N; i++) {
                y[i] = rnd.nextInt(classes);
            }
            double[] nll = new double[N];
            double[][] p = new double[N][classes];
            for (int i = 0; i < N; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits[i * classes + c]);
                }
                double s = 0;
                for (int c = 0; c < classes; c++) {
                    s += FastMath.exp(logits[i * classes + c] - max);
                }
                double lse = max + FastMath.log(s);
                nll[i] = lse - logits[i * classes + y[i]];
                for (int c = 0; c < classes; c++) {
                    p[i][c] = FastMath.exp(logits[i * classes + c] - lse);
                }
            }
            double expected = new Mean().evaluate(nll);
            NdArray l64 = NdArray.of(logits.clone(), N, classes);
            assertThat(F.crossEntropy(Tensor.of(l64), IntArray.of(y)).item()).isCloseTo(expected, within(1e-12 * expected));
            assertThat(F.crossEntropy(Tensor.of(l64.to(DType.FLOAT32)), IntArray.of(y)).item())
                    .isCloseTo(expected, within(1e-5 * expected + 1e-6));
            NdArray sm = F.softmax(Tensor.of(l64), 1).data();
            NdArray lsm = F.logSoftmax(Tensor.of(l64), 1).data();
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < classes; c++) {
                    assertThat(sm.get(i * classes + c)).isCloseTo(p[i][c], within(1e-12 * p[i][c] + 1e-300));
                    assertThat(lsm.get(i * classes + c)).isCloseTo(FastMath.log(p[i][c]), within(1e-12 * (1 + Math.abs(FastMath.log(p[i][c])))));
                }
            }
        }
        // Uniform logits: the loss is ln(27) = 3.2958, the lecture's expected initial loss.
        NdArray zeros = NdArray.zeros(DType.FLOAT64, N, classes);
        assertThat(F.crossEntropy(Tensor.of(zeros), IntArray.of(new int[N])).item()).isCloseTo(FastMath.log(27), within(1e-12));
    }

    private static RealMatrix matrix(NdArray a) {
        double[][] d = new double[a.dim(0)][a.dim(1)];
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] = a.get(i * d[i].length + j);
            }
        }
        return new Array2DRowRealMatrix(d, false);
    }

    private static void assertMatrix(NdArray actual, RealMatrix expected, double rel) {
        assertThat(actual.dim(0)).isEqualTo(expected.getRowDimension());
        assertThat(actual.dim(1)).isEqualTo(expected.getColumnDimension());
        double scale = expected.getNorm() / Math.sqrt(expected.getRowDimension());   // a typical row's size
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                assertThat(actual.get(i * actual.dim(1) + j)).as("(%d, %d)", i, j)
                        .isCloseTo(expected.getEntry(i, j), within(rel * scale));
            }
        }
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
