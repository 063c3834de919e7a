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

    @Override
    public void close() {
        arena.close();
    }
}
