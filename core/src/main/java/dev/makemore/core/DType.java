package dev.makemore.core;

/**
 * The element types an {@link NdArray} can hold: float32 for training (as the lecture's tensors) and
 * float64 for finite-difference gradient checks, where float32's 7 digits would drown the signal.
 */
public enum DType {
    /** 32-bit IEEE float, {@code torch.float32}: what the lecture trains in. */
    FLOAT32("float32"),
    /** 64-bit IEEE float, {@code torch.float64}: what gradient checks run in. */
    FLOAT64("float64");

    private final String torchName;

    DType(String torchName) {
        this.torchName = torchName;
    }

    /** PyTorch's name for this type, used in messages. */
    public String torchName() {
        return torchName;
    }
}
