package org.gddim.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.gddim.bindings.raw.gdk_cuda_h;

/**
 * Typed entry points of libgdk_cuda's ops (kernels-cu/include/gdk_cuda.h) on the stream of a {@link Cuda}:
 * device buffers as {@link DeviceMemory} (sizes checked here), host arrays of pointers and coefficients in a
 * small native block this object owns (read by the launcher before it returns, so launches can be captured).
 * Launch failures become {@link NativeException}s; the CUDA error itself is in the runtime's last error.
 */
public final class CudaKernels implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment epsPointers = arena.allocate(ValueLayout.ADDRESS, Gdk.MAX_EPS);
    private final MemorySegment coefficients = arena.allocate(ValueLayout.JAVA_DOUBLE, 4L * (Gdk.MAX_EPS + 2));
    private final Cuda cuda;

    /** Loads libgdk_cuda.so (throws {@link LibraryUnavailableException} saying why it cannot). */
    public CudaKernels(Cuda cuda) {
        NativeLibraries.lookup(NativeLibraries.Library.GDK_CUDA);
        int v = gdk_cuda_h.gdk_cuda_version();
        if (v != Gdk.BINDINGS_VERSION) {
            throw new LibraryUnavailableException("libgdk_cuda.so", "it is version " + Gdk.versionString(v)
                    + " but these bindings need " + Gdk.versionString(Gdk.BINDINGS_VERSION));
        }
        this.cuda = cuda;
    }

    /** gdk_cuda_ei_step_f32: {@code out = a u + sum_{j<k} c_j eps_j [+ s z]} over n floats (z may be null). */
    public void eiStepF32(long n, DeviceMemory out, DeviceMemory u, double a, DeviceMemory[] eps, double[] c, int k,
            DeviceMemory z, double s) {
        requireFloats("u_out", out, n);
        requireFloats("u", u, n);
        for (int j = 0; j < k; j++) {
            requireFloats("eps[" + j + "]", eps[j], n);
            epsPointers.setAtIndex(ValueLayout.ADDRESS, j, eps[j].address());
            coefficients.setAtIndex(ValueLayout.JAVA_DOUBLE, j, c[j]);
        }
        if (z != null) {
            requireFloats("z", z, n);
        }
        Gdk.check("gdk_cuda_ei_step_f32", gdk_cuda_h.gdk_cuda_ei_step_f32(cuda.stream(), n, out.address(), u.address(), a,
                k, epsPointers, coefficients, z == null ? MemorySegment.NULL : z.address(), s));
    }

    /** gdk_cuda_philox_normal_f32; {@code firstSample} is device memory holding one int64. */
    public void philoxNormalF32(long batch, long dim, long seed, int stream, DeviceMemory firstSample, DeviceMemory out) {
        requireFloats("out", out, batch * dim);
        if (firstSample.bytes() < 8) {
            throw new IllegalArgumentException("first_sample must hold one int64");
        }
        Gdk.check("gdk_cuda_philox_normal_f32", gdk_cuda_h.gdk_cuda_philox_normal_f32(cuda.stream(), batch, dim, seed, stream,
                firstSample.address(), out.address()));
    }

    /** gdk_cuda_gmm_eps_f32 with time-t parameters already on the device (see gdk.h for each array's shape). */
    public void gmmEpsF32(long batch, int d, int k, DeviceMemory u, DeviceMemory meanT, DeviceMemory basis,
            DeviceMemory invVar, DeviceMemory logNorm, double sigma, DeviceMemory work, DeviceMemory eps) {
        requireFloats("u", u, batch * d);
        requireFloats("eps", eps, batch * d);
        if (work.bytes() < 8L * batch * (k + 2L * d) || meanT.bytes() < 8L * k * d || invVar.bytes() < 8L * k * d
                || logNorm.bytes() < 8L * k || (basis != null && basis.bytes() < 8L * k * d * d)) {
            throw new IllegalArgumentException("gmm parameter or work buffers are too small for batch " + batch
                    + ", d " + d + ", k " + k);
        }
        Gdk.check("gdk_cuda_gmm_eps_f32", gdk_cuda_h.gdk_cuda_gmm_eps_f32(cuda.stream(), batch, d, k, u.address(),
                meanT.address(), basis == null ? MemorySegment.NULL : basis.address(), invVar.address(), logNorm.address(),
                sigma, work.address(), eps.address()));
    }

    /**
     * gdk_cuda_block2_step_f32: the CLD step {@code (x, v)' = a (x, v) + sum_j c_j (ex_j, ev_j) [+ s (zx, zv)]} over
     * {@code batch} states of 2 planes of {@code plane} floats, each matrix 4 doubles row-major.
     */
    public void block2StepF32(long batch, long plane, DeviceMemory out, DeviceMemory u, double[] a, DeviceMemory[] eps,
            double[][] c, int k, DeviceMemory z, double[] s) {
        long n = Math.multiplyExact(Math.multiplyExact(batch, 2L), plane);
        requireFloats("u_out", out, n);
        requireFloats("u", u, n);
        MemorySegment.copy(a, 0, coefficients, ValueLayout.JAVA_DOUBLE, 0, 4);
        for (int j = 0; j < k; j++) {
            requireFloats("eps[" + j + "]", eps[j], n);
            epsPointers.setAtIndex(ValueLayout.ADDRESS, j, eps[j].address());
            MemorySegment.copy(c[j], 0, coefficients, ValueLayout.JAVA_DOUBLE, 32L * (1 + j), 4);
        }
        MemorySegment sSeg = MemorySegment.NULL;
        if (z != null) {
            requireFloats("z", z, n);
            MemorySegment.copy(s, 0, coefficients, ValueLayout.JAVA_DOUBLE, 32L * (1 + Gdk.MAX_EPS), 4);
            sSeg = coefficients.asSlice(32L * (1 + Gdk.MAX_EPS));
        }
        Gdk.check("gdk_cuda_block2_step_f32", gdk_cuda_h.gdk_cuda_block2_step_f32(cuda.stream(), batch, plane, out.address(),
                u.address(), coefficients, k, epsPointers, coefficients.asSlice(32L), z == null ? MemorySegment.NULL
                : z.address(), sSeg));
    }

    /**
     * gdk_cuda_diag_step_f32 over {@code n} floats with maps of period {@code m}; {@code table} is the float32
     * (k + 2, m) coefficient table in device memory (gdk_cuda.h: a, c_0 .. c_{k-1}, s).
     */
    public void diagStepF32(long n, long m, DeviceMemory out, DeviceMemory u, int k, DeviceMemory[] eps, DeviceMemory table,
            DeviceMemory z) {
        requireFloats("u_out", out, n);
        requireFloats("u", u, n);
        requireFloats("coef", table, (k + 2) * m);
        for (int j = 0; j < k; j++) {
            requireFloats("eps[" + j + "]", eps[j], n);
            epsPointers.setAtIndex(ValueLayout.ADDRESS, j, eps[j].address());
        }
        if (z != null) {
            requireFloats("z", z, n);
        }
        Gdk.check("gdk_cuda_diag_step_f32", gdk_cuda_h.gdk_cuda_diag_step_f32(cuda.stream(), n, m, out.address(), u.address(),
                k, epsPointers, table.address(), z == null ? MemorySegment.NULL : z.address()));
    }

    /** gdk_cuda_dct2_f32: orthonormal 2-D DCT-II (or its inverse) of {@code images} h x w images. */
    public void dct2F32(long images, int h, int w, boolean inverse, DeviceMemory out, DeviceMemory in) {
        long n = Math.multiplyExact(images, (long) h * w);
        requireFloats("out", out, n);
        requireFloats("in", in, n);
        Gdk.check("gdk_cuda_dct2_f32", gdk_cuda_h.gdk_cuda_dct2_f32(cuda.stream(), images, h, w, inverse ? 1 : 0,
                out.address(), in.address()));
    }

    private static void requireFloats(String name, DeviceMemory m, long n) {
        if (m.bytes() < 4 * n) {
            throw new IllegalArgumentException(name + " holds " + m.bytes() / 4 + " floats, need " + n);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
