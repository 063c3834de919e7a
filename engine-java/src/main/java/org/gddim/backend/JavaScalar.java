package org.gddim.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.gddim.process.Structure;
import org.gddim.rng.GaussianNoise;

/**
 * The reference backend: plain Java, one element at a time, every update computed in double and rounded
 * once to the buffer type. It also runs in float64 ({@link DType#F64}), which the convergence tests use so
 * that solver error is not hidden by float32 rounding. Slow by design; obviously correct is its job.
 */
public final class JavaScalar implements Backend {
    private final Arena arena = Arena.ofShared();
    private final DType dtype;

    public JavaScalar(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.JAVA;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public HostBuffer allocate(long length) {
        MemorySegment segment = arena.allocate(length * dtype.bytes(), 64);
        return new HostBuffer(segment, dtype, length);
    }

    @Override
    public void write(Buffer dst, long offset, float[] src) {
        HostBuffer.of(dst).write(offset, src);
    }

    @Override
    public void read(Buffer src, long offset, float[] dst) {
        HostBuffer.of(src).read(offset, dst);
    }

    @Override
    public void step(Structure structure, long n, Buffer dst, Buffer src, double[] psi, Buffer[] eps, double[][] c,
            int k, Buffer z, double[] s) {
        switch (structure) {
            case SCALAR -> scalarStep(n, HostBuffer.of(dst), HostBuffer.of(src), psi[0], eps, c, k,
                    z == null ? null : HostBuffer.of(z), s == null ? 0 : s[0]);
        }
    }

    private static void scalarStep(long n, HostBuffer dst, HostBuffer src, double a, Buffer[] eps, double[][] c, int k,
            HostBuffer z, double s) {
        HostBuffer[] e = new HostBuffer[k];
        for (int j = 0; j < k; j++) {
            e[j] = HostBuffer.of(eps[j]);
        }
        for (long i = 0; i < n; i++) {
            double x = a * src.get(i);
            for (int j = 0; j < k; j++) {
                x += c[j][0] * e[j].get(i);
            }
            if (z != null) {
                x += s * z.get(i);
            }
            dst.set(i, x);
        }
    }

    @Override
    public void normal(Buffer dst, long seed, int stream, long firstSample, int batch, int dim) {
        hostNormal(HostBuffer.of(dst), seed, stream, firstSample, batch, dim);
    }

    /** Philox normals computed on the host, written sample by sample (the CPU backends share this). */
    static void hostNormal(HostBuffer dst, long seed, int stream, long firstSample, int batch, int dim) {
        float[] row = new float[dim];
        for (int b = 0; b < batch; b++) {
            GaussianNoise.fill(seed, stream, firstSample + b, 1, dim, row, 0);
            dst.write((long) b * dim, row);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
