// Chapter 1, the loss at initialisation: the lecture's cells, one after the other, in Java.
// Run from the project root:  docs/jshell/run.sh 01
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.training.*;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }

// Xtr[ix]: the rows ix of a (n, 3) or (n) index array, the lecture's minibatch lookup.
IntArray rows(IntArray a, int[] ix) {
    int w = a.shape().rank() == 2 ? a.shape().dim(1) : 1;
    int[] out = new int[ix.length * w];
    for (int i = 0; i < ix.length; i++) System.arraycopy(a.data(), ix[i] * w, out, i * w, w);
    return w == 1 ? IntArray.of(out) : IntArray.of(out, ix.length, w);
}

// words = open('names.txt', 'r').read().splitlines()
// (names.txt: $MAKEMORE_DATA, else the cached copy, else one download; see the README)
List<String> words = Names.read(DataSource.system().locate(null));
show("%d names, the first eight: %s", words.size(), words.subList(0, 8));
//> 32033 names, the first eight: [emma, olivia, ava, isabella, sophia, charlotte, mia, amelia]

// random.seed(42); random.shuffle(words); 80% train, 10% dev, 10% test; block_size = 3
Splits data = Splits.lecture(words, 3);
show("train %d, val %d, test %d; first shuffled: %s", data.train().size(), data.val().size(),
        data.test().size(), data.words().subList(0, 5));
//> train 182625, val 22655, test 22866; first shuffled: [yuheng, diondre, xavien, jori, juanluis]

// The loss to expect at initialisation: every one of the 27 characters equally likely.
show("-ln(1/27) = %.4f", -Math.log(1.0 / 27));
//> -ln(1/27) = 3.2958

// The lecture's four-character example: logits all zero give a uniform softmax, whatever the label.
Tensor logits4 = Tensor.of(new float[] {0, 0, 0, 0}, 1, 4);
for (int label = 0; label < 4; label++) {
    show("logits all 0, label %d: loss %.4f", label, F.crossEntropy(logits4, IntArray.of(new int[] {label})).item());
}
//> logits all 0, label 2: loss 1.3863

// Extreme logits (normals times 10): some label gets almost no probability, and a huge loss.
Tensor wild = Tensor.randn(new Generator(2147483647L), 1, 4).mul(10);
show("logits %s", Arrays.toString(wild.data().toFloatArray()));
for (int label = 0; label < 4; label++) {
    show("extreme logits, label %d: loss %.4f", label, F.crossEntropy(wild, IntArray.of(new int[] {label})).item());
}

// g = torch.Generator().manual_seed(2147483647); C, W1, b1, W2, b2 = torch.randn(...)
Generator g = new Generator(2147483647L);
Stage original = Stage.byName("original");
Network model = Network.build(original, 27, g);
show("%d parameters", model.numParameters());
//> 11897 parameters

// ix = torch.randint(0, Xtr.shape[0], (batch_size,), generator=g); Xb, Yb = Xtr[ix], Ytr[ix]
int[] ix = g.randint(0, data.train().size(), 32);
IntArray Xb = rows(data.train().x(), ix);
IntArray Yb = rows(data.train().y(), ix);
Tensor logits = model.call(Xb);
Tensor loss = F.crossEntropy(logits, Yb);
show("original: loss at step 0 %.4f", loss.item());
//> original: loss at step 0 27.8817

// logits[0]: extreme values, hence the confidently wrong predictions
show("logits[0] = %s", Arrays.toString(Arrays.copyOf(logits.data().toFloatArray(), 27)));
float largest = 0;
for (float v : logits.data().toFloatArray()) largest = Math.max(largest, Math.abs(v));
show("largest |logit| in the batch: %.1f", largest);
//> largest |logit| in the batch: 38.5

// The fix: W2 *= 0.01, b2 *= 0 (the fix-softmax stage), drawn from a fresh generator again.
Generator g2 = new Generator(2147483647L);
Network fixed = Network.build(Stage.byName("fix-softmax"), 27, g2);
int[] ix2 = g2.randint(0, data.train().size(), 32);
Tensor logits2 = fixed.call(rows(data.train().x(), ix2));
show("fix-softmax: loss at step 0 %.4f", F.crossEntropy(logits2, rows(data.train().y(), ix2)).item());
//> fix-softmax: loss at step 0 3.3221

// The hockey stick: train both for 1000 steps (the lecture's loop, the same generator throughout).
Trainer trainer = new Trainer(data);
TrainOptions thousand = new TrainOptions(1000, 32, 2147483647L, false, 0);
double mean(float[] a, int from, int to) { double s = 0; for (int i = from; i < to; i++) s += a[i]; return s / (to - from); }
for (String name : List.of("original", "fix-softmax")) {
    float[] lossi = trainer.train(Stage.byName(name), thousand, null).losses();
    show("%-11s step 0: %.4f   steps 0 to 99: %.1f   steps 900 to 999: %.1f", name, lossi[0],
            mean(lossi, 0, 100), mean(lossi, 900, 1000));
}
//> original    step 0: 27.8817   steps 0 to 99: 12.5   steps 900 to 999: 4.0
//> fix-softmax step 0: 3.3221   steps 0 to 99: 2.7   steps 900 to 999: 2.4
