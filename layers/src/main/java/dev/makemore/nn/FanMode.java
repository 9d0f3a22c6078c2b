package dev.makemore.nn;

/**
 * Which fan {@link Init#kaimingNormal} divides by, as the {@code mode} of
 * {@code torch.nn.init.kaiming_normal_}: {@link #FAN_IN} keeps the variance of the activations in
 * the forward pass (the lecture's choice, {@code / sqrt(fan_in)}), {@link #FAN_OUT} that of the
 * gradients in the backward pass.
 */
public enum FanMode {
    /** The number of inputs of each output unit: {@code dim(0)} of our {@code (fan_in, fan_out)} weights. */
    FAN_IN,
    /** The number of outputs each input unit feeds: {@code dim(1)} of our {@code (fan_in, fan_out)} weights. */
    FAN_OUT
}
