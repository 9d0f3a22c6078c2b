// Chapter 3, Kaiming initialisation: how a matrix multiply stretches a Gaussian, and the gains.
// Run from the project root:  docs/jshell/run.sh 03
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.SaturationMap;
import dev.makemore.diagnostics.TensorStats;
import dev.makemore.nn.FanMode;
import dev.makemore.nn.Init;
import dev.makemore.nn.Nonlinearity;
import dev.makemore.training.*;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }
double std(Tensor t) { return TensorStats.of(t.data()).std(); }
double mean(Tensor t) { return TensorStats.of(t.data()).mean(); }

// x = torch.randn(1000, 10); w = torch.randn(10, 200); y = x @ w
Generator g = new Generator(2147483647L);
Tensor x = Tensor.randn(g, 1000, 10);
Tensor w = Tensor.randn(g, 10, 200);
Tensor y = x.matmul(w);
show("x: std %.2f   y: std %.2f   (means %.2f and %.2f)", std(x), std(y), mean(x), mean(y));
//> x: std 1.01   y: std 3.16
show("w * 5: std %.2f   w * 0.2: std %.2f   w / sqrt(10): std %.2f",
        std(x.matmul(w.mul(5))), std(x.matmul(w.mul(0.2))), std(x.matmul(w.div(Math.sqrt(10)))));
//> w * 5: std 15.80   w * 0.2: std 0.63   w / sqrt(10): std 1.00

// Forwards and backwards through one linear map (LECTURE_NUMBERS.md, generator 2147483647):
// a = randn(1000, 1); b = randn(1000, 1000); c = b @ a; loss = randn(1000) @ c
Generator g2 = new Generator(2147483647L);
Tensor a = Tensor.randn(g2, 1000, 1).setRequiresGrad(true);
Tensor b = Tensor.randn(g2, 1000, 1000).setRequiresGrad(true);
Tensor c = b.matmul(a);
c.retainGrad();
Tensor loss = Tensor.randn(g2, 1, 1000).matmul(c).sum();
loss.backward();
show("a std %.4f, b std %.4f, c std %.4f", std(a), std(b), std(c));
//> a std 0.9876, b std 1.0007, c std 31.0124
show("c.grad std %.4f, a.grad std %.4f, b.grad std %.4f", TensorStats.of(c.grad()).std(),
        TensorStats.of(a.grad()).std(), TensorStats.of(b.grad()).std());
//> c.grad std 0.9783, a.grad std 30.8818, b.grad std 0.9667

// torch.nn.init.calculate_gain
for (Nonlinearity n : List.of(Nonlinearity.LINEAR, Nonlinearity.SIGMOID, Nonlinearity.TANH, Nonlinearity.RELU)) {
    show("gain(%s) = %.4f", n, Init.calculateGain(n));
}
//> gain(TANH) = 1.6667
//> gain(RELU) = 1.4142

// W1 for tanh: std = gain / sqrt(fan_in), fan_in = n_embd * block_size = 30
show("(5/3) / sqrt(30) = %.4f", Init.calculateGain(Nonlinearity.TANH) / Math.sqrt(30));
//> (5/3) / sqrt(30) = 0.3043

// Init.kaimingNormal reads fan_in from dim 0 of the lecture's (fan_in, fan_out) layout: 30 here, std 0.3043.
// torch.nn.init.kaiming_normal_ reads it from dim 1 of nn.Linear's (fan_out, fan_in) layout: on a (30, 200)
// W1 it would take fan_in = 200 (std 0.1179). So this is torch's kaiming_normal_(W1.T, nonlinearity='tanh').
NdArray w1 = NdArray.zeros(DType.FLOAT32, 30, 200);
Init.kaimingNormal(w1, Nonlinearity.TANH, FanMode.FAN_IN, new Generator(2147483647L));
show("kaiming_normal_ W1: std %.4f", TensorStats.of(w1).std());

// The kaiming stage at step 0, beside fix-tanh (W1 * 0.2 by hand)
IntArray rows(IntArray arr, int[] ix) {
    int wd = arr.shape().rank() == 2 ? arr.shape().dim(1) : 1;
    int[] out = new int[ix.length * wd];
    for (int i = 0; i < ix.length; i++) System.arraycopy(arr.data(), ix[i] * wd, out, i * wd, wd);
    return wd == 1 ? IntArray.of(out) : IntArray.of(out, ix.length, wd);
}
Splits data = Splits.lecture(Names.read(DataSource.system().locate(null)), 3);
for (String name : List.of("fix-tanh", "kaiming")) {
    Generator gs = new Generator(2147483647L);
    Network model = Network.build(Stage.byName(name), 27, gs);
    int[] ix = gs.randint(0, data.train().size(), 32);
    double l = F.crossEntropy(model.call(rows(data.train().x(), ix)), rows(data.train().y(), ix)).item();
    NdArray hpreact = model.layers().get(0).out().data();
    NdArray h = model.layers().get(1).out().data();
    show("%-8s loss %.4f, hpreact std %.2f, saturated %.2f%%", name, l, TensorStats.of(hpreact).std(),
            100 * SaturationMap.of(h).fraction());
}
//> fix-tanh loss 3.3135, hpreact std 1.00, saturated 0.98%
//> kaiming  loss 3.3179, hpreact std 1.52, saturated 8.14%
