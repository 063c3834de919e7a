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
    private final Arena arena = Arena.ofShared();
    private final MemorySegment epsPointers = arena.allocate(ValueLayout.ADDRESS, Gdk.MAX_EPS);
    private final MemorySegment coefficients = arena.allocate(ValueLayout.JAVA_DOUBLE, Gdk.MAX_EPS);

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

    @Override
    public void close() {
        arena.close();
    }
}
