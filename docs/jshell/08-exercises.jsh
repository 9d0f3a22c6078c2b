// Chapter 8, the lecture's two exercises: E01, every parameter zero; E02, folding BatchNorm away.
// Run from the project root:  docs/jshell/run.sh 08
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.nn.*;
import dev.makemore.training.*;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }
double norm(dev.makemore.core.NdArray a) {
    double s = 0;
    if (a != null) for (int i = 0; i < a.size(); i++) s += a.get(i) * a.get(i);
    return Math.sqrt(s);
}
IntArray rows(IntArray arr, int[] ix) {
    int wd = arr.shape().rank() == 2 ? arr.shape().dim(1) : 1;
    int[] out = new int[ix.length * wd];
    for (int i = 0; i < ix.length; i++) System.arraycopy(arr.data(), ix[i] * wd, out, i * wd, wd);
    return wd == 1 ? IntArray.of(out) : IntArray.of(out, ix.length, wd);
}
Splits data = Splits.lecture(Names.read(DataSource.system().locate(null)), 3);

// ---- E01: the first network with every parameter zero (W1, b1, W2, b2 drawn times 0, then C zeroed)
Stage zero = new Stage("all-zero", "all-zero", new OneHiddenLayer(10, 200, 0, true, 0, 0, 0, false), 3, 100_000,
        new LectureFigures(0, Double.NaN, Double.NaN, Double.NaN));
Generator g = new Generator(2147483647L);
Network net = Network.build(zero, 27, g);
try (var off = Grad.disabled()) { net.embedding().weight().data().fill(0); }
var named = net.namedParameters();
float lossAtStep = 0;
for (int step = 0; step < 1001; step++) {
    int[] ix = g.randint(0, data.train().size(), 32);
    Tensor loss = F.crossEntropy(net.call(rows(data.train().x(), ix)), rows(data.train().y(), ix));
    for (Tensor p : named.values()) if (p.grad() != null) p.grad().fill(0);
    loss.backward();
    if (step == 0 || step == 1000) {
        var line = new StringBuilder("step " + step + ":");
        named.forEach((name, p) -> line.append(String.format(Locale.ROOT, "  %s %.1e", name, norm(p.grad()))));
        System.out.println(line);
    }
    for (Tensor p : named.values()) p.sgdStep(step < 100_000 ? 0.1 : 0.01);
    lossAtStep = (float) loss.item();
}
//> step 0:  C.weight 0.0e+00  layers.0.weight 0.0e+00  layers.0.bias 0.0e+00  layers.2.weight 0.0e+00  layers.2.bias 2.9e-01
//> step 1000:  C.weight 0.0e+00  layers.0.weight 0.0e+00  layers.0.bias 0.0e+00  layers.2.weight 0.0e+00  layers.2.bias 1.8e-01
try (var evaluator = new Evaluator()) { show("all-zero network, val loss after 1001 steps: %.4f", evaluator.loss(net, data.val())); }
//> all-zero network, val loss after 1001 steps: 2.8320

// ---- E02: the six-layer BatchNorm network after the lecture's 1001 steps, every BatchNorm folded away
Network deep = new Trainer(data).train(Stage.byName("deep-batchnorm"), new TrainOptions(1001, 32, 2147483647L, false, 0), null)
        .network();
Network folded = new Network(deep.embedding(), BatchNormFolding.fold(new Sequential(deep.layers())));
show("modules after C: %d unfolded, %d folded; parameters %d and %d", deep.layers().size(), folded.layers().size(),
        deep.numParameters(), folded.numParameters());
//> modules after C: 17 unfolded, 11 folded; parameters 47024 and 46497
try (var evaluator = new Evaluator()) {
    show("val loss: unfolded %.4f, folded %.4f", evaluator.loss(deep, data.val()), evaluator.loss(folded, data.val()));
}
//> val loss: unfolded 2.3982, folded 2.3982
System.out.println(folded);
