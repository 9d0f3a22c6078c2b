// Chapter 4, BatchNorm: batch statistics, gain and bias, the useless bias, coupled examples, running statistics.
// Run from the project root:  docs/jshell/run.sh 04
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.SaturationMap;
import dev.makemore.diagnostics.TensorStats;
import dev.makemore.nn.InlineBatchNorm;
import dev.makemore.nn.Linear;
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

// The batchnorm stage: embcat @ W1 (no b1), InlineBatchNorm(200), Tanh, Linear
Generator g = new Generator(2147483647L);
Network model = Network.build(Stage.byName("batchnorm"), 27, g);
System.out.println(model);
show("%d parameters", model.numParameters());
//> 12097 parameters
int[] ix = g.randint(0, data.train().size(), 32);
Tensor loss = F.crossEntropy(model.call(rows(data.train().x(), ix)), rows(data.train().y(), ix));
show("loss at step 0 %.4f", loss.item());
//> loss at step 0 3.3239

// hpreact after BatchNorm: every unit has mean 0 and std 1 over the batch (bngain = 1, bnbias = 0)
NdArray normalised = model.layers().get(1).out().data();
double largestMean = 0, smallestStd = Double.MAX_VALUE, largestStd = 0;
for (int j = 0; j < 200; j++) {
    double s = 0, ss = 0;
    for (int i = 0; i < 32; i++) s += normalised.get(i * 200 + j);
    double m = s / 32;
    for (int i = 0; i < 32; i++) ss += Math.pow(normalised.get(i * 200 + j) - m, 2);
    double sd = Math.sqrt(ss / 31);
    largestMean = Math.max(largestMean, Math.abs(m));
    smallestStd = Math.min(smallestStd, sd);
    largestStd = Math.max(largestStd, sd);
}
show("per unit: largest |mean| %.4f, std from %.4f to %.4f", largestMean, smallestStd, largestStd);
//> per unit: largest |mean| 0.0000, std from 1.0000 to 1.0000
show("saturated (|h| > 0.99): %.2f%%", 100 * SaturationMap.of(model.layers().get(2).out().data()).fraction());
//> saturated (|h| > 0.99): 0.42%

// A bias in front of BatchNorm is subtracted again with the mean: its gradient is zero.
// (the kaiming stage's W1, b1 and W2, with the inline BatchNorm in between)
OneHiddenLayer kaiming = (OneHiddenLayer) Stage.byName("kaiming").architecture();
Stage withBias = new Stage("batchnorm-with-b1", "b1 kept", kaiming.withBatchNorm(), 3, 100_000,
        new LectureFigures(0, 0, 0, 0));
Network biased = new Trainer(data).train(withBias, new TrainOptions(1, 32, 2147483647L, false, 0), null).network();
Linear first = (Linear) biased.layers().get(0);
double largestBiasGrad = 0;
for (float v : first.bias().grad().toFloatArray()) largestBiasGrad = Math.max(largestBiasGrad, Math.abs(v));
show("largest |b1.grad| %.1e, std of W1.grad %.1e", largestBiasGrad, TensorStats.of(first.weight().grad()).std());
//> std of W1.grad 8.1e-04

// One example in two batches: its logits change with the company it keeps (training mode), not in eval mode
Network fresh = Network.build(Stage.byName("batchnorm"), 27, new Generator(2147483647L));
int[] batchA = new int[32], batchB = new int[32];
for (int i = 0; i < 32; i++) { batchA[i] = i; batchB[i] = i == 0 ? 0 : 32 + i; }
for (boolean training : List.of(true, false)) {
    fresh.train(training);
    try (var off = Grad.disabled()) {
        float[] a = fresh.call(rows(data.train().x(), batchA)).data().toFloatArray();
        float[] b = fresh.call(rows(data.train().x(), batchB)).data().toFloatArray();
        double change = 0;
        for (int j = 0; j < 27; j++) change = Math.max(change, Math.abs(a[j] - b[j]));
        show("%s mode: largest change of a logit of example 0: %.4f", training ? "training" : "eval", change);
    }
}
//> training mode: largest change of a logit of example 0: 0.0797
//> eval mode: largest change of a logit of example 0: 0.0000

// 1001 training steps, then the explicit calibration over the training split beside the running estimates
TrainResult r = new Trainer(data).run(Stage.byName("batchnorm"), new TrainOptions(1001, 32, 2147483647L, true, 0), null);
Calibration cal = r.calibration();
show("largest |explicit - running|: mean %.4f, std %.4f", cal.maxMeanDiff(), cal.maxSpreadDiff());
//> largest |explicit - running|: mean 0.7249, std 0.8283
show("train %.4f (explicit) %.4f (running); val %.4f (explicit) %.4f (running)", cal.explicit().train(),
        cal.running().train(), cal.explicit().val(), cal.running().val());
//> train 2.4285 (explicit) 2.4574 (running); val 2.4288 (explicit) 2.4553 (running)
