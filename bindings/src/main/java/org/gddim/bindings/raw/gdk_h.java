package org.gddim.bindings.raw;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.gddim.bindings.NativeLibraries;

/**
 * Raw FFM bindings of {@code kernels-cu/include/gdk.h} version 0.2.0, written by hand in the shape
 * jextract 22 generates (one holder class per function, a static wrapper, {@code $descriptor/$handle/
 * $address} accessors, macros as methods). Mechanical only: no checks, no policy; use the safe layer
 * ({@code org.gddim.bindings.Gdk}). One deliberate difference from jextract: the library is looked up
 * lazily in a holder class, so reading a macro never loads the library. Kept in sync with the header by
 * {@code BindingsMatchHeaderTest}. No function is linked {@code critical}: the kernels run for up to
 * milliseconds and must not block GC safepoints.
 */
@SuppressWarnings("unused")
public final class gdk_h {
    private gdk_h() {}

    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

    private static final class Lib {
        static final SymbolLookup SYMBOL_LOOKUP = NativeLibraries.lookup(NativeLibraries.Library.GDK);
    }

    static MemorySegment findOrThrow(String symbol) {
        return Lib.SYMBOL_LOOKUP.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    // ---- macros ------------------------------------------------------------------------------------------
    public static int GDK_VERSION_MAJOR() { return 0; }
    public static int GDK_VERSION_MINOR() { return 2; }
    public static int GDK_VERSION_PATCH() { return 0; }
    public static int GDK_MAX_EPS() { return 4; }
    public static int GDK_DCT_MAX_SIDE() { return 64; }
    public static int GDK_OK() { return 0; }
    public static int GDK_ERR_NULL_POINTER() { return 1; }
    public static int GDK_ERR_INVALID_ARGUMENT() { return 2; }
    public static int GDK_ERR_ALIASING() { return 3; }
    public static int GDK_ERR_CUDA() { return 4; }
    public static int GDK_ERR_NO_DEVICE() { return 5; }

    // ---- uint32_t gdk_version(void) ----------------------------------------------------------------------
    private static final class gdk_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
        static final MemorySegment ADDR = findOrThrow("gdk_version");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_version$descriptor() { return gdk_version.DESC; }
    public static MethodHandle gdk_version$handle() { return gdk_version.HANDLE; }
    public static MemorySegment gdk_version$address() { return gdk_version.ADDR; }

    public static int gdk_version() {
        try {
            return (int) gdk_version.HANDLE.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- const char *gdk_status_string(gdk_status status) ------------------------------------------------
    private static final class gdk_status_string {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT);
        static final MemorySegment ADDR = findOrThrow("gdk_status_string");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_status_string$descriptor() { return gdk_status_string.DESC; }
    public static MethodHandle gdk_status_string$handle() { return gdk_status_string.HANDLE; }
    public static MemorySegment gdk_status_string$address() { return gdk_status_string.ADDR; }

    public static MemorySegment gdk_status_string(int status) {
        try {
            return (MemorySegment) gdk_status_string.HANDLE.invokeExact(status);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_ei_step_f32(int64_t n, float *u_out, const float *u, double a, int32_t k,
    //                                 const float *const *eps, const double *c, const float *z, double s) --
    private static final class gdk_ei_step_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                C_INT, C_LONG, C_POINTER, C_POINTER, C_DOUBLE, C_INT, C_POINTER, C_POINTER, C_POINTER, C_DOUBLE);
        static final MemorySegment ADDR = findOrThrow("gdk_ei_step_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_ei_step_f32$descriptor() { return gdk_ei_step_f32.DESC; }
    public static MethodHandle gdk_ei_step_f32$handle() { return gdk_ei_step_f32.HANDLE; }
    public static MemorySegment gdk_ei_step_f32$address() { return gdk_ei_step_f32.ADDR; }

    public static int gdk_ei_step_f32(long n, MemorySegment u_out, MemorySegment u, double a, int k,
            MemorySegment eps, MemorySegment c, MemorySegment z, double s) {
        try {
            return (int) gdk_ei_step_f32.HANDLE.invokeExact(n, u_out, u, a, k, eps, c, z, s);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_philox_normal_f32(int64_t batch, int64_t dim, uint64_t seed, uint32_t stream,
    //                                 uint64_t first_sample, float *out) ---------------------------------------
    private static final class gdk_philox_normal_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG, C_LONG, C_LONG, C_INT, C_LONG, C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_philox_normal_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_philox_normal_f32$descriptor() { return gdk_philox_normal_f32.DESC; }
    public static MethodHandle gdk_philox_normal_f32$handle() { return gdk_philox_normal_f32.HANDLE; }
    public static MemorySegment gdk_philox_normal_f32$address() { return gdk_philox_normal_f32.ADDR; }

    public static int gdk_philox_normal_f32(long batch, long dim, long seed, int stream, long first_sample, MemorySegment out) {
        try {
            return (int) gdk_philox_normal_f32.HANDLE.invokeExact(batch, dim, seed, stream, first_sample, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_block2_step_f32(int64_t batch, int64_t plane, float *u_out, const float *u,
    //        const double *a, int32_t k, const float *const *eps, const double *c, const float *z,
    //        const double *s) ------------------------------------------------------------------------------
    private static final class gdk_block2_step_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG, C_LONG, C_POINTER, C_POINTER,
                C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_block2_step_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_block2_step_f32$descriptor() { return gdk_block2_step_f32.DESC; }
    public static MethodHandle gdk_block2_step_f32$handle() { return gdk_block2_step_f32.HANDLE; }
    public static MemorySegment gdk_block2_step_f32$address() { return gdk_block2_step_f32.ADDR; }

    public static int gdk_block2_step_f32(long batch, long plane, MemorySegment u_out, MemorySegment u,
            MemorySegment a, int k, MemorySegment eps, MemorySegment c, MemorySegment z, MemorySegment s) {
        try {
            return (int) gdk_block2_step_f32.HANDLE.invokeExact(batch, plane, u_out, u, a, k, eps, c, z, s);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_gmm_eps_f32(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
    //     const double *basis, const double *inv_var, const double *log_norm, double sigma, double *work, float *eps)
    private static final class gdk_gmm_eps_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG, C_INT, C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_DOUBLE, C_POINTER, C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_gmm_eps_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_gmm_eps_f32$descriptor() { return gdk_gmm_eps_f32.DESC; }
    public static MethodHandle gdk_gmm_eps_f32$handle() { return gdk_gmm_eps_f32.HANDLE; }
    public static MemorySegment gdk_gmm_eps_f32$address() { return gdk_gmm_eps_f32.ADDR; }

    public static int gdk_gmm_eps_f32(long batch, int d, int k, MemorySegment u, MemorySegment mean_t, MemorySegment basis, MemorySegment inv_var, MemorySegment log_norm, double sigma, MemorySegment work, MemorySegment eps) {
        try {
            return (int) gdk_gmm_eps_f32.HANDLE.invokeExact(batch, d, k, u, mean_t, basis, inv_var, log_norm, sigma, work, eps);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_diag_step_f32(int64_t n, int64_t m, float *u_out, const float *u, const double *a,
    //        int32_t k, const float *const *eps, const double *c, const float *z, const double *s) -----------
    private static final class gdk_diag_step_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG, C_LONG, C_POINTER, C_POINTER,
                C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_diag_step_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_diag_step_f32$descriptor() { return gdk_diag_step_f32.DESC; }
    public static MethodHandle gdk_diag_step_f32$handle() { return gdk_diag_step_f32.HANDLE; }
    public static MemorySegment gdk_diag_step_f32$address() { return gdk_diag_step_f32.ADDR; }

    public static int gdk_diag_step_f32(long n, long m, MemorySegment u_out, MemorySegment u, MemorySegment a,
            int k, MemorySegment eps, MemorySegment c, MemorySegment z, MemorySegment s) {
        try {
            return (int) gdk_diag_step_f32.HANDLE.invokeExact(n, m, u_out, u, a, k, eps, c, z, s);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- gdk_status gdk_dct2_f32(int64_t images, int32_t h, int32_t w, int32_t inverse, float *out,
    //        const float *in) ----------------------------------------------------------------------------------
    private static final class gdk_dct2_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG, C_INT, C_INT, C_INT, C_POINTER,
                C_POINTER);
        static final MemorySegment ADDR = findOrThrow("gdk_dct2_f32");
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    public static FunctionDescriptor gdk_dct2_f32$descriptor() { return gdk_dct2_f32.DESC; }
    public static MethodHandle gdk_dct2_f32$handle() { return gdk_dct2_f32.HANDLE; }
    public static MemorySegment gdk_dct2_f32$address() { return gdk_dct2_f32.ADDR; }

    public static int gdk_dct2_f32(long images, int h, int w, int inverse, MemorySegment out, MemorySegment in) {
        try {
            return (int) gdk_dct2_f32.HANDLE.invokeExact(images, h, w, inverse, out, in);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
