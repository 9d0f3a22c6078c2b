package dev.makemore.docs.examples;

// docs:begin example-layers
import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.Init;
import dev.makemore.nn.Linear;
import dev.makemore.nn.ModelFile;
import dev.makemore.nn.Nonlinearity;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;
import java.nio.file.Files;
import java.util.Map;

/** makemore-layers alone: a torch.nn-shaped MLP, trained a few steps on made-up data, saved and loaded. */
public final class LayersExample {
    public static void main(String[] args) throws Exception {
        var g = new Generator(2147483647L);
        // 27 symbols, contexts of 3, embeddings of 10, 64 hidden units
        var model = new Sequential(
                new Embedding(27, 10, g),
                new Flatten(),
                new Linear(30, 64, false, g),
                BatchNorm1d.lecture(64),
                new Tanh(),
                new Linear(64, 27, true, g));
        System.out.println(model);
        System.out.println(model.numParameters() + " parameters: " + model.namedParameters().keySet());
        //> 4073 parameters

        // made-up data: the next symbol is the sum of the context mod 27
        int[] x = g.randint(0, 27, 32 * 3);
        int[] y = new int[32];
        for (int i = 0; i < 32; i++) {
            y[i] = (x[3 * i] + x[3 * i + 1] + x[3 * i + 2]) % 27;
        }
        var xb = IntArray.of(x, 32, 3);
        var yb = IntArray.of(y);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 50; step++) {
            Tensor loss = F.crossEntropy(model.call(xb), yb);
            model.zeroGrad();
            loss.backward();
            for (Tensor p : model.parameters()) {
                p.sgdStep(0.1);
            }
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        System.out.printf("loss %.2f -> %.2f: %s%n", first, last, last < first ? "learning" : "not learning");
        //> learning

        // eval mode uses BatchNorm's running statistics: one example at a time works
        model.eval();
        Tensor one = model.call(IntArray.of(new int[] {1, 2, 3}, 1, 3));
        System.out.println("one example, eval mode: logits " + one.shape());
        //> one example, eval mode: logits (1, 27)

        // save the state dict (parameters and buffers), load it into a fresh model of the same shape
        var file = Files.createTempFile("layers-example", ".bin");
        ModelFile.save(file, model, Map.of("what", "layers example"));
        var copy = new Sequential(new Embedding(27, 10, g), new Flatten(), new Linear(30, 64, false, g),
                BatchNorm1d.lecture(64), new Tanh(), new Linear(64, 27, true, g));
        System.out.println("metadata " + ModelFile.load(file, copy));
        copy.eval();
        Tensor again = copy.call(IntArray.of(new int[] {1, 2, 3}, 1, 3));
        System.out.println("same logits after loading: "
                + java.util.Arrays.equals(one.data().floats(), again.data().floats()));
        //> same logits after loading: true
        Files.delete(file);

        // the gain for tanh, torch.nn.init.calculate_gain('tanh')
        System.out.printf("gain(tanh) = %.4f%n", Init.calculateGain(Nonlinearity.TANH));
        //> gain(tanh) = 1.6667
    }
}
// docs:end example-layers
