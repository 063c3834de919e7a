package org.gddim.bench.ops;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.gddim.bench.raw.gdkbench_h;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The memory-bandwidth limit of the fused step: a STREAM-triad-like C pass with exactly its memory streams,
 * {@code u[i] = u[i] + q * (e0[i] + ... + e_{k-1}[i])} in place (read u and k eps, write u to lines just read),
 * 4 (k + 2) bytes per element (libgdkbench {@code gdkb_triad_f32}). A plain out-of-place copy is not this limit:
 * its stores go to lines not in cache and pay a write-allocate read, which the in-place step never does.
 * q flips sign every call so that u stays bounded. Buffers come from the native backend, like the step's.
 */
public class TriadBench extends OpBench {
    @Param({"1", "2", "3", "4"})
    public int k;

    @Param({"1048576", "16777216"})
    public long n;

    private MemorySegment u;
    private MemorySegment e0;
    private MemorySegment e1;
    private MemorySegment e2;
    private MemorySegment e3;
    private float q = 0.25f;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.check(k, n);
        b = BenchData.open(BenchData.NATIVE_CPU);
        u = BenchData.segment(BenchData.filled(b, n, BenchData.U_SEED));
        MemorySegment[] e = new MemorySegment[4];
        Arrays.fill(e, MemorySegment.NULL);
        for (int j = 0; j < k; j++) {
            e[j] = BenchData.segment(BenchData.filled(b, n, BenchData.EPS_SEED + j));
        }
        e0 = e[0];
        e1 = e[1];
        e2 = e[2];
        e3 = e[3];
    }

    @Benchmark
    public void triad() {
        gdkbench_h.gdkb_triad_f32(n, u, k, e0, e1, e2, e3, q);
        q = -q;
    }
}
