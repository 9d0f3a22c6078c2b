package dev.makemore.docs.examples;

// docs:begin example-diagnostics
import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.Figures;
import dev.makemore.diagnostics.Recorder;
import dev.makemore.diagnostics.Report;
import dev.makemore.diagnostics.Snapshot;
import dev.makemore.diagnostics.TensorStats;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Tanh;
import java.nio.file.Files;
import java.util.List;

/** makemore-diagnostics alone: watch your own training loop the way the lecture does. */
public final class DiagnosticsExample {
    public static void main(String[] args) throws Exception {
        var g = new Generator(2147483647L);
        List<Module> layers = List.of(new Embedding(27, 10, g), new Flatten(),
                new Linear(30, 100, true, g), new Tanh(), new Linear(100, 100, true, g), new Tanh(),
                new Linear(100, 27, true, g));
        List<Tensor> parameters = layers.stream().flatMap(m -> m.parameters().stream()).toList();
        int steps = 100;
        var recorder = Recorder.forRun(steps, 0, -1);   // full snapshots at the first and the last step

        int[] x = g.randint(0, 27, 32 * 3);
        int[] y = g.randint(0, 27, 32);
        for (int step = 0; step < steps; step++) {
            Tensor h = layers.get(0).call(IntArray.of(x, 32, 3));
            for (Module m : layers.subList(1, layers.size())) {
                h = m.call(h);
            }
            Tensor loss = F.crossEntropy(h, IntArray.of(y));
            recorder.beforeBackward(step, layers);          // keeps layer.out.grad on snapshot steps
            parameters.forEach(p -> p.setGrad(null));
            loss.backward();
            parameters.forEach(p -> p.sgdStep(0.1));
            recorder.afterUpdate(step, loss.item(), 0.1, layers, parameters);
        }

        Snapshot first = recorder.snapshot(0);
        first.activationLines().forEach(System.out::println);   // the lecture's lines
        //> layer 1 (      Tanh): mean
        System.out.println(first.text());
        double[] ratios = recorder.updateRatios().last();
        System.out.printf("update:data of the first weight at the last step: %.2f%n", ratios[1]);

        // plain arrays work too
        TensorStats s = TensorStats.of(layers.get(3).out().data());
        System.out.printf("tanh output std %.2f, %.1f%% above 0.97%n", s.std(), s.saturatedPercent());

        // the figures (PNG or SVG) and the HTML report
        var dir = Files.createTempDirectory("diagnostics-example");
        byte[] png = Figures.activations(first).png();
        Files.write(dir.resolve("activations.png"), png);
        System.out.println("a PNG of " + png.length / 1024 + " KB; figures of the report: "
                + Report.figures(recorder).size());
        //> figures of the report: 
        Files.delete(dir.resolve("activations.png"));
        Files.delete(dir);
    }
}
// docs:end example-diagnostics
