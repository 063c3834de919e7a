package org.gddim.bindings.raw;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.gddim.bindings.NativeLibraries;

/**
 * Raw FFM bindings of {@code kernels-cu/include/gdk_cuda.h} version 0.2.0 (libgdk_cuda.so), jextract
 * shape as in {@link gdk_h}. Buffers are device pointers; {@code eps} and {@code c} point to host memory.
 * Driven by org.gddim.bindings.CudaKernels (the safe layer) for the engine's cuda backend.
 */
@SuppressWarnings("unused")
public final class gdk_cuda_h {
    private gdk_cuda_h() {}

    private static final class Lib {
        static final SymbolLookup SYMBOL_LOOKUP = NativeLibraries.lookup(NativeLibraries.Library.GDK_CUDA);
    }

    static MemorySegment findOrThrow(String symbol) {
        return Lib.SYMBOL_LOOKUP.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    // ---- uint32_t gdk_cuda_version(void) -----------------------------------------------------------------
    private static final class gdk_cuda_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_version");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_version$descriptor() { return gdk_cuda_version.DESC; }
    public static MethodHandle gdk_cuda_version$handle() { return gdk_cuda_version.HANDLE; }
    public static MemorySegment gdk_cuda_version$address() { return gdk_cuda_version.ADDR; }

    public static int gdk_cuda_version() {
        try {
            return (int) gdk_cuda_version.HANDLE.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_cuda_ei_step_f32(gdk_stream stream, int64_t n, float *u_out, const float *u,
    //        double a, int32_t k, const float *const *eps, const double *c, const float *z, double s) -----
    private static final class gdk_cuda_ei_step_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_LONG,
                gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_DOUBLE, gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_POINTER,
                gdk_h.C_POINTER, gdk_h.C_DOUBLE);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_ei_step_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_ei_step_f32$descriptor() { return gdk_cuda_ei_step_f32.DESC; }
    public static MethodHandle gdk_cuda_ei_step_f32$handle() { return gdk_cuda_ei_step_f32.HANDLE; }
    public static MemorySegment gdk_cuda_ei_step_f32$address() { return gdk_cuda_ei_step_f32.ADDR; }

    public static int gdk_cuda_ei_step_f32(MemorySegment stream, long n, MemorySegment u_out, MemorySegment u,
            double a, int k, MemorySegment eps, MemorySegment c, MemorySegment z, double s) {
        try {
            return (int) gdk_cuda_ei_step_f32.HANDLE.invokeExact(stream, n, u_out, u, a, k, eps, c, z, s);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_cuda_philox_normal_f32(gdk_stream stream, int64_t batch, int64_t dim, uint64_t seed,
    //                                      uint32_t noise_stream, const int64_t *first_sample, float *out) ----
    private static final class gdk_cuda_philox_normal_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_LONG, gdk_h.C_LONG, gdk_h.C_LONG, gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_philox_normal_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_philox_normal_f32$descriptor() { return gdk_cuda_philox_normal_f32.DESC; }
    public static MethodHandle gdk_cuda_philox_normal_f32$handle() { return gdk_cuda_philox_normal_f32.HANDLE; }
    public static MemorySegment gdk_cuda_philox_normal_f32$address() { return gdk_cuda_philox_normal_f32.ADDR; }

    public static int gdk_cuda_philox_normal_f32(MemorySegment stream, long batch, long dim, long seed, int noise_stream, MemorySegment first_sample, MemorySegment out) {
        try {
            return (int) gdk_cuda_philox_normal_f32.HANDLE.invokeExact(stream, batch, dim, seed, noise_stream, first_sample, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_cuda_block2_step_f32(gdk_stream stream, int64_t batch, int64_t plane, float *u_out,
    //        const float *u, const double *a, int32_t k, const float *const *eps, const double *c,
    //        const float *z, const double *s) ----------------------------------------------------------------
    private static final class gdk_cuda_block2_step_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_LONG,
                gdk_h.C_LONG, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_INT, gdk_h.C_POINTER,
                gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_block2_step_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_block2_step_f32$descriptor() { return gdk_cuda_block2_step_f32.DESC; }
    public static MethodHandle gdk_cuda_block2_step_f32$handle() { return gdk_cuda_block2_step_f32.HANDLE; }
    public static MemorySegment gdk_cuda_block2_step_f32$address() { return gdk_cuda_block2_step_f32.ADDR; }

    public static int gdk_cuda_block2_step_f32(MemorySegment stream, long batch, long plane, MemorySegment u_out,
            MemorySegment u, MemorySegment a, int k, MemorySegment eps, MemorySegment c, MemorySegment z,
            MemorySegment s) {
        try {
            return (int) gdk_cuda_block2_step_f32.HANDLE.invokeExact(stream, batch, plane, u_out, u, a, k, eps, c, z, s);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_cuda_gmm_eps_f32(gdk_stream stream, int64_t batch, int32_t d, int32_t k, const float *u, ...)
    private static final class gdk_cuda_gmm_eps_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_LONG, gdk_h.C_INT, gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_DOUBLE, gdk_h.C_POINTER, gdk_h.C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_gmm_eps_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_gmm_eps_f32$descriptor() { return gdk_cuda_gmm_eps_f32.DESC; }
    public static MethodHandle gdk_cuda_gmm_eps_f32$handle() { return gdk_cuda_gmm_eps_f32.HANDLE; }
    public static MemorySegment gdk_cuda_gmm_eps_f32$address() { return gdk_cuda_gmm_eps_f32.ADDR; }

    public static int gdk_cuda_gmm_eps_f32(MemorySegment stream, long batch, int d, int k, MemorySegment u, MemorySegment mean_t, MemorySegment basis, MemorySegment inv_var, MemorySegment log_norm, double sigma, MemorySegment work, MemorySegment eps) {
        try {
            return (int) gdk_cuda_gmm_eps_f32.HANDLE.invokeExact(stream, batch, d, k, u, mean_t, basis, inv_var, log_norm, sigma, work, eps);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_cuda_diag_step_f32(gdk_stream stream, int64_t n, int64_t m, float *u_out,
    //        const float *u, int32_t k, const float *const *eps, const float *coef, const float *z) ---------
    private static final class gdk_cuda_diag_step_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_LONG,
                gdk_h.C_LONG, gdk_h.C_POINTER, gdk_h.C_POINTER, gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_POINTER,
                gdk_h.C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_diag_step_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_diag_step_f32$descriptor() { return gdk_cuda_diag_step_f32.DESC; }
    public static MethodHandle gdk_cuda_diag_step_f32$handle() { return gdk_cuda_diag_step_f32.HANDLE; }
    public static MemorySegment gdk_cuda_diag_step_f32$address() { return gdk_cuda_diag_step_f32.ADDR; }

    public static int gdk_cuda_diag_step_f32(MemorySegment stream, long n, long m, MemorySegment u_out,
            MemorySegment u, int k, MemorySegment eps, MemorySegment coef, MemorySegment z) {
        try {
            return (int) gdk_cuda_diag_step_f32.HANDLE.invokeExact(stream, n, m, u_out, u, k, eps, coef, z);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_cuda_dct2_f32(gdk_stream stream, int64_t images, int32_t h, int32_t w,
    //        int32_t inverse, float *out, const float *in) -------------------------------------------------
    private static final class gdk_cuda_dct2_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_LONG,
                gdk_h.C_INT, gdk_h.C_INT, gdk_h.C_INT, gdk_h.C_POINTER, gdk_h.C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_cuda_dct2_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_cuda_dct2_f32$descriptor() { return gdk_cuda_dct2_f32.DESC; }
    public static MethodHandle gdk_cuda_dct2_f32$handle() { return gdk_cuda_dct2_f32.HANDLE; }
    public static MemorySegment gdk_cuda_dct2_f32$address() { return gdk_cuda_dct2_f32.ADDR; }

    public static int gdk_cuda_dct2_f32(MemorySegment stream, long images, int h, int w, int inverse,
            MemorySegment out, MemorySegment in) {
        try {
            return (int) gdk_cuda_dct2_f32.HANDLE.invokeExact(stream, images, h, w, inverse, out, in);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
