package org.gddim.bindings;

import java.lang.foreign.MemorySegment;
import org.gddim.bindings.raw.gdk_h;

/**
 * The loaded CPU kernel library, libgdk (kernels-cu/include/gdk.h). {@link #load()} resolves it through
 * {@link NativeLibraries} and refuses a library whose version differs from these bindings; per-op entry
 * points live in {@link Kernels}, which owns the small native argument block the calls need.
 */
public final class Gdk {
    /** Version these bindings were written against, (major << 16) | (minor << 8) | patch. */
    static final int BINDINGS_VERSION =
            (gdk_h.GDK_VERSION_MAJOR() << 16) | (gdk_h.GDK_VERSION_MINOR() << 8) | gdk_h.GDK_VERSION_PATCH();

    /** Largest number of stored eps buffers one fused step combines. */
    public static final int MAX_EPS = gdk_h.GDK_MAX_EPS();

    /** Largest image side of the native 2-D DCT. */
    public static final int DCT_MAX_SIDE = gdk_h.GDK_DCT_MAX_SIDE();

    private final int version;

    private Gdk(int version) {
        this.version = version;
    }

    /**
     * Loads libgdk (once per process) and checks its version.
     *
     * @throws LibraryUnavailableException naming what was tried, or the version mismatch
     */
    public static Gdk load() {
        NativeLibraries.lookup(NativeLibraries.Library.GDK);
        int loaded = gdk_h.gdk_version();
        if (loaded != BINDINGS_VERSION) {
            throw new LibraryUnavailableException("libgdk.so", "it is version " + versionString(loaded)
                    + " but these bindings need " + versionString(BINDINGS_VERSION) + "; rebuild with `make`");
        }
        return new Gdk(loaded);
    }

    /** Version of the loaded library as "major.minor.patch". */
    public String version() {
        return versionString(version);
    }

    /** Opens the per-op entry points (owns native scratch; close it when done). */
    public Kernels kernels() {
        return new Kernels();
    }

    /** The library's description of a status code. */
    public static String statusText(int status) {
        return gdk_h.gdk_status_string(status).reinterpret(512).getString(0);
    }

    /** Throws {@link NativeException} unless {@code status} is GDK_OK. */
    static void check(String function, int status) {
        if (status != gdk_h.GDK_OK()) {
            throw new NativeException(function, status, statusText(status));
        }
    }

    static String versionString(int v) {
        return (v >>> 16) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** Throws unless {@code segment} is native memory holding at least {@code n} floats. */
    static void requireFloats(String name, MemorySegment segment, long n) {
        if (segment == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (!segment.isNative()) {
            throw new IllegalArgumentException(name + " is a heap segment; kernels need native memory");
        }
        if (segment.byteSize() < 4 * n) {
            throw new IllegalArgumentException(name + " holds " + segment.byteSize() / 4 + " floats, need " + n);
        }
    }
}
