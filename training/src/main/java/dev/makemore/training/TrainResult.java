package dev.makemore.training;

import java.util.List;

/**
 * What one training run produced: the figures of the lecture's loss log and the samples.
 *
 * @param stage       the stage trained
 * @param options     how it was trained
 * @param params      number of parameters (the lecture's {@code sum(p.nelement() for p in parameters)})
 * @param losses      the initial minibatch loss and the loss of each split
 * @param stepLosses  minibatch loss of every step (the lecture's {@code lossi} before {@code log10})
 * @param usPerStep   mean wall time of one training step in microseconds (no evaluation, no start-up)
 * @param samples     sampled names, without the trailing '.'
 * @param calibration explicit-versus-running BatchNorm statistics, or null when not asked or not a
 *                    BatchNorm stage
 * @param model       the trained network
 */
public record TrainResult(Stage stage, TrainOptions options, int params, Losses losses, float[] stepLosses,
                          double usPerStep, List<String> samples, Calibration calibration, Network model) {

    /**
     * The lecture's loss figures of a run.
     *
     * @param step0 minibatch loss at step 0, before any update (the lecture's "initial loss")
     * @param train loss over the whole training split, eval mode, no gradient
     * @param val   loss over the whole validation split
     * @param test  loss over the whole test split
     */
    public record Losses(double step0, double train, double val, double test) {
    }
}
