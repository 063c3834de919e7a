package org.gddim.bench.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Raw FFM bindings of {@code bench/src/main/c/gdkbench.h} (libgdkbench.so, the bench-only C baselines), written
 * by hand in the shape jextract generates (one holder class per function with a static final
 * {@link MethodHandle}, a static wrapper, {@code $descriptor/$handle} accessors), like
 * {@code org.gddim.bindings.raw.gdk_h}. Mechanical: no checks (callers check sizes). No function is linked
 * {@code critical}, the same as libgdk's, so both sides of every comparison pay the same call cost.
 *
 * <p>The library is found in this order: {@code -Dgddim.libgdkbench=PATH}, then the copy bundled in the jar
 * under {@code org/gddim/bench/native/linux-x86_64/} (extracted to a temporary file when running from a jar),
 * looked up lazily on first use and never unloaded.
 */
@SuppressWarnings("unused")
public final class gdkbench_h {
    private gdkbench_h() {}

    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout C_POINTER = ValueLayout.ADDRESS;

    static final String RESOURCE = "org/gddim/bench/native/linux-x86_64/libgdkbench.so";

    private static final class Lib {
        static final SymbolLookup SYMBOL_LOOKUP = SymbolLookup.libraryLookup(locate(), Arena.global());
    }

    /** Where libgdkbench.so is loaded from (explicit property, else the bundled copy). */
    static Path locate() {
        String explicit = System.getProperty("gddim.libgdkbench");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        URL url = gdkbench_h.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new UnsatisfiedLinkError("libgdkbench.so is not bundled (" + RESOURCE + " missing): build with "
                    + "`mvn -pl bench package` (bench/Makefile needs gcc), or set -Dgddim.libgdkbench=PATH");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path dir = Files.createTempDirectory("gddim-bench-native-");
            Path target = dir.resolve("libgdkbench.so");
            try (InputStream in = url.openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + RESOURCE, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MemorySegment findOrThrow(String symbol) {
        return Lib.SYMBOL_LOOKUP.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    // ---- void gdkb_triad_f32(int64_t n, float *u, int32_t k, const float *e0, const float *e1,
    //                          const float *e2, const float *e3, float q) ----------------------------------
    private static final class gdkb_triad_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(
                C_LONG, C_POINTER, C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_FLOAT);
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(findOrThrow("gdkb_triad_f32"), DESC);
    }

    public static FunctionDescriptor gdkb_triad_f32$descriptor() { return gdkb_triad_f32.DESC; }
    public static MethodHandle gdkb_triad_f32$handle() { return gdkb_triad_f32.HANDLE; }

    public static void gdkb_triad_f32(long n, MemorySegment u, int k, MemorySegment e0, MemorySegment e1,
            MemorySegment e2, MemorySegment e3, float q) {
        try {
            gdkb_triad_f32.HANDLE.invokeExact(n, u, k, e0, e1, e2, e3, q);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- void gdkb_scale_f32(int64_t n, float *out, const float *x, float s) -------------------------------
    private static final class gdkb_scale_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_LONG, C_POINTER, C_POINTER, C_FLOAT);
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(findOrThrow("gdkb_scale_f32"), DESC);
    }

    public static FunctionDescriptor gdkb_scale_f32$descriptor() { return gdkb_scale_f32.DESC; }
    public static MethodHandle gdkb_scale_f32$handle() { return gdkb_scale_f32.HANDLE; }

    public static void gdkb_scale_f32(long n, MemorySegment out, MemorySegment x, float s) {
        try {
            gdkb_scale_f32.HANDLE.invokeExact(n, out, x, s);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- void gdkb_add_f32(int64_t n, float *out, const float *x, const float *y) ---------------------------
    private static final class gdkb_add_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_LONG, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(findOrThrow("gdkb_add_f32"), DESC);
    }

    public static FunctionDescriptor gdkb_add_f32$descriptor() { return gdkb_add_f32.DESC; }
    public static MethodHandle gdkb_add_f32$handle() { return gdkb_add_f32.HANDLE; }

    public static void gdkb_add_f32(long n, MemorySegment out, MemorySegment x, MemorySegment y) {
        try {
            gdkb_add_f32.HANDLE.invokeExact(n, out, x, y);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- void gdkb_sub_f32(int64_t n, float *out, const float *x, const float *y) ---------------------------
    private static final class gdkb_sub_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_LONG, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(findOrThrow("gdkb_sub_f32"), DESC);
    }

    public static FunctionDescriptor gdkb_sub_f32$descriptor() { return gdkb_sub_f32.DESC; }
    public static MethodHandle gdkb_sub_f32$handle() { return gdkb_sub_f32.HANDLE; }

    public static void gdkb_sub_f32(long n, MemorySegment out, MemorySegment x, MemorySegment y) {
        try {
            gdkb_sub_f32.HANDLE.invokeExact(n, out, x, y);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- void gdkb_div_f32(int64_t n, float *out, const float *x, float d) ----------------------------------
    private static final class gdkb_div_f32 {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_LONG, C_POINTER, C_POINTER, C_FLOAT);
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(findOrThrow("gdkb_div_f32"), DESC);
    }

    public static FunctionDescriptor gdkb_div_f32$descriptor() { return gdkb_div_f32.DESC; }
    public static MethodHandle gdkb_div_f32$handle() { return gdkb_div_f32.HANDLE; }

    public static void gdkb_div_f32(long n, MemorySegment out, MemorySegment x, float d) {
        try {
            gdkb_div_f32.HANDLE.invokeExact(n, out, x, d);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
