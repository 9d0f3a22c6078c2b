package dev.makemore.core;

import java.util.Locale;

/**
 * The element types an {@link NdArray} can hold: float32 for training (as the lecture's tensors) and
 * float64 for finite-difference gradient checks, where float32's 7 digits would drown the signal.
 */
public enum DType {
    /** 32-bit IEEE float, {@code torch.float32}: what the lecture trains in. */
    FLOAT32,
    /** 64-bit IEEE float, {@code torch.float64}: what gradient checks run in. */
    FLOAT64;

    /** Bytes per element, as {@code torch.tensor([], dtype=...).element_size()}. */
    public int elementSize() {
        return this == FLOAT32 ? Float.BYTES : Double.BYTES;
    }

    /** PyTorch's name for this type, used in messages: the constant's name in lower case. */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
