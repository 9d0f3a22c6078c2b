package dev.makemore.training;

import dev.makemore.core.random.Generator;
import java.util.Locale;

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

    /**
     * Validates the numbers.
     *
     * @throws InvalidOptionException naming the option, its value and the rule it breaks
     */
    public TrainOptions {
        if (steps <= 0) {
            throw new InvalidOptionException(Option.STEPS, steps, "must be positive");
        }
        if (batchSize <= 0) {
            throw new InvalidOptionException(Option.BATCH_SIZE, batchSize, "must be positive");
        }
        if (samples < 0) {
            throw new InvalidOptionException(Option.SAMPLES, samples, "must not be negative");
        }
    }

    /** The options a caller sets, as {@link InvalidOptionException} names them. */
    public enum Option {
        /** {@link TrainOptions#steps()}. */
        STEPS,
        /** {@link TrainOptions#batchSize()}. */
        BATCH_SIZE,
        /** {@link TrainOptions#samples()}. */
        SAMPLES;

        /** The option in words, e.g. {@code "batch size"}. */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * What is wrong with an option: which one, its value, and the rule it breaks.
     *
     * @param option the option
     * @param value  its value
     * @param rule   what it must be, e.g. {@code "must be positive"}
     */
    public record Problem(Option option, long value, String rule) {
    }

    /**
     * An option out of its range. It carries the {@link Problem}, so that a front end words the message
     * with its own name for the option (the command line's {@code --batch-size}); {@link #getMessage()}
     * words it with {@link Option#words()}.
     */
    public static final class InvalidOptionException extends IllegalArgumentException {
        private final transient Problem problem;

        /** An exception for {@code option}, whose {@code value} breaks {@code rule}. */
        public InvalidOptionException(Option option, long value, String rule) {
            super(option.words() + " " + rule + ", got " + value);
            this.problem = new Problem(option, value, rule);
        }

        /** The option, its value and the rule. */
        public Problem problem() {
            return problem;
        }
    }

    /** The lecture's settings: 200,000 steps of 32 examples, seed 2147483647, 20 samples. */
    public static TrainOptions lecture() {
        return new TrainOptions(LECTURE_STEPS, LECTURE_BATCH_SIZE, Generator.LECTURE_SEED, false, LECTURE_SAMPLES);
    }

    /**
     * Checks that these options suit {@code stage}: a BatchNorm stage needs at least two examples per
     * batch, since the statistics of one example are undefined (PyTorch refuses it too).
     *
     * @throws InvalidOptionException for a batch of one in a BatchNorm stage
     */
    public TrainOptions checkFor(Stage stage) {
        if (stage.batchNorm() && batchSize < 2) {
            throw new InvalidOptionException(Option.BATCH_SIZE, batchSize, "must be at least 2 for the BatchNorm stage "
                    + stage.name() + ": batch statistics of one example are undefined");
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
