package dev.makemore.training;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.autograd.Workspace;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import dev.makemore.training.data.Dataset;
import dev.makemore.training.data.Splits;
import java.util.List;

/**
 * The lecture's training loop, one for every stage:
 * <pre>
 * for i in range(max_steps):
 *     ix = torch.randint(0, Xtr.shape[0], (batch_size,), generator=g)
 *     Xb, Yb = Xtr[ix], Ytr[ix]
 *     logits = model(Xb); loss = F.cross_entropy(logits, Yb)
 *     for p in parameters: p.grad = None
 *     loss.backward()
 *     lr = 0.1 if i &lt; decay else 0.01
 *     for p in parameters: p.data += -lr * p.grad
 * </pre>
 * The one generator first draws the weights, then every minibatch, so a run is the lecture's run.
 */
public final class Trainer {

    private final Splits data;

    /** A trainer on the lecture's split of the names. */
    public Trainer(Splits data) {
        this.data = data;
    }

    /** The data this trainer trains and evaluates on. */
    public Splits data() {
        return data;
    }

    /** The stage's network, drawn from a fresh generator seeded {@code seed} (the first draws of a run). */
    public Network initialise(Stage stage, long seed) {
        return initialise(stage, new Generator(seed));
    }

    private Network initialise(Stage stage, Generator g) {
        return Network.build(stage, data.vocab().size(), g);
    }

    /**
     * Trains {@code stage}, then evaluates every split and samples names.
     *
     * @throws DivergenceException when the loss stops being finite
     */
    public TrainResult run(Stage stage, TrainOptions options, TrainingObserver observer) {
        var run = train(stage, options, observer);
        var network = run.network();
        try (var evaluator = new Evaluator()) {
            double train = evaluator.loss(network, data.train());
            double val = evaluator.loss(network, data.val());
            double test = evaluator.loss(network, data.test());
            Calibration calibration = options.calibrate() && stage.batchNorm()
                    ? Calibrator.calibrate(network, data, evaluator, new Calibration.Losses(train, val))
                    : null;
            var samples = Sampler.sample(network, data.vocab(), stage.blockSize(), options.seed(), options.samples());
            var losses = new TrainResult.Losses(run.losses()[0], train, val, test);
            return new TrainResult(stage, options, Math.toIntExact(network.numParameters()), losses, run.losses(),
                    run.usPerStep(), samples, calibration, network);
        }
    }

    /**
     * Trains {@code stage} without evaluating: the network drawn from a generator seeded
     * {@code options.seed()}, then {@code options.steps()} updates from the same generator.
     *
     * @throws DivergenceException when the loss stops being finite
     */
    public Run train(Stage stage, TrainOptions options, TrainingObserver observer) {
        options.checkFor(stage);
        var g = new Generator(options.seed());
        var network = initialise(stage, g);
        return loop(stage, network, g, options, observer);
    }

    /** One step of the lecture's loop on the minibatch already in {@code xBatch}, {@code yBatch}; returns its loss. */
    private static double step(Stage stage, Network network, List<Module> modules, List<Tensor> parameters, int step,
                               IntArray xBatch, IntArray yBatch, TrainingObserver observer) {
        // docs:begin training-step
        // forward pass
        Tensor loss = F.crossEntropy(network.call(xBatch), yBatch);
        double lr = stage.learningRate(step);
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new DivergenceException(stage.name(), step, value, lr);
        }
        // backward pass
        if (observer != null) {
            observer.beforeBackward(step, modules);
        }
        for (var p : parameters) {
            p.zeroGrad(); // p.grad = None (the array is kept for the next backward pass: no allocation)
        }
        loss.backward();
        // update
        for (var p : parameters) {
            p.sgdStep(lr);
        }
        if (observer != null) {
            observer.afterUpdate(step, value, lr, modules, parameters);
        }
        return value;
        // docs:end training-step
    }

    /**
     * A trained network, the minibatch loss of every step (the lecture's {@code lossi}), and the
     * mean wall time of a step in microseconds.
     */
    public record Run(Network network, float[] losses, double usPerStep) {
    }

    /**
     * The loop itself. The step time covers minibatch gather, forward, backward, update and the
     * observer; not start-up, not evaluation.
     */
    private Run loop(Stage stage, Network network, Generator g, TrainOptions options, TrainingObserver observer) {
        Dataset tr = data.train();
        int batch = options.batchSize();
        int block = stage.blockSize();
        int[] ix = new int[batch];
        int[] xb = new int[batch * block];
        int[] yb = new int[batch];
        var xBatch = IntArray.of(xb, batch, block);
        var yBatch = IntArray.of(yb);
        int[] trX = tr.x().data();
        int[] trY = tr.y().data();
        List<Tensor> parameters = network.parameters();
        List<Module> modules = network.modules();
        float[] losses = new float[options.steps()];
        network.train();
        long start = System.nanoTime();
        // Every step builds the same graph: its arrays are reused from the previous step.
        var workspace = new Workspace();
        // docs:begin training-loop
        for (int step = 0; step < options.steps(); step++) {
            try (var scope = workspace.enter()) {
                // minibatch construct
                g.randint(0, tr.size(), ix);
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(trX, ix[i] * block, xb, i * block, block);
                    yb[i] = trY[ix[i]];
                }
                losses[step] = (float) step(stage, network, modules, parameters, step, xBatch, yBatch, observer);
            }
        }
        // docs:end training-loop
        return new Run(network, losses, (System.nanoTime() - start) / 1e3 / options.steps());
    }
}
