package org.gddim.bench.ops;

import java.lang.foreign.MemorySegment;
import org.gddim.backend.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The same update as {@link EiStepBench}, run as separate full-tensor C passes the way diffusers' schedulers
 * run it (k = 1 DDIMScheduler.step, k = 2..4 PNDMScheduler.step_plms; op sequence, temporaries and traffic in
 * {@link SeparatePasses}). In place on u; temporaries preallocated in setup.
 */
public class SeparatePassesBench extends OpBench {
    @Param({"1", "2", "3", "4"})
    public int k;

    @Param({"1048576", "16777216"})
    public long n;

    private MemorySegment u;
    private MemorySegment[] eps;
    private SeparatePasses passes;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.check(k, n);
        b = BenchData.open(BenchData.NATIVE_CPU);
        u = BenchData.segment(BenchData.filled(b, n, BenchData.U_SEED));
        Buffer[] e = BenchData.eps(b, k, n);
        eps = new MemorySegment[k];
        for (int j = 0; j < k; j++) {
            eps[j] = BenchData.segment(e[j]);
        }
        passes = new SeparatePasses(b, k, n);
    }

    @Benchmark
    public void separatePasses() {
        passes.step(u, eps);
    }
}
