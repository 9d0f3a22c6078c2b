// Chapter 7, the deep network: six layers with and without BatchNorm, right and wrong gains.
// Run from the project root:  docs/jshell/run.sh 07
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.*;
import dev.makemore.nn.*;
import dev.makemore.nn.Module;
import dev.makemore.training.*;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }

Splits data = Splits.lecture(Names.read(DataSource.system().locate(null)), 3);
Trainer trainer = new Trainer(data);

// The lecture's deep network: five hidden layers of 100, the output layer scaled by 0.1, the gain on the rest
DeepMlp deepMlp(boolean batchNorm, double gain) {
    DeepMlp tanh = DeepMlp.of(10, 100, 5).withGain(gain).withLastScale(0.1);
    return batchNorm ? tanh.withBatchNorm() : tanh;
}

// One training step of a six-layer network with the given gain, recorded (the lecture breaks after step 0)
Snapshot stepZero(boolean batchNorm, double gain) {
    Stage stage = new Stage("six-layers", "gain " + gain, deepMlp(batchNorm, gain), 3, 150_000,
            new LectureFigures(0, 0, 0, 0));
    Recorder recorder = Recorder.atSteps(0);
    trainer.train(stage, new TrainOptions(1, 32, 2147483647L, false, 0), recorder);
    return recorder.snapshot(0);
}

// Without BatchNorm: gain 5/3 keeps every layer alike; smaller gains shrink, larger ones saturate
for (double gain : new double[] {0.5, 1, 5.0 / 3, 3}) {
    show("gain %.2f", gain);
    for (LayerRecord t : stepZero(false, gain).tanhLayers()) {
        show("  %s: std %.2f, saturated %.2f%%, gradient std %.1e", t.label(), t.output().std(),
                t.output().saturatedPercent(), t.gradient().std());
    }
}
//> layer 1 (Tanh): std 0.75, saturated 20.25%, gradient std 4.2e-04
//> layer 9 (Tanh): std 0.66, saturated 6.13%, gradient std 3.1e-04
//> layer 9 (Tanh): std 0.02, saturated 0.00%, gradient std 3.1e-04
//> layer 1 (Tanh): std 0.85, saturated 47.66%, gradient std 1.0e-03

// No tanh at all, a linear sandwich: with gain 5/3 the activations grow with depth, with gain 1 they stay
void sandwich(double gain) {
    Generator g = new Generator(2147483647L);
    Embedding C = new Embedding(27, 10, g);
    List<Linear> linears = new ArrayList<>();
    linears.add(new Linear(30, 100, true, g));
    for (int i = 0; i < 4; i++) linears.add(new Linear(100, 100, true, g));
    linears.add(new Linear(100, 27, true, g));
    for (int i = 0; i < 6; i++) {
        float s = i == 5 ? 0.1f : (float) gain;
        float[] w = linears.get(i).weight().data().floats();
        for (int k = 0; k < w.length; k++) w[k] *= s;
    }
    Network net = new Network(C, new Sequential(linears));
    int[] ix = g.randint(0, data.train().size(), 32);
    int[] xb = new int[96], yb = new int[32];
    for (int i = 0; i < 32; i++) {
        System.arraycopy(data.train().x().data(), ix[i] * 3, xb, i * 3, 3);
        yb[i] = data.train().y().get(ix[i]);
    }
    Tensor logits = net.call(IntArray.of(xb, 32, 3));
    for (Linear l : linears) l.out().retainGrad();
    F.crossEntropy(logits, IntArray.of(yb)).backward();
    for (int i = 0; i < 5; i++) {
        show("  gain %.2f, layer %d (Linear): std %.2f, gradient std %.1e", gain, i,
                TensorStats.of(linears.get(i).out().data()).std(), TensorStats.of(linears.get(i).out().grad()).std());
    }
}
sandwich(5.0 / 3);
//> gain 1.67, layer 4 (Linear): std 12.78, gradient std 3.2e-04
sandwich(1);
//> gain 1.00, layer 4 (Linear): std 0.99, gradient std 3.1e-04

// With BatchNorm: the same activations and gradients whatever the gain; only the update sizes move
for (double gain : new double[] {0.2, 1, 5}) {
    Snapshot s = stepZero(true, gain);
    ParameterRecord w3 = s.matrices().get(2);
    show("gain %.1f: layer 2 std %.2f, layer 14 std %.2f, gradient std at layer 2 %.1e, %s grad:data %.1e",
            gain, s.layer(2).output().std(), s.layer(14).output().std(), s.layer(2).gradient().std(), w3.label(),
            w3.gradToData());
}
//> gain 0.2: layer 2 std 0.63, layer 14 std 0.64, gradient std at layer 2 9.0e-04, layer 3 (Linear) weight grad:data 6.9e-01
//> gain 5.0: layer 2 std 0.63, layer 14 std 0.64, gradient std at layer 2 9.0e-04, layer 3 (Linear) weight grad:data 1.1e-03
