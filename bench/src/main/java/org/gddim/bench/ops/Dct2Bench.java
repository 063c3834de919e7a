package org.gddim.bench.ops;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The orthonormal 2-D DCT-II of n / 1024 images of 32 x 32 ({@link Backend#dct2}), out of place: BDM's basis change,
 * 2 (h + w) = 128 flops and 8 bytes of memory traffic per element, so compute-bound. It prices the design choice
 * of keeping BDM's state in the DCT basis (two transforms per network call at the model's edge, none per step)
 * against fusing "DCT, per-frequency step, inverse DCT" into the step (k + 3 transforms per step).
 */
public class Dct2Bench extends OpBench {
    public static final int SIDE = 32;

    @Param({BenchData.JAVA_SCALAR, BenchData.NATIVE_CPU})
    public String backend;

    @Param({"1048576", "16777216"})
    public long n;

    private Buffer in;
    Buffer out;

    @Setup(Level.Trial)
    public void setUp() {
        if (n % (SIDE * SIDE) != 0) {
            throw new IllegalArgumentException("n = " + n + " must be a multiple of " + SIDE * SIDE);
        }
        b = BenchData.open(backend);
        in = BenchData.filled(b, n, BenchData.U_SEED);
        out = b.allocate(n);
    }

    @Benchmark
    public void dct2() {
        b.dct2(out, in, n / (SIDE * SIDE), SIDE, SIDE, false);
    }
}
