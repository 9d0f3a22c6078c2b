package dev.makemore.training;

/**
 * The lecture's deeper network from Lego blocks: {@code Linear(30, 100)}, then four times
 * {@code Linear(100, 100)}, then {@code Linear(100, 27)}, each followed by {@code Tanh} (and, with
 * BatchNorm, a {@code BatchNorm1d} between the Linear and the Tanh, and after the last Linear). Linear
 * weights are the lecture's {@code randn(fan_in, fan_out) / sqrt(fan_in)}; then every Linear but the
 * last is multiplied by {@code gain} and the last layer is made less confident by {@code lastScale}
 * (its weight, or its BatchNorm's gamma).
 *
 * @param nEmbd     embedding width (10)
 * @param nHidden   hidden width (100)
 * @param hidden    number of hidden Linear layers (5; a sixth maps to the vocabulary)
 * @param batchNorm whether BatchNorm1d follows every Linear (the Linears then have no bias)
 * @param gain      factor on every Linear weight but the last (5/3 for tanh without BatchNorm, 1 with)
 * @param lastScale factor on the last layer (0.1)
 */
public record SixLayers(int nEmbd, int nHidden, int hidden, boolean batchNorm, double gain, double lastScale)
        implements Architecture {
}
