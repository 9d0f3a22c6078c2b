package dev.makemore.nn;

import dev.makemore.core.random.Generator;

import java.util.ArrayList;
import java.util.List;

/** The lecture's networks, built from this package's layers in the lecture's draw order. */
final class LectureModels {
    private LectureModels() {
    }

    /** One hidden layer of 200 tanh units: C(27, 10), Linear(30, 200), Tanh, Linear(200, 27). */
    static Sequential mlp(Generator g) {
        return new Sequential(new Embedding(27, 10, g), new Flatten(), new Linear(30, 200, true, g), new Tanh(),
                new Linear(200, 27, true, g));
    }

    /** The batchnorm stage: the first Linear without bias, then the inline batch norm. */
    static Sequential mlpWithInlineBatchNorm(Generator g) {
        return new Sequential(new Embedding(27, 10, g), new Flatten(), new Linear(30, 200, false, g),
                new InlineBatchNorm(200), new Tanh(), new Linear(200, 27, true, g));
    }

    /** Six Linear layers of 100 tanh units, with bias, without BatchNorm. */
    static Sequential deep(Generator g) {
        var layers = new ArrayList<Module>(List.of(new Embedding(27, 10, g), new Flatten(),
                new Linear(30, 100, true, g), new Tanh()));
        for (int i = 0; i < 4; i++) {
            layers.addAll(List.of(new Linear(100, 100, true, g), new Tanh()));
        }
        layers.add(new Linear(100, 27, true, g));
        return new Sequential(layers);
    }

    /** Six Linear layers without bias, each followed by the lecture's BatchNorm1d. */
    static Sequential deepWithBatchNorm(Generator g) {
        var layers = new ArrayList<Module>(List.of(new Embedding(27, 10, g), new Flatten(),
                new Linear(30, 100, false, g), BatchNorm1d.lecture(100), new Tanh()));
        for (int i = 0; i < 4; i++) {
            layers.addAll(List.of(new Linear(100, 100, false, g), BatchNorm1d.lecture(100), new Tanh()));
        }
        layers.addAll(List.of(new Linear(100, 27, false, g), BatchNorm1d.lecture(27)));
        return new Sequential(layers);
    }
}
