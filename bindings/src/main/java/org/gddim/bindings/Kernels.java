package org.gddim.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.gddim.bindings.raw.gdk_h;

/**
 * Typed entry points of libgdk's ops (sizes as long, buffers as native segments of float32). Each call
 * checks segment sizes before crossing into C and turns a non-OK status into a {@link NativeException}.
 * An instance owns a small native block for the pointer and coefficient arrays the C API takes, so a
 * call allocates nothing; use one instance per thread at a time, and close it when done.
 */
public final class Kernels implements AutoCloseable {
    /** Doubles of the 2x2-block step's coefficient block: psi (4), C_j (4 each), s (4). */
    private static final int BLOCK2_DOUBLES = 4 * (Gdk.MAX_EPS + 2);

    private final Arena arena = Arena.ofShared();
    private final MemorySegment epsPointers = arena.allocate(ValueLayout.ADDRESS, Gdk.MAX_EPS);
    private final MemorySegment coefficients = arena.allocate(ValueLayout.JAVA_DOUBLE, BLOCK2_DOUBLES);
    /** The diagonal step's (k + 2) m coefficient maps; grown (never shrunk) in its own arena. */
    private Arena tableArena = Arena.ofShared();
    private MemorySegment table = tableArena.allocate(ValueLayout.JAVA_DOUBLE, 1);

    Kernels() {}

    /**
     * Fused exponential-integrator step, {@code out = a*u + sum_{j<k} c[j]*eps[j] + s*z} over {@code n}
     * float32 elements (gdk.h {@code gdk_ei_step_f32}). {@code out} may be {@code u}; {@code z} may be null
     * (no noise term). 4*(k+2) bytes of memory traffic per element.
     */
    public void eiStepF32(long n, MemorySegment out, MemorySegment u, double a, MemorySegment[] eps, double[] c, int k,
            MemorySegment z, double s) {
        if (k < 0 || k > Gdk.MAX_EPS || k > eps.length || k > c.length) {
            throw new IllegalArgumentException("k = " + k + " must be in [0, " + Gdk.MAX_EPS + "] and <= eps/c lengths");
        }
        Gdk.requireFloats("u_out", out, n);
        Gdk.requireFloats("u", u, n);
        for (int j = 0; j < k; j++) {
            Gdk.requireFloats("eps[" + j + "]", eps[j], n);
            epsPointers.setAtIndex(ValueLayout.ADDRESS, j, eps[j]);
            coefficients.setAtIndex(ValueLayout.JAVA_DOUBLE, j, c[j]);
        }
        MemorySegment noise = MemorySegment.NULL;
        if (z != null) {
            Gdk.requireFloats("z", z, n);
            noise = z;
        }
        Gdk.check("gdk_ei_step_f32", gdk_h.gdk_ei_step_f32(n, out, u, a, k, epsPointers, coefficients, noise, s));
    }

    /** gdk_philox_normal_f32: (batch, dim) standard normals keyed by (seed, stream, firstSample + b) into {@code out}. */
    public void philoxNormalF32(long batch, long dim, long seed, int stream, long firstSample, MemorySegment out) {
        Gdk.requireFloats("out", out, batch * dim);
        Gdk.check("gdk_philox_normal_f32", gdk_h.gdk_philox_normal_f32(batch, dim, seed, stream, firstSample, out));
    }

    /**
     * gdk_gmm_eps_f32: the exact GMM eps at one time from precomputed double parameters (shapes in gdk.h); {@code basis}
     * may be null (all components diagonal); {@code work} holds k + 2d doubles.
     */
    public void gmmEpsF32(long batch, int d, int k, MemorySegment u, MemorySegment meanT, MemorySegment basis,
            MemorySegment invVar, MemorySegment logNorm, double sigma, MemorySegment work, MemorySegment eps) {
        Gdk.requireFloats("u", u, batch * d);
        Gdk.requireFloats("eps", eps, batch * d);
        requireDoubles("mean_t", meanT, (long) k * d);
        requireDoubles("inv_var", invVar, (long) k * d);
        requireDoubles("log_norm", logNorm, k);
        requireDoubles("work", work, k + 2L * d);
        if (basis != null) {
            requireDoubles("basis", basis, (long) k * d * d);
        }
        Gdk.check("gdk_gmm_eps_f32", gdk_h.gdk_gmm_eps_f32(batch, d, k, u, meanT, basis == null ? MemorySegment.NULL : basis,
                invVar, logNorm, sigma, work, eps));
    }

    private static void requireDoubles(String name, MemorySegment s, long n) {
        if (s == null || !s.isNative() || s.byteSize() < 8 * n) {
            throw new IllegalArgumentException(name + " must be native memory holding " + n + " doubles");
        }
    }

