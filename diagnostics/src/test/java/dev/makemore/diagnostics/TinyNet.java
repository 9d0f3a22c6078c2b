package dev.makemore.diagnostics;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.BatchNorm1d;
import dev.makemore.nn.Embedding;
import dev.makemore.nn.Flatten;
import dev.makemore.nn.Linear;
import dev.makemore.nn.Module;
import dev.makemore.nn.Sequential;
import dev.makemore.nn.Tanh;

import java.util.List;
import java.util.function.Function;

/**
 * A small version of the lecture's network (embedding 27 x 4, context 3, one hidden layer of 16 with
 * BatchNorm and tanh, then Linear and BatchNorm to 27) and the lecture's loop around it, calling a
 * {@link TrainingObserver} where the training module will.
 */
final class TinyNet {
    final Embedding emb;
    final Flatten flatten = new Flatten();
    final Linear lin1;
    final BatchNorm1d bn1 = BatchNorm1d.lecture(16);
    final Tanh tanh = new Tanh();
    final Linear lin2;
    final BatchNorm1d bn2 = BatchNorm1d.lecture(27);
    final Sequential net;
    final List<Tensor> parameters;

    TinyNet(long seed) {
        var g = new Generator(seed);
        emb = new Embedding(27, 4, g);
        lin1 = new Linear(12, 16, false, g);
        lin2 = new Linear(16, 27, false, g);
        net = new Sequential(emb, flatten, lin1, bn1, tanh, lin2, bn2);
        parameters = net.parameters();
    }

    /** The lecture's {@code layers}: without C and the view. */
    List<Module> lectureLayers() {
        return List.of(lin1, bn1, tanh, lin2, bn2);
    }

    /** Trains {@code steps} steps at lr 0.1 on random contexts, telling {@code observer}; layers as {@code layers} gives them. */
    void train(int steps, TrainingObserver observer, Function<TinyNet, List<Module>> layers) {
        var g = new Generator(7);
        int[] xb = new int[32 * 3];
        int[] yb = new int[32];
        for (int step = 0; step < steps; step++) {
            g.randint(0, 27, xb);
            g.randint(0, 27, yb);
            Tensor loss = F.crossEntropy(net.call(IntArray.of(xb, 32, 3)), IntArray.of(yb));
            double lr = 0.1;
            observer.beforeBackward(step, layers.apply(this));
            for (Tensor p : parameters) {
                p.setGrad(null);
            }
            loss.backward();
            for (Tensor p : parameters) {
                p.sgdStep(lr);
            }
            observer.afterUpdate(step, loss.item(), lr, layers.apply(this), parameters);
        }
    }

    void train(int steps, TrainingObserver observer) {
        train(steps, observer, t -> List.of(t.net));
    }
}
