package org.gddim.bench.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gddim.backend.HostBuffer;
import org.junit.jupiter.api.Test;

/**
 * The benchmarked 2x2-block, diagonal and DCT paths compute the right thing: one call of each benchmark on
 * nativeCpu equals the same call on the javaScalar reference (float32, 1e-5 relative to the state's scale; the
 * engine's BackendEquivalenceTest bounds the kernels tightly).
 */
class NonIsotropicStepsMatchReferenceTest {
    private static final long N = 4 * Block2StepBench.PLANE;

    private static float[] read(HostBuffer b, long n) {
        float[] out = new float[(int) n];
        b.read(0, out);
        return out;
    }

    private static void assertClose(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])), what + " element " + i);
        }
    }

    @Test
    void block2AndDiagonalSteps() {
        for (int k = 1; k <= 4; k++) {
            float[][] outs = new float[2][];
            String[] backends = {BenchData.JAVA_SCALAR, BenchData.NATIVE_CPU};
            for (int i = 0; i < 2; i++) {
                Block2StepBench bench = new Block2StepBench();
                bench.backend = backends[i];
                bench.k = k;
                bench.n = N;
                bench.setUp();
                bench.block2Step();
                outs[i] = read(HostBuffer.of(bench.u), N);
                bench.tearDown();
            }
            assertClose(outs[0], outs[1], "block2 k=" + k);
            for (int i = 0; i < 2; i++) {
                DiagStepBench bench = new DiagStepBench();
                bench.backend = backends[i];
                bench.k = k;
                bench.n = N;
                bench.setUp();
                bench.diagStep();
                outs[i] = read(HostBuffer.of(bench.u), N);
                bench.tearDown();
            }
            assertClose(outs[0], outs[1], "diag k=" + k);
        }
    }

    @Test
    void dct() {
        float[][] outs = new float[2][];
        String[] backends = {BenchData.JAVA_SCALAR, BenchData.NATIVE_CPU};
        for (int i = 0; i < 2; i++) {
            Dct2Bench bench = new Dct2Bench();
            bench.backend = backends[i];
            bench.n = 4 * 1024;
            bench.setUp();
            bench.dct2();
            outs[i] = read(HostBuffer.of(bench.out), 4 * 1024);
            bench.tearDown();
        }
        assertClose(outs[0], outs[1], "dct2");
    }
}
