package org.gddim.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gddim.bindings.Cuda;
import org.gddim.bindings.CudaGraph;
import org.gddim.bindings.CudaKernels;
import org.gddim.bindings.DeviceMemory;
import org.gddim.bindings.Gdk;
import org.gddim.structure.Structure;

/**
 * The GPU backend: float32 buffers in device memory and every op as a libgdk_cuda kernel on one non-blocking
 * stream, with no host synchronisation inside a run (only {@link #write}/{@link #read} wait). The noise of a
 * batch is keyed through a pinned host word copied to the device on the stream, so a run captured once as a
 * CUDA graph ({@link #capture}) replays for any batch after {@link #keyReplay}.
 */
public final class CudaBackend implements Backend, CudaDevice, GraphCapture {
    private final Cuda cuda;
    private final CudaKernels kernels;
    private final List<DeviceMemory> owned = new ArrayList<>();
    private final List<AutoCloseable> dependents = new ArrayList<>(); // closed first, newest first
    private final DeviceMemory firstSample; // int64: first sample index of the batch, read by the noise kernel
    private final MemorySegment firstSampleHost; // pinned: the graph's copy reads it at replay time
    private final DeviceMemory[] epsMemory = new DeviceMemory[Gdk.MAX_EPS];
    private final double[] coefficients = new double[Gdk.MAX_EPS];

    /** Opens device {@code device}; throws (CudaException / LibraryUnavailableException) saying why it cannot. */
    public CudaBackend(int device) {
        this.cuda = Cuda.open(device);
        this.kernels = new CudaKernels(cuda);
        this.firstSample = own(cuda.allocate(8));
        this.firstSampleHost = cuda.pinned(8);
    }

    private DeviceMemory own(DeviceMemory m) {
        owned.add(m);
        return m;
    }

    @Override
    public Optional<CudaDevice> cudaDevice() {
        return Optional.of(this);
    }

    @Override
    public Optional<GraphCapture> graphCapture() {
        return Optional.of(this);
    }

    @Override
    public <T extends AutoCloseable> T closeWithBackend(T resource) {
        dependents.add(resource);
        return resource;
    }

    @Override
    public Cuda cuda() {
        return cuda;
    }

    @Override
    public CudaKernels kernels() {
        return kernels;
    }

    @Override
    public DeviceMemory allocateBytes(long bytes) {
        return own(cuda.allocate(bytes));
    }

    @Override
    public BackendKind kind() {
        return BackendKind.CUDA;
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public DeviceBuffer allocate(long length) {
        return new DeviceBuffer(allocateBytes(4 * length), length);
    }

    @Override
    public void write(Buffer dst, long offset, float[] src) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment staging = a.allocateFrom(ValueLayout.JAVA_FLOAT, src);
            cuda.upload(DeviceBuffer.of(dst).memory(), 4 * offset, staging, 4L * src.length);
        }
    }

    @Override
    public void read(Buffer src, long offset, float[] dst) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment staging = a.allocate(ValueLayout.JAVA_FLOAT, dst.length);
            cuda.download(staging, DeviceBuffer.of(src).memory(), 4 * offset, 4L * dst.length);
            MemorySegment.copy(staging, ValueLayout.JAVA_FLOAT, 0, dst, 0, dst.length);
        }
    }

    @Override
    public void step(Structure structure, long n, int dim, Buffer dst, Buffer src, double[] psi, Buffer[] eps,
            double[][] c, int k, Buffer z, double[] s) {
        for (int j = 0; j < k; j++) {
            epsMemory[j] = DeviceBuffer.of(eps[j]).memory();
        }
        DeviceMemory out = DeviceBuffer.of(dst).memory();
        DeviceMemory in = DeviceBuffer.of(src).memory();
        DeviceMemory noise = z == null ? null : DeviceBuffer.of(z).memory();
        switch (structure) {
            case SCALAR -> {
                for (int j = 0; j < k; j++) {
                    coefficients[j] = c[j][0];
                }
                kernels.eiStepF32(n, out, in, psi[0], epsMemory, coefficients, k, noise, s == null ? 0.0 : s[0]);
            }
            case BLOCK2 -> kernels.block2StepF32(n / dim, dim / 2, out, in, psi, epsMemory, c, k, noise, s);
            case DIAGONAL -> kernels.diagStepF32(n, psi.length, out, in, k, epsMemory, diagonalTable(psi, c, k, s), noise);
        }
    }

    /** The per-coordinate maps of a DIAGONAL step as the device table the kernel reads (gdk_cuda.h). */
    private record MapsKey(double[] psi, double[][] c, double[] s) {} // arrays compare by identity: one entry per plan step

    private final java.util.Map<MapsKey, DeviceMemory> diagonalTables = new java.util.HashMap<>();
    private final List<MemorySegment> pinnedTables = new ArrayList<>();

    /**
     * Uploaded once per plan step (the plan's coefficient arrays are stable objects), by an asynchronous copy from
     * pinned memory on the stream, which a graph capture records as a copy node.
     */
    private DeviceMemory diagonalTable(double[] psi, double[][] c, int k, double[] s) {
        return diagonalTables.computeIfAbsent(new MapsKey(psi, c, s), key -> {
            int m = psi.length;
            MemorySegment host = cuda.pinned(4L * (k + 2) * m);
            pinnedTables.add(host);
            for (int i = 0; i < m; i++) {
                host.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) psi[i]);
                for (int j = 0; j < k; j++) {
                    host.setAtIndex(ValueLayout.JAVA_FLOAT, (long) (1 + j) * m + i, (float) c[j][i]);
                }
                host.setAtIndex(ValueLayout.JAVA_FLOAT, (long) (k + 1) * m + i, s == null ? 0f : (float) s[i]);
            }
            DeviceMemory table = allocateBytes(4L * (k + 2) * m);
            cuda.uploadAsync(table, host, 4L * (k + 2) * m);
            return table;
        });
    }

    @Override
    public void dct2(Buffer dst, Buffer src, long images, int h, int w, boolean inverse) {
        kernels.dct2F32(images, h, w, inverse, DeviceBuffer.of(dst).memory(), DeviceBuffer.of(src).memory());
    }

    @Override
    public void normal(Buffer dst, long seed, int stream, long first, int batch, int dim) {
        keyReplay(first);
        cuda.uploadAsync(firstSample, firstSampleHost, 8);
        kernels.philoxNormalF32(batch, dim, seed, stream, firstSample, DeviceBuffer.of(dst).memory());
    }

    @Override
    public void keyReplay(long first) {
        firstSampleHost.set(ValueLayout.JAVA_LONG, 0, first);
    }

    @Override
    public Replay capture(Runnable work) {
        CudaGraph graph = cuda.capture(work);
        return new Replay() {
            @Override
            public void launch() {
                graph.launch();
            }

            @Override
            public void close() {
                graph.close();
            }
        };
    }

    /** Waits for the stream. */
    public void synchronize() {
        cuda.synchronize();
    }

    @Override
    public void close() {
        cuda.synchronize();
        for (int i = dependents.size() - 1; i >= 0; i--) {
            try {
                dependents.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + dependents.get(i) + ": " + e.getMessage(), e);
            }
        }
        for (DeviceMemory m : owned) {
            m.close();
        }
        kernels.close();
        cuda.close();
    }
}
