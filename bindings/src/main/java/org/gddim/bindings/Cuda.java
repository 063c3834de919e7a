package org.gddim.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.gddim.bindings.raw.cudart_h;

/**
 * One CUDA device and the stream the engine runs on (through libcudart.so.13). {@link #probe()} says, without
 * throwing, whether a device is usable and why not; {@link #open} selects a device and creates a non-blocking
 * stream. Every runtime status is checked in {@link #check}, which throws {@link CudaException} with the
 * runtime's error text. Use from one thread at a time.
 */
public final class Cuda implements AutoCloseable {
    /** What the runtime reports about one device. */
    public record Device(int index, String name, int computeMajor, int computeMinor, long memoryBytes,
            int multiprocessors, long l2Bytes, String runtimeVersion, String driverVersion) {}

    /** Outcome of {@link #probe()}. */
    public sealed interface Probe permits Usable, Unusable {}

    public record Usable(List<Device> devices) implements Probe {}

    public record Unusable(String reason) implements Probe {}

    private final Arena arena = Arena.ofShared();
    private final Device device;
    private final MemorySegment stream;

    private Cuda(Device device, MemorySegment stream) {
        this.device = device;
        this.stream = stream;
    }

    /** Whether CUDA works here: the runtime loads, a driver answers and at least one device exists. Never throws. */
    public static Probe probe() {
        if (NativeLibraries.load(NativeLibraries.Library.CUDART) instanceof NativeLibraries.Missing missing) {
            return new Unusable("libcudart.so.13 is not available: " + missing.reason());
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(ValueLayout.JAVA_INT);
            int rc = cudart_h.cudaGetDeviceCount(count);
            if (rc != 0) {
                return new Unusable("cudaGetDeviceCount: " + errorText(rc) + " (error " + rc + ")");
            }
            int n = count.get(ValueLayout.JAVA_INT, 0);
            if (n == 0) {
                return new Unusable("the CUDA runtime sees no device");
            }
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                devices.add(describe(i));
            }
            return new Usable(devices);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return new Unusable("probing CUDA failed: " + e.getMessage());
        }
    }

    /** Selects {@code device} and creates the engine's stream on it. */
    public static Cuda open(int device) {
        NativeLibraries.lookup(NativeLibraries.Library.CUDART);
        check("cudaSetDevice", cudart_h.cudaSetDevice(device));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check("cudaStreamCreateWithFlags", cudart_h.cudaStreamCreateWithFlags(out, cudart_h.cudaStreamNonBlocking()));
            return new Cuda(describe(device), out.get(ValueLayout.ADDRESS, 0));
        }
    }

    private static Device describe(int index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prop = a.allocate(cudart_h.sizeof_cudaDeviceProp(), 8);
            check("cudaGetDeviceProperties", cudart_h.cudaGetDeviceProperties(prop, index));
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            int major = attribute(a, cudart_h.cudaDevAttrComputeCapabilityMajor(), index);
            int minor = attribute(a, cudart_h.cudaDevAttrComputeCapabilityMinor(), index);
            int sms = attribute(a, cudart_h.cudaDevAttrMultiProcessorCount(), index);
            long l2 = attribute(a, cudart_h.cudaDevAttrL2CacheSize(), index);
            check("cudaRuntimeGetVersion", cudart_h.cudaRuntimeGetVersion(v));
            String runtime = version(v.get(ValueLayout.JAVA_INT, 0));
            check("cudaDriverGetVersion", cudart_h.cudaDriverGetVersion(v));
            String driver = version(v.get(ValueLayout.JAVA_INT, 0));
            return new Device(index, prop.getString(0), major, minor,
                    prop.get(ValueLayout.JAVA_LONG, cudart_h.offsetof_cudaDeviceProp_totalGlobalMem()), sms, l2, runtime,
                    driver);
        }
    }

    private static int attribute(Arena a, int attr, int device) {
        MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
        check("cudaDeviceGetAttribute", cudart_h.cudaDeviceGetAttribute(v, attr, device));
        return v.get(ValueLayout.JAVA_INT, 0);
    }

    /** "13.0" from 13000. */
    static String version(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    public Device device() {
        return device;
    }

    /** The engine's stream (a cudaStream_t). */
    public MemorySegment stream() {
        return stream;
    }

    /** {@code bytes} of device memory, zeroed (synchronously). */
    public DeviceMemory allocate(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check("cudaMalloc", cudart_h.cudaMalloc(out, Math.max(bytes, 1)));
            DeviceMemory memory = new DeviceMemory(out.get(ValueLayout.ADDRESS, 0), bytes);
            check("cudaMemsetAsync", cudart_h.cudaMemsetAsync(memory.address(), 0, bytes, stream));
            synchronize();
            return memory;
        }
    }

    /** Page-locked host memory (cudaMallocHost), whose content a captured graph's copies read at replay time. */
    public MemorySegment pinned(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check("cudaMallocHost", cudart_h.cudaMallocHost(out, bytes));
            return out.get(ValueLayout.ADDRESS, 0).reinterpret(bytes, arena, p -> cudart_h.cudaFreeHost(p));
        }
    }

    /** Synchronous copy host -> device. */
    public void upload(DeviceMemory dst, long dstOffset, MemorySegment src, long bytes) {
        requireRange(dst, dstOffset, bytes);
        check("cudaMemcpy", cudart_h.cudaMemcpy(dst.address(dstOffset), src, bytes, cudart_h.cudaMemcpyHostToDevice()));
    }

    /** Synchronous copy device -> host (waits for the stream first). */
    public void download(MemorySegment dst, DeviceMemory src, long srcOffset, long bytes) {
        requireRange(src, srcOffset, bytes);
        synchronize();
        check("cudaMemcpy", cudart_h.cudaMemcpy(dst, src.address(srcOffset), bytes, cudart_h.cudaMemcpyDeviceToHost()));
    }

    /** Asynchronous copy of pinned host memory to the device on the engine's stream (capturable). */
    public void uploadAsync(DeviceMemory dst, MemorySegment pinnedSrc, long bytes) {
        requireRange(dst, 0, bytes);
        check("cudaMemcpyAsync", cudart_h.cudaMemcpyAsync(dst.address(), pinnedSrc, bytes,
                cudart_h.cudaMemcpyHostToDevice(), stream));
    }

    /** Asynchronous device -> device copy on the engine's stream (the bandwidth yardstick of the benchmarks). */
    public void copyAsync(DeviceMemory dst, DeviceMemory src, long bytes) {
        requireRange(dst, 0, bytes);
        requireRange(src, 0, bytes);
        check("cudaMemcpyAsync", cudart_h.cudaMemcpyAsync(dst.address(), src.address(), bytes,
                cudart_h.cudaMemcpyDeviceToDevice(), stream));
    }

    /** Waits until everything enqueued on the stream has finished. */
    public void synchronize() {
        check("cudaStreamSynchronize", cudart_h.cudaStreamSynchronize(stream));
    }

    /**
     * Captures everything {@code work} enqueues on the stream into a graph (thread-local capture mode) and
     * instantiates it. {@code work} must not synchronise or allocate.
     */
    public CudaGraph capture(Runnable work) {
        check("cudaStreamBeginCapture", cudart_h.cudaStreamBeginCapture(stream, cudart_h.cudaStreamCaptureModeThreadLocal()));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment graph = a.allocate(ValueLayout.ADDRESS);
            try {
                work.run();
            } finally {
                check("cudaStreamEndCapture", cudart_h.cudaStreamEndCapture(stream, graph));
            }
            MemorySegment exec = a.allocate(ValueLayout.ADDRESS);
            MemorySegment g = graph.get(ValueLayout.ADDRESS, 0);
            check("cudaGraphInstantiate", cudart_h.cudaGraphInstantiate(exec, g, 0L));
            return new CudaGraph(g, exec.get(ValueLayout.ADDRESS, 0), stream);
        }
    }

    /** Throws {@link CudaException} unless {@code status} is cudaSuccess. */
    public static void check(String function, int status) {
        if (status != 0) {
            throw new CudaException(function, status, errorText(status));
        }
    }

    static String errorText(int status) {
        return cudart_h.cudaGetErrorString(status).reinterpret(512).getString(0);
    }

    private static void requireRange(DeviceMemory m, long offset, long bytes) {
        if (offset < 0 || bytes < 0 || offset + bytes > m.bytes()) {
            throw new IllegalArgumentException(bytes + " bytes at offset " + offset + " exceed " + m.bytes() + " bytes of device memory");
        }
    }

    @Override
    public void close() {
        synchronize();
        check("cudaStreamDestroy", cudart_h.cudaStreamDestroy(stream));
        arena.close();
    }
}