    /**
     * Fused 2x2-block step (CLD) over {@code batch} samples of two planes of {@code plane} floats, x then v
     * (gdk.h {@code gdk_block2_step_f32}): {@code (x, v)' = a (x, v) + sum_{j<k} c[j] (ex_j, ev_j) + s (zx, zv)}
     * with each matrix 4 doubles row-major [xx, xv, vx, vv]. {@code out} may be {@code u}; {@code z} and
     * {@code s} may be null. 4 (k + 2) bytes of memory traffic per element.
     */
    public void block2StepF32(long batch, long plane, MemorySegment out, MemorySegment u, double[] a, MemorySegment[] eps,
            double[][] c, int k, MemorySegment z, double[] s) {
        checkK(k, eps, c);
        long n = Math.multiplyExact(Math.multiplyExact(batch, 2L), plane);
        Gdk.requireFloats("u_out", out, n);
        Gdk.requireFloats("u", u, n);
        requireLength("a", a, 4);
        MemorySegment.copy(a, 0, coefficients, ValueLayout.JAVA_DOUBLE, 0, 4);
        for (int j = 0; j < k; j++) {
            Gdk.requireFloats("eps[" + j + "]", eps[j], n);
            requireLength("c[" + j + "]", c[j], 4);
            epsPointers.setAtIndex(ValueLayout.ADDRESS, j, eps[j]);
            MemorySegment.copy(c[j], 0, coefficients, ValueLayout.JAVA_DOUBLE, 8L * 4 * (1 + j), 4);
        }
        MemorySegment noise = MemorySegment.NULL;
        MemorySegment sSeg = MemorySegment.NULL;
        if (z != null) {
            Gdk.requireFloats("z", z, n);
            requireLength("s", s, 4);
            MemorySegment.copy(s, 0, coefficients, ValueLayout.JAVA_DOUBLE, 8L * 4 * (1 + Gdk.MAX_EPS), 4);
            noise = z;
            sSeg = coefficients.asSlice(8L * 4 * (1 + Gdk.MAX_EPS));
        }
        Gdk.check("gdk_block2_step_f32", gdk_h.gdk_block2_step_f32(batch, plane, out, u, coefficients, k, epsPointers,
                coefficients.asSlice(8L * 4), noise, sSeg));
    }

    /**
     * Fused diagonal step (BDM in the DCT basis) over {@code n} floats with coefficient maps of period
     * {@code m = a.length} (gdk.h {@code gdk_diag_step_f32}): {@code out[i] = a[l] u[i] + sum_{j<k} c[j][l] eps_j[i]
     * + s[l] z[i]}, {@code l = i mod m}. {@code out} may be {@code u}; {@code z} and {@code s} may be null.
     */
    public void diagStepF32(long n, MemorySegment out, MemorySegment u, double[] a, MemorySegment[] eps, double[][] c,
            int k, MemorySegment z, double[] s) {
        checkK(k, eps, c);
        int m = a.length;
        Gdk.requireFloats("u_out", out, n);
        Gdk.requireFloats("u", u, n);
        MemorySegment maps = table((long) (k + 2) * m);
        MemorySegment.copy(a, 0, maps, ValueLayout.JAVA_DOUBLE, 0, m);
        for (int j = 0; j < k; j++) {
            Gdk.requireFloats("eps[" + j + "]", eps[j], n);
            requireLength("c[" + j + "]", c[j], m);
            epsPointers.setAtIndex(ValueLayout.ADDRESS, j, eps[j]);
            MemorySegment.copy(c[j], 0, maps, ValueLayout.JAVA_DOUBLE, 8L * m * (1 + j), m);
        }
        MemorySegment noise = MemorySegment.NULL;
        MemorySegment sSeg = MemorySegment.NULL;
        if (z != null) {
            Gdk.requireFloats("z", z, n);
            requireLength("s", s, m);
            MemorySegment.copy(s, 0, maps, ValueLayout.JAVA_DOUBLE, 8L * m * (1 + k), m);
            noise = z;
            sSeg = maps.asSlice(8L * m * (1 + k));
        }
        Gdk.check("gdk_diag_step_f32", gdk_h.gdk_diag_step_f32(n, m, out, u, maps, k, epsPointers,
                k > 0 ? maps.asSlice(8L * m) : MemorySegment.NULL, noise, sSeg));
    }

    /**
     * Orthonormal 2-D DCT-II ({@code inverse} false) or its inverse of {@code images} h x w float images
     * (gdk.h {@code gdk_dct2_f32}); {@code out} may be {@code in}. h, w in 1..{@link Gdk#DCT_MAX_SIDE}.
     */
    public void dct2F32(long images, int h, int w, boolean inverse, MemorySegment out, MemorySegment in) {
        long n = Math.multiplyExact(images, (long) h * w);
        Gdk.requireFloats("out", out, n);
        Gdk.requireFloats("in", in, n);
        Gdk.check("gdk_dct2_f32", gdk_h.gdk_dct2_f32(images, h, w, inverse ? 1 : 0, out, in));
    }

    private static void checkK(int k, MemorySegment[] eps, double[][] c) {
        if (k < 0 || k > Gdk.MAX_EPS || k > eps.length || k > c.length) {
            throw new IllegalArgumentException("k = " + k + " must be in [0, " + Gdk.MAX_EPS + "] and <= eps/c lengths");
        }
    }

    private static void requireLength(String name, double[] v, int length) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException(name + " must hold " + length + " coefficients, got "
                    + (v == null ? "null" : v.length));
        }
    }

    private MemorySegment table(long doubles) {
        if (table.byteSize() < 8 * doubles) {
            tableArena.close();
            tableArena = Arena.ofShared();
            table = tableArena.allocate(ValueLayout.JAVA_DOUBLE, doubles);
        }
        return table;
    }

    @Override
    public void close() {
        tableArena.close();
        arena.close();
    }
}
