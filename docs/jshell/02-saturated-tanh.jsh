// Chapter 2, saturated tanh: look at the hidden layer at step 0, the gradient of tanh, dead units.
// Run from the project root:  docs/jshell/run.sh 02
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.DeadUnits;
import dev.makemore.diagnostics.Histogram;
import dev.makemore.diagnostics.SaturationMap;
import dev.makemore.diagnostics.TensorStats;
import dev.makemore.training.*;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }

IntArray rows(IntArray a, int[] ix) {
    int w = a.shape().rank() == 2 ? a.shape().dim(1) : 1;
    int[] out = new int[ix.length * w];
    for (int i = 0; i < ix.length; i++) System.arraycopy(a.data(), ix[i] * w, out, i * w, w);
    return w == 1 ? IntArray.of(out) : IntArray.of(out, ix.length, w);
}

Splits data = Splits.lecture(Names.read(DataSource.system().locate(null)), 3);

// The first minibatch through a stage's network (the lecture breaks out of its loop after step 0).
Network firstStep(String stage) {
    Generator g = new Generator(2147483647L);
    Network model = Network.build(Stage.byName(stage), 27, g);
    int[] ix = g.randint(0, data.train().size(), 32);
    Tensor loss = F.crossEntropy(model.call(rows(data.train().x(), ix)), rows(data.train().y(), ix));
    show("%s: loss at step 0 %.4f", stage, loss.item());
    return model;
}

Network model = firstStep("fix-softmax");
//> fix-softmax: loss at step 0 3.3221

// layers: [Linear (embcat @ W1 + b1), Tanh, Linear (h @ W2 + b2)]; each keeps its last output, layer.out
NdArray hpreact = model.layers().get(0).out().data();
NdArray h = model.layers().get(1).out().data();
TensorStats pre = TensorStats.of(hpreact);
show("hpreact: std %.2f, from %.1f to %.1f", pre.std(), pre.min(), pre.max());
//> hpreact: std 5.18, from -19.1 to 18.1

// plt.hist(h.view(-1).tolist(), 50), as text: most of h is -1 or +1
void bars(NdArray values) {
    Histogram hist = Histogram.of(values, 20, "h");
    long most = Arrays.stream(hist.counts()).max().getAsLong();
    for (int b = 0; b < hist.bins(); b++) {
        show("%6.2f %s", hist.edges()[b], "#".repeat((int) (60 * hist.counts()[b] / most)));
    }
}
bars(h);

// Backward through tanh multiplies by 1 - t^2: nothing passes where tanh is flat.
Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 5}, 5).setRequiresGrad(true);
Tensor t = x.tanh();
t.sum().backward();
for (int i = 0; i < 5; i++) {
    show("x = %.0f: tanh %.4f, gradient %.4f", x.data().get(i), t.data().get(i), x.grad().get(i));
}
//> x = 1: tanh 0.7616, gradient 0.4200
//> x = 3: tanh 0.9951, gradient 0.0099

// plt.imshow(h.abs() > 0.99, cmap='gray'): the first 8 examples and 64 units, '#' where saturated
void picture(SaturationMap map) {
    for (int r = 0; r < 8; r++) {
        var line = new StringBuilder();
        for (int c = 0; c < 64; c++) line.append(map.isSaturated(r, c) ? '#' : '.');
        System.out.println(line);
    }
}
SaturationMap map = SaturationMap.of(h);
picture(map);
show("saturated (|h| > 0.99): %.2f%%, all-white columns: %d", 100 * map.fraction(), map.deadUnits().length);
//> saturated (|h| > 0.99): 60.95%, all-white columns: 0

// Dead units over the whole training split, not just one batch (eval, no gradient, in chunks)
int deadOnTrainingSplit(Network net) {
    var dead = new DeadUnits();
    Dataset train = data.train();
    try (var off = Grad.disabled()) {
        for (int from = 0; from < train.size(); from += 4096) {
            int to = Math.min(train.size(), from + 4096);
            var xs = IntArray.of(Arrays.copyOfRange(train.x().data(), from * 3, to * 3), to - from, 3);
            Tensor hs = net.layers().get(1).call(net.layers().get(0).call(
                    net.embedding().call(xs).view(to - from, -1)));
            dead.accept(hs.data());
        }
    }
    return dead.dead().length;
}
show("units dead on all %d training examples: %d", data.train().size(), deadOnTrainingSplit(model));
//> units dead on all 182625 training examples: 0

// The fix: W1 *= 0.2, b1 *= 0.01 (the fix-tanh stage)
Network fixedModel = firstStep("fix-tanh");
//> fix-tanh: loss at step 0 3.3135
NdArray h2 = fixedModel.layers().get(1).out().data();
TensorStats pre2 = TensorStats.of(fixedModel.layers().get(0).out().data());
show("hpreact: std %.2f, from %.1f to %.1f", pre2.std(), pre2.min(), pre2.max());
//> hpreact: std 1.00, from -3.8 to 3.4
bars(h2);
SaturationMap map2 = SaturationMap.of(h2);
picture(map2);
show("saturated (|h| > 0.99): %.2f%%, all-white columns: %d", 100 * map2.fraction(), map2.deadUnits().length);
//> saturated (|h| > 0.99): 0.98%, all-white columns: 0
