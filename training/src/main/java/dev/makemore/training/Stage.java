package dev.makemore.training;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One stage of the lecture: a network, how it is initialised, when the learning rate decays, and the
 * figures the lecture prints for it. Stages are data; one training loop ({@link Trainer}) runs them all.
 *
 * @param name         the command-line name, e.g. {@code fix-tanh}
 * @param title        what the stage changes, in the lecture's words
 * @param architecture the network and its initialisation
 * @param blockSize    characters of context (3)
 * @param decayStep    the step from which the learning rate is 0.01 instead of 0.1
 * @param lecture      the lecture's figures for this stage
 */
public record Stage(String name, String title, Architecture architecture, int blockSize, int decayStep,
                    LectureFigures lecture) {

    /** The learning rate at {@code step}: 0.1, then 0.01 from {@link #decayStep}. */
    public double learningRate(int step) {
        return step < decayStep ? 0.1 : 0.01;
    }

    /** Whether the network has BatchNorm (its batch size must be at least 2 in training). */
    public boolean batchNorm() {
        return architecture.batchNorm();
    }

    /** The stage called {@code name}, or an exception listing the known names. */
    public static Stage byName(String name) {
        for (var s : Stages.ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + name + "' (known: " + names() + ")");
    }

    /** The names of every stage, in the lecture's order, comma-separated. */
    public static String names() {
        return Stages.ALL.stream().map(Stage::name).collect(Collectors.joining(", "));
    }

    /** Every stage in the lecture's order. */
    public static List<Stage> all() {
        return Stages.ALL;
    }
}
