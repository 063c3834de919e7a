package org.gddim.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.gddim.structure.Structure;
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

    /** Each output element computed in double from the double coefficients, rounded once. */
    @Override
    public void step(Structure structure, long n, int dim, Buffer dst, Buffer src, double[] psi, Buffer[] eps,
            double[][] c, int k, Buffer z, double[] s) {
        HostBuffer out = HostBuffer.of(dst);
        HostBuffer in = HostBuffer.of(src);
        HostBuffer[] e = new HostBuffer[k];
        for (int j = 0; j < k; j++) {
            e[j] = HostBuffer.of(eps[j]);
        }
        HostBuffer noise = z == null ? null : HostBuffer.of(z);
        switch (structure) {
            case SCALAR, DIAGONAL -> {
                int m = psi.length;
                for (long i = 0; i < n; i++) {
                    int l = (int) (i % m);
                    double x = psi[l] * in.get(i);
                    for (int j = 0; j < k; j++) {
                        x += c[j][l] * e[j].get(i);
                    }
                    if (noise != null) {
                        x += s[l] * noise.get(i);
                    }
                    out.set(i, x);
                }
            }
            case BLOCK2 -> {
                int p = dim / 2;
                for (long b = 0; b < n / dim; b++) {
                    for (int i = 0; i < p; i++) {
                        long ix = b * dim + i;
                        long iv = ix + p;
                        double x = in.get(ix);
                        double v = in.get(iv);
                        double nx = psi[0] * x + psi[1] * v;
                        double nv = psi[2] * x + psi[3] * v;
                        for (int j = 0; j < k; j++) {
                            double ex = e[j].get(ix);
                            double ev = e[j].get(iv);
                            nx += c[j][0] * ex + c[j][1] * ev;
                            nv += c[j][2] * ex + c[j][3] * ev;
                        }
                        if (noise != null) {
                            nx += s[0] * noise.get(ix) + s[1] * noise.get(iv);
                            nv += s[2] * noise.get(ix) + s[3] * noise.get(iv);
                        }
                        out.set(ix, nx);
                        out.set(iv, nv);
                    }
                }
            }
        }
    }

    /** The direct separable transform in double with the double basis, each output rounded once. */
    @Override
    public void dct2(Buffer dst, Buffer src, long images, int h, int w, boolean inverse) {
        HostBuffer out = HostBuffer.of(dst);
        HostBuffer in = HostBuffer.of(src);
        double[] x = new double[h * w];
        for (long img = 0; img < images; img++) {
            in.read(img * h * w, x);
            out.write(img * h * w, Dct.transform(x, h, w, inverse));
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
