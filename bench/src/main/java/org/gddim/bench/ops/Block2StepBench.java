package org.gddim.bench.ops;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.structure.Structure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * CLD's fused 2x2-block step (gddim-spec.md 3, Eq. 5.1 with 2x2 coefficients), in place through the engine API
 * ({@link Backend#step} with {@link Structure#BLOCK2}): n state elements as n / (2 P) samples of an x plane and a v
 * plane of P = 4096 elements (e.g. 4 x 32 x 32). Memory traffic 4 (k + 2) bytes per element, as the scalar step, so
 * {@link TriadBench} is its bandwidth limit too. Coefficients: a damped rotation and small eps matrices, so
 * thousands of repeated steps stay bounded.
 */
public class Block2StepBench extends OpBench {
    /** Elements per plane (one CLD sample holds 2 P). */
    public static final int PLANE = 4096;

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
        if (n % (2 * PLANE) != 0) {
            throw new IllegalArgumentException("n = " + n + " must be a multiple of 2 P = " + 2 * PLANE);
        }
        b = BenchData.open(backend);
        u = BenchData.filled(b, n, BenchData.U_SEED);
        eps = BenchData.eps(b, k, n);
        double r = 0.95;
        psi = new double[] {r * Math.cos(0.1), -r * Math.sin(0.1), r * Math.sin(0.1), r * Math.cos(0.1)};
        c = new double[k][];
        for (int j = 0; j < k; j++) {
            c[j] = new double[] {0.01 / (j + 1), -0.005, 0.004, -0.01 / (j + 1)};
        }
    }

    @Benchmark
    public void block2Step() {
        b.step(Structure.BLOCK2, n, 2 * PLANE, u, u, psi, eps, c, k, null, null);
    }
}
