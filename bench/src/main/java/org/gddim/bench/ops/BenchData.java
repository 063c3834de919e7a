package org.gddim.bench.ops;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.backend.Buffer;
import org.gddim.backend.HostBuffer;

/** What every benchmark state shares: backend names, fixed seeds, and filling buffers through the engine API. */
public final class BenchData {
    private BenchData() {}

    /** {@code @Param} names of the backends. */
    public static final String JAVA_SCALAR = "javaScalar";
    public static final String NATIVE_CPU = "nativeCpu";

    /** Seed of the state u; eps[j] uses {@code EPS_SEED + j}. */
    public static final long U_SEED = 20240601L;
    public static final long EPS_SEED = 777L;

    private static final int CHUNK = 1 << 16;

    /** Opens a float32 backend by its {@code @Param} name. */
    public static Backend open(String name) {
        return switch (name) {
            case JAVA_SCALAR -> Backends.open(BackendKind.JAVA); // the float32 JavaScalar reference
            case NATIVE_CPU -> Backends.open(BackendKind.NATIVE);
            default -> throw new IllegalArgumentException("unknown backend '" + name + "' (javaScalar | nativeCpu)");
        };
    }

    /** A buffer of {@code n} floats, uniform in [-1, 1) from {@code seed}, written in chunks (no n-sized heap array). */
    public static Buffer filled(Backend backend, long n, long seed) {
        Buffer buffer = backend.allocate(n);
        SplittableRandom random = new SplittableRandom(seed);
        float[] chunk = new float[(int) Math.min(CHUNK, Math.max(n, 1))];
        for (long off = 0; off < n; off += chunk.length) {
            int len = (int) Math.min(chunk.length, n - off);
            if (len != chunk.length) {
                chunk = new float[len];
            }
            for (int i = 0; i < len; i++) {
                chunk[i] = (float) (2.0 * random.nextDouble() - 1.0);
            }
            backend.write(buffer, off, chunk);
        }
        return buffer;
    }

    /** The k stored eps buffers, eps[0] the newest, each from its own seed. */
    public static Buffer[] eps(Backend backend, int k, long n) {
        Buffer[] eps = new Buffer[k];
        for (int j = 0; j < k; j++) {
            eps[j] = filled(backend, n, EPS_SEED + j);
        }
        return eps;
    }

    /** The native memory behind a host buffer (NativeCpu and JavaScalar both allocate host buffers). */
    public static MemorySegment segment(Buffer buffer) {
        if (buffer instanceof HostBuffer host) {
            return host.segment();
        }
        throw new IllegalArgumentException("not a host buffer: " + buffer);
    }

    /** Throws unless k and n are in range for the benchmarks. */
    public static void check(int k, long n) {
        if (k < 1 || k > 4) {
            throw new IllegalArgumentException("k = " + k + " must be in 1..4");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " must be >= 1");
        }
    }
}
