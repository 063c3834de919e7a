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
    private final DeviceMemory owner; // null when this object owns the memory; else the allocation it is a view of
    private boolean closed;

    DeviceMemory(MemorySegment address, long bytes) {
        this(address, bytes, null);
    }

    private DeviceMemory(MemorySegment address, long bytes, DeviceMemory owner) {
        this.address = address;
        this.bytes = bytes;
        this.owner = owner;
    }

    /**
     * {@code bytes} of this memory from {@code offsetBytes} on, as a view that is not owned (closing it frees
     * nothing; it must not outlive this object). Lets one arena allocation serve many size-checked buffers.
     */
    public DeviceMemory slice(long offsetBytes, long bytes) {
        if (offsetBytes < 0 || bytes < 0 || offsetBytes + bytes > this.bytes) {
            throw new IndexOutOfBoundsException(bytes + " bytes at offset " + offsetBytes + " exceed " + this.bytes + " bytes");
        }
        return new DeviceMemory(address(offsetBytes), bytes, owner == null ? this : owner);
    }

    /** The device address (a zero-length segment: never dereference it on the host). */
    public MemorySegment address() {
        if (closed || (owner != null && owner.closed)) {
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
            if (owner != null) {
                return; // a view frees nothing
            }
            Cuda.check("cudaFree", cudart_h.cudaFree(address));
        }
    }
}
