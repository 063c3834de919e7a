package org.gddim.backend;

import org.gddim.bindings.DeviceMemory;

/** A float32 buffer in GPU memory, owned by the {@link CudaBackend} that allocated it (layout as any Buffer). */
public final class DeviceBuffer implements Buffer {
    private final DeviceMemory memory;
    private final long length;

    DeviceBuffer(DeviceMemory memory, long length) {
        this.memory = memory;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    /** The device memory (for the CUDA kernels' typed entry points). */
    public DeviceMemory memory() {
        return memory;
    }

    /** {@code buffer} as a device buffer; throws if it is host memory. */
    public static DeviceBuffer of(Buffer buffer) {
        return switch (buffer) {
            case DeviceBuffer d -> d;
            case HostBuffer h -> throw new IllegalArgumentException("a host buffer was given to the cuda backend");
        };
    }
}
