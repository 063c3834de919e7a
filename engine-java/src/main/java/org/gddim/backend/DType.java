package org.gddim.backend;

/** Element type of a buffer. Samples, noise and eps are float32 in the engine; float64 is for references. */
public enum DType {
    F32(4),
    F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
