package dev.makemore.training;

import dev.makemore.core.random.Generator;

/**
 * How a stage is trained: the lecture's loop parameters.
 *
 * @param steps     number of SGD updates (the lecture: 200,000; its six-layer loop stops after 1001)
 * @param batchSize minibatch size (the lecture: 32)
 * @param seed      seed of the one generator that draws the weights, then every minibatch
 *                  (the lecture: 2147483647); names are sampled from a generator seeded {@code seed + 10}
 * @param calibrate also compute BatchNorm's explicit statistics over the training split (the
 *                  lecture's second pass) and report losses with them beside the running ones
 * @param samples   how many names to sample after training (the lecture: 20)
 */
public record TrainOptions(int steps, int batchSize, long seed, boolean calibrate, int samples) {

    /** The lecture's batch size. */
    public static final int LECTURE_BATCH_SIZE = 32;
    /** The lecture's number of steps. */
    public static final int LECTURE_STEPS = 200_000;
    /** The lecture's number of samples. */
    public static final int LECTURE_SAMPLES = 20;

    /** Validates the numbers; the messages are what the command line prints. */
    public TrainOptions {
        if (steps <= 0) {
            throw new IllegalArgumentException("--steps must be positive, got " + steps);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("--samples must not be negative, got " + samples);
        }
    }

    /** The lecture's settings: 200,000 steps of 32 examples, seed 2147483647, 20 samples. */
    public static TrainOptions lecture() {
        return new TrainOptions(LECTURE_STEPS, LECTURE_BATCH_SIZE, Generator.LECTURE_SEED, false, LECTURE_SAMPLES);
    }

    /**
     * Checks that these options suit {@code stage}: a BatchNorm stage needs at least two examples per
     * batch, since the statistics of one example are undefined (PyTorch refuses it too).
     */
    public TrainOptions checkFor(Stage stage) {
        if (stage.batchNorm() && batchSize < 2) {
            throw new IllegalArgumentException("--batch-size must be at least 2 for the BatchNorm stage " + stage.name()
                    + ": batch statistics of one example are undefined, got " + batchSize);
        }
        return this;
    }

    /** These options with another number of steps. */
    public TrainOptions withSteps(int n) {
        return new TrainOptions(n, batchSize, seed, calibrate, samples);
    }

    /** These options with calibration switched on or off. */
    public TrainOptions withCalibrate(boolean on) {
        return new TrainOptions(steps, batchSize, seed, on, samples);
    }
}
