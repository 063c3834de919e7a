package org.gddim.bench.ops;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.structure.Structure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The engine's fused exponential-integrator step, {@code u = a*u + sum_{j<k} c_j*eps_j} over n float32
 * elements, in place (the engine's normal mode), through the engine API ({@link Backend#step}). nativeCpu is
 * libgdk's C kernel via FFM; javaScalar is the pure-Java reference (double maths per element). Memory traffic
 * 4 (k + 2) bytes per element. The coefficients are those of {@link SeparatePasses} (the same update the
 * peers' separate passes compute), so thousands of repeated steps stay bounded.
 */
public class EiStepBench extends OpBench {
    @Param({BenchData.JAVA_SCALAR, BenchData.NATIVE_CPU})
    public String backend;

    @Param({"1", "2", "3", "4"})
    public int k;

    @Param({"1048576", "16777216"})
    public long n;

    private Buffer u;
    private Buffer[] eps;
    private double[] psi;
    private double[][] c;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.check(k, n);
        b = BenchData.open(backend);
        u = BenchData.filled(b, n, BenchData.U_SEED);
        eps = BenchData.eps(b, k, n);
        psi = new double[] {SeparatePasses.fusedA(k)};
        double[] cj = SeparatePasses.fusedC(k);
        c = new double[k][];
        for (int j = 0; j < k; j++) {
            c[j] = new double[] {cj[j]};
        }
    }

    @Benchmark
    public void fusedStep() {
        b.step(Structure.SCALAR, n, u, u, psi, eps, c, k, null, null);
    }
}
