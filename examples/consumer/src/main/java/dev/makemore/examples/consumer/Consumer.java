package dev.makemore.examples.consumer;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Linear;
import dev.makemore.nn.ModelFile;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;

/**
 * A program outside makemore-java that uses makemore-layers: it builds the lecture's
 * Linear / BatchNorm1d / Tanh block, trains it a few steps on made-up data, saves it, loads the file
 * into a fresh network and checks that every parameter and buffer came back equal. Exits with 1 when
 * something is wrong, so a script can rely on it.
 */
public final class Consumer {

    private Consumer() {
    }

    /** The network of the lecture's part 5, shrunk: 10 inputs, 32 hidden units, 5 classes. */
    static Sequential network(Generator g) {
        return new Sequential(
                new Linear(10, 32, false, g),
                BatchNorm1d.lecture(32),
                new Tanh(),
                new Linear(32, 5, true, g));
    }

    /**
     * Trains, saves, loads and compares.
     *
     * @param args unused
     * @throws Exception if the model file cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        var g = new Generator(2147483647L);
        var model = network(g);

        // made-up data: 64 examples, the class is the index of the largest of the first five inputs
        int n = 64;
        Tensor x = Tensor.randn(g, n, 10);
        float[] xs = x.data().toFloatArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 1; j < 5; j++) {
                if (xs[i * 10 + j] > xs[i * 10 + labels[i]]) {
                    labels[i] = j;
                }
            }
        }
        var y = IntArray.of(labels);

        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 20; step++) {
            Tensor loss = F.crossEntropy(model.forward(x), y);
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
        System.out.printf("%d parameters; loss %.4f -> %.4f after 20 steps%n", model.numParameters(), first, last);
        check(last < first, "the loss did not go down");

        var file = Files.createTempFile("makemore-consumer", ".bin");
        try {
            ModelFile.save(file, model, Map.of("example", "consumer"));
            var copy = network(new Generator(1L));   // other weights, same shapes
            Map<String, String> metadata = ModelFile.load(file, copy);
            check("consumer".equals(metadata.get("example")), "metadata not read back: " + metadata);

            Map<String, NdArray> saved = model.stateDict();
            Map<String, NdArray> loaded = copy.stateDict();
            check(saved.keySet().equals(loaded.keySet()), "state dict keys differ: " + saved.keySet() + " vs " + loaded.keySet());
            for (var e : saved.entrySet()) {
                check(Arrays.equals(e.getValue().toDoubleArray(), loaded.get(e.getKey()).toDoubleArray()),
                        e.getKey() + " was not loaded as saved");
            }
            model.eval();
            copy.eval();
            check(Arrays.equals(model.forward(x).data().toFloatArray(), copy.forward(x).data().toFloatArray()),
                    "the loaded network computes other logits");
            System.out.println("saved and loaded " + saved.size() + " tensors " + saved.keySet() + ": equal");
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.println("consumer example ok, " + (Consumer.class.getModule().isNamed()
                ? "on the module path as " + Consumer.class.getModule().getName() : "on the class path"));
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            System.err.println("consumer example: " + problem);
            System.exit(1);
        }
    }
}
