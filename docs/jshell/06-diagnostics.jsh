// Chapter 6, diagnostics: 1001 steps of the six-layer BatchNorm network with a Recorder attached.
// Run from the project root:  docs/jshell/run.sh 06
// Lines starting with //> show what the line above prints.

import java.util.*;
import java.nio.file.*;
import dev.makemore.diagnostics.*;
import dev.makemore.nn.Module;
import dev.makemore.training.*;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }

Splits data = Splits.lecture(Names.read(DataSource.system().locate(null)), 3);

// A full snapshot at the last step (1000); the loss and the update:data ratios at every step
Recorder recorder = Recorder.atLastStep(1001);
// The recorder is the trainer's observer: it sees C, then the lecture's layers, at every step.
TrainResult result = new Trainer(data).run(Stage.byName("deep-batchnorm"),
        new TrainOptions(1001, 32, 2147483647L, false, 20), recorder);
Snapshot last = recorder.snapshot(1000);

// Forward: the tanh layers' outputs, the lecture's lines
last.activationLines().forEach(System.out::println);
//> std 0.63, saturated: 2.78%
//> std 0.65, saturated: 1.88%

// Backward: the gradients at the tanh outputs
for (LayerRecord layer : last.tanhLayers()) {
    show("%s: gradient std %.4e", layer.label(), layer.gradient().std());
}
//> layer 2 (Tanh): gradient std 2.6407e-03
//> layer 14 (Tanh): gradient std 1.9524e-03

// The weights: gradient std and grad:data ratio of every 2-D parameter
for (ParameterRecord p : last.matrices()) {
    show("%-32s grad std %.4e   grad:data %.4e", p.legend(), p.gradient().std(), p.gradToData());
}
//> grad std 9.2411e-03   grad:data 4.8811e-02

// Over time: log10(std(lr * grad) / std(data)) of every parameter; here the last step
System.out.println(LectureLines.ratios(recorder.updateRatios().last()));
//> -3.10 -2.31 -1.61 -1.75 -2.16 -1.60 -1.71 -2.22 -1.59 -1.81 -2.25 -1.68 -1.83 -2.25 -1.57 -1.74 -1.94 -2.26 -2.49

// The 2-D parameters' ratios, first and last step: they move at the start, then settle
var shapes = recorder.parameterShapes();
for (int p = 0; p < shapes.size(); p++) {
    if (shapes.get(p).rank() == 2) {
        double[] series = recorder.updateRatios().series(p);
        show("%-30s step 0: %.2f   step 1000: %.2f", recorder.parameterLabels().get(p), series[0], series[1000]);
    }
}

// Eval mode (running statistics), then 20 samples from the generator seeded 2147483647 + 10
show("train %.4f  val %.4f", result.losses().train(), result.losses().val());
//> train 2.4003  val 2.3982
System.out.println(String.join(". ", result.samples()) + ".");
//> carpah. qarlileif. jmrix. thty. sacansa. jazhnte. dpn. arciigqeiunellaia. chriiv. kalein. dhlm. join. qhinn. sroin. arian. quiqaelogiearyxix. kaeklinsan. ed. ecoia. gtleley.

// ---- The experiments the lecture runs by hand, with its loop at a fixed learning rate ----
import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.Linear;
IntArray rows(IntArray arr, int[] ix) {
    int wd = arr.shape().rank() == 2 ? arr.shape().dim(1) : 1;
    int[] out = new int[ix.length * wd];
    for (int i = 0; i < ix.length; i++) System.arraycopy(arr.data(), ix[i] * wd, out, i * wd, wd);
    return wd == 1 ? IntArray.of(out) : IntArray.of(out, ix.length, wd);
}
/** 1001 steps of stage at the learning rate lr (fan-in forgotten: every Linear weight times sqrt(fan_in)). */
Recorder experiment(String stageName, boolean forgetFanIn, double lr) {
    Generator g = new Generator(2147483647L);
    Network net = Network.build(Stage.byName(stageName), 27, g);
    if (forgetFanIn) {
        try (var off = Grad.disabled()) {
            for (Module m : net.layers()) {
                if (m instanceof Linear l) {
                    float[] w = l.weight().data().floats();
                    for (int i = 0; i < w.length; i++) w[i] *= (float) Math.sqrt(l.fanIn());
                }
            }
        }
    }
    Recorder r = Recorder.atSteps(0, 1000);
    var params = net.parameters();
    var modules = net.modules();
    for (int step = 0; step < 1001; step++) {
        int[] ix = g.randint(0, data.train().size(), 32);
        Tensor loss = F.crossEntropy(net.call(rows(data.train().x(), ix)), rows(data.train().y(), ix));
        r.beforeBackward(step, modules);
        for (Tensor p : params) if (p.grad() != null) p.grad().fill(0);
        loss.backward();
        for (Tensor p : params) p.sgdStep(lr);
        r.afterUpdate(step, loss.item(), lr, modules, params);
    }
    return r;
}
/** The update:data ratios (log10) of the 2-D parameters at the last step. */
String lastRatios(Recorder r) {
    var sb = new StringBuilder();
    for (int p = 0; p < r.parameterShapes().size(); p++) {
        if (r.parameterShapes().get(p).rank() == 2) sb.append(String.format(Locale.ROOT, " %.2f", r.updateRatios().last()[p]));
    }
    return sb.toString().strip();
}
System.out.println("lr 0.001:            " + lastRatios(experiment("deep-tanh", false, 0.001)));
//> lr 0.001:            -5.47 -4.97 -4.79 -4.91 -4.96 -5.13 -2.73
Recorder noFanIn = experiment("deep-tanh", true, 0.1);
show("fan-in forgotten: %.2f%% of the first Tanh saturated at step 0", noFanIn.snapshot(0).tanhLayers().get(0).output().saturatedPercent());
//> fan-in forgotten: 80.66% of the first Tanh saturated at step 0
System.out.println("fan-in forgotten:    " + lastRatios(noFanIn));
System.out.println("BatchNorm, no fan-in, lr 0.1: " + lastRatios(experiment("deep-batchnorm", true, 0.1)));
System.out.println("BatchNorm, no fan-in, lr 1.0: " + lastRatios(experiment("deep-batchnorm", true, 1.0)));

// The HTML report with every figure (a few seconds): uncomment, then open the printed index.html
// System.out.println(Report.write(Files.createTempDirectory("makemore-report"), recorder, "deep-batchnorm"));
