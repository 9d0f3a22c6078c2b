package dev.makemore.training;

import dev.makemore.nn.BatchNorm;

/**
 * BatchNorm's running statistics against explicit ones computed over the whole training split after
 * training (the lecture's "calibrate the batch norm at the end of training" cell), and the losses
 * with each. The lecture finds them close: the running estimates make the second pass unnecessary.
 *
 * @param explicit      losses in eval mode with the explicit statistics
 * @param running       losses with the running statistics (the default eval mode)
 * @param maxMeanDiff   largest |explicit - running| over every unit's mean
 * @param maxSpreadDiff largest |explicit - running| over every unit's {@link #spread}
 * @param spread        which spread the BatchNorm keeps, and so what {@code maxSpreadDiff} compares
 */
public record Calibration(Losses explicit, Losses running, double maxMeanDiff, double maxSpreadDiff,
                          BatchNorm.Spread spread) {

    /**
     * Train and val loss with one set of statistics.
     *
     * @param train loss over the whole training split
     * @param val   loss over the whole validation split
     */
    public record Losses(double train, double val) {
    }
}
