package dev.makemore.training;

/**
 * BatchNorm's running statistics against explicit ones computed over the whole training split after
 * training (the lecture's "calibrate the batch norm at the end of training" cell), and the losses
 * with each. The lecture finds them close: the running estimates make the second pass unnecessary.
 *
 * @param trainLossExplicit train loss in eval mode with the explicit statistics
 * @param valLossExplicit   val loss with the explicit statistics
 * @param trainLossRunning  train loss with the running statistics (the default eval mode)
 * @param valLossRunning    val loss with the running statistics
 * @param maxMeanDiff       largest |explicit - running| over every unit's mean
 * @param maxSpreadDiff     largest |explicit - running| over every unit's std (the lecture's first
 *                          form keeps a running std) or variance ({@code BatchNorm1d} keeps a variance)
 * @param spread            {@code "std"} or {@code "var"}: which of the two {@code maxSpreadDiff} compares
 */
public record Calibration(double trainLossExplicit, double valLossExplicit, double trainLossRunning,
                          double valLossRunning, double maxMeanDiff, double maxSpreadDiff, String spread) {
}
