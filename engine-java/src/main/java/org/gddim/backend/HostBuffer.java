package org.gddim.backend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A buffer in host memory: a native {@link MemorySegment} owned by the backend that allocated it. Host score
 * models (the exact GMM, ONNX Runtime on CPU) read and write it in place, without copies.
 */
public final class HostBuffer implements Buffer {
    private final MemorySegment segment;
    private final DType dtype;
    private final long length;

    HostBuffer(MemorySegment segment, DType dtype, long length) {
        this.segment = segment;
        this.dtype = dtype;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** {@code buffer} as a host buffer; throws if it lives on a device (host-only code such as the exact GMM). */
    public static HostBuffer of(Buffer buffer) {
        return switch (buffer) {
            case HostBuffer h -> h;
            case DeviceBuffer d -> throw new IllegalArgumentException("a device buffer was given where host memory is needed");
        };
    }

    /** The memory itself (native order); valid until the owning backend is closed. */
    public MemorySegment segment() {
        return segment;
    }

    public double get(long i) {
        return switch (dtype) {
            case F32 -> segment.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            case F64 -> segment.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
        };
    }

    public void set(long i, double v) {
        switch (dtype) {
            case F32 -> segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
            case F64 -> segment.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
        }
    }

    /** Copies {@code dst.length} elements starting at element {@code offset} into {@code dst}. */
    public void read(long offset, double[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = get(offset + i);
        }
    }

    /** Copies {@code src} into the elements starting at {@code offset}. */
    public void write(long offset, double[] src) {
        for (int i = 0; i < src.length; i++) {
            set(offset + i, src[i]);
        }
    }

    /** Copies {@code src} into the elements starting at {@code offset}. */
    public void write(long offset, float[] src) {
        if (dtype == DType.F32) {
            MemorySegment.copy(src, 0, segment, ValueLayout.JAVA_FLOAT, offset * 4, src.length);
        } else {
            for (int i = 0; i < src.length; i++) {
                set(offset + i, src[i]);
            }
        }
    }

    /** Copies {@code dst.length} elements starting at {@code offset} into {@code dst} (rounding F64 to float). */
    public void read(long offset, float[] dst) {
        if (dtype == DType.F32) {
            MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT, offset * 4, dst, 0, dst.length);
        } else {
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) get(offset + i);
            }
        }
    }
}
