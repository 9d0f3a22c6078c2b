/**
 * makemore-autograd: tensors with reverse-mode automatic differentiation, the micrograd of the earlier
 * lectures grown to the operations the lecture differentiates, with no-grad scopes
 * ({@code torch.no_grad()}).
 */
module dev.makemore.autograd {
    // Tensor's API is made of core's arrays and operators.
    requires transitive dev.makemore.core;

    exports dev.makemore.autograd;
}
