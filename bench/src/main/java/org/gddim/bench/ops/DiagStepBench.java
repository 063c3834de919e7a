package org.gddim.bench.ops;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.structure.Structure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * BDM's fused diagonal (per-frequency) step in the DCT basis (gddim-spec.md 4.4), in place through the engine API
 * ({@link Backend#step} with {@link Structure#DIAGONAL}): n elements, coefficient maps of m = 1024 frequencies
 * (32 x 32 images) shared by every channel and sample. Memory traffic 4 (k + 2) bytes per element (the (k + 1) m
 * coefficients stay in cache), so {@link TriadBench} is its bandwidth limit too.
 */
public class DiagStepBench extends OpBench {
    /** Frequencies per map (32 x 32). */
    public static final int M = 1024;

    @Param({BenchData.JAVA_SCALAR, BenchData.NATIVE_CPU})
    public String backend;

    @Param({"1", "2", "3", "4"})
    public int k;

    @Param({"1048576", "16777216"})
    public long n;

    Buffer u;
    private Buffer[] eps;
    private double[] psi;
    private double[][] c;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.check(k, n);
        if (n % M != 0) {
            throw new IllegalArgumentException("n = " + n + " must be a multiple of m = " + M);
        }
        b = BenchData.open(backend);
        u = BenchData.filled(b, n, BenchData.U_SEED);
        eps = BenchData.eps(b, k, n);
        psi = new double[M];
        c = new double[k][M];
        for (int l = 0; l < M; l++) {
            psi[l] = 0.9 + 0.1 * Math.cos(l); // in (0.8, 1]: repeated steps stay bounded
            for (int j = 0; j < k; j++) {
                c[j][l] = 0.01 * Math.sin(l + j);
            }
        }
    }

    @Benchmark
    public void diagStep() {
        b.step(Structure.DIAGONAL, n, M, u, u, psi, eps, c, k, null, null);
    }
}
