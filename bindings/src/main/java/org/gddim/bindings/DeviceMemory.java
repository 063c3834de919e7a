package org.gddim.bindings;

import java.lang.foreign.MemorySegment;
import org.gddim.bindings.raw.cudart_h;

/**
 * Device memory from {@code cudaMalloc}, owned: {@link #close()} frees it. The address is never dereferenced
 * on the host; it is only handed to CUDA calls (sizes are checked by the callers of the safe layer).
 */
public final class DeviceMemory implements AutoCloseable {
    private final MemorySegment address;
    private final long bytes;
    private boolean closed;

    DeviceMemory(MemorySegment address, long bytes) {
        this.address = address;
        this.bytes = bytes;
    }

    /** The device address (a zero-length segment: never dereference it on the host). */
    public MemorySegment address() {
        if (closed) {
            throw new IllegalStateException("device memory already freed");
        }
        return address;
    }

    /** The same memory {@code offsetBytes} further on (not owned; valid while this is open). */
    public MemorySegment address(long offsetBytes) {
        if (offsetBytes < 0 || offsetBytes > bytes) {
            throw new IndexOutOfBoundsException("offset " + offsetBytes + " outside " + bytes + " bytes");
        }
        return MemorySegment.ofAddress(address().address() + offsetBytes);
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Cuda.check("cudaFree", cudart_h.cudaFree(address));
        }
    }
}
