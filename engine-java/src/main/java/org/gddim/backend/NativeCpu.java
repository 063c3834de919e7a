package org.gddim.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.gddim.bindings.Gdk;
import org.gddim.bindings.Kernels;
import org.gddim.structure.Structure;

/**
 * The CPU backend: float32 buffers in native memory, each fused step one call into libgdk's C kernel
 * (kernels-cu/src/cpu) through FFM on the buffers' own segments, with no copies. Use from one thread at a
 * time (it owns one argument block).
 */
public final class NativeCpu implements Backend {
    private final Arena arena = Arena.ofShared();
    private final Kernels kernels;
    private final MemorySegment[] epsSegments = new MemorySegment[Gdk.MAX_EPS];
    private final double[] coefficients = new double[Gdk.MAX_EPS];

    /** Loads libgdk; throws {@link org.gddim.bindings.LibraryUnavailableException} saying why it cannot. */
    public NativeCpu() {
        this.kernels = Gdk.load().kernels();
    }

    @Override
    public BackendKind kind() {
        return BackendKind.NATIVE;
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public HostBuffer allocate(long length) {
        return new HostBuffer(arena.allocate(length * 4, 64), DType.F32, length);
    }

    @Override
    public void write(Buffer dst, long offset, float[] src) {
        HostBuffer.of(dst).write(offset, src);
    }

    @Override
    public void read(Buffer src, long offset, float[] dst) {
        HostBuffer.of(src).read(offset, dst);
    }

    /** One libgdk kernel per structure: gdk_ei_step_f32, gdk_block2_step_f32, gdk_diag_step_f32. */
    @Override
    public void step(Structure structure, long n, int dim, Buffer dst, Buffer src, double[] psi, Buffer[] eps,
            double[][] c, int k, Buffer z, double[] s) {
        for (int j = 0; j < k; j++) {
            epsSegments[j] = segment(eps[j]);
        }
        MemorySegment noise = z == null ? null : segment(z);
        switch (structure) {
            case SCALAR -> {
                for (int j = 0; j < k; j++) {
                    coefficients[j] = c[j][0];
                }
                kernels.eiStepF32(n, segment(dst), segment(src), psi[0], epsSegments, coefficients, k, noise,
                        s == null ? 0.0 : s[0]);
            }
            case BLOCK2 -> kernels.block2StepF32(n / dim, dim / 2, segment(dst), segment(src), psi, epsSegments, c, k,
                    noise, s);
            case DIAGONAL -> kernels.diagStepF32(n, segment(dst), segment(src), psi, epsSegments, c, k, noise, s);
        }
    }

    @Override
    public void dct2(Buffer dst, Buffer src, long images, int h, int w, boolean inverse) {
        kernels.dct2F32(images, h, w, inverse, segment(dst), segment(src));
    }

    @Override
    public void normal(Buffer dst, long seed, int stream, long firstSample, int batch, int dim) {
        JavaScalar.hostNormal(HostBuffer.of(dst), seed, stream, firstSample, batch, dim);
    }

    private static MemorySegment segment(Buffer buffer) {
        HostBuffer host = HostBuffer.of(buffer);
        if (host.dtype() != DType.F32) {
            throw new IllegalArgumentException("the native backend runs float32 buffers, got " + host.dtype());
        }
        return host.segment();
    }

    @Override
    public void close() {
        kernels.close();
        arena.close();
    }
}
