package org.gddim.bench.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.bench.raw.gdkbench_h;
import org.gddim.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Check before timing (the llm.c rule): the two baselines the fused step is benchmarked against compute the
 * same thing as the fused step itself, for every k.
 *
 * <ul>
 *   <li>The separate-passes composition ({@link SeparatePasses}) equals the native fused step with
 *       {@link SeparatePasses#fusedA}/{@link SeparatePasses#fusedC}, and runs exactly the kernels, reads and
 *       writes its traffic table (used for the GB/s figures) claims.
 *   <li>The triad pass equals the fused step with a = 1, c_j = q.
 * </ul>
 *
 * Tolerance, per element: |baseline - fused| <= 2e-6 * (|u| + sum_j |eps_j|). Both sides round in float32
 * (2^-24 ~ 6e-8 per op) in a different order, over up to 12 ops; the worst seen is about 2e-7 (printed by the
 * test), so 2e-6 leaves 10x headroom, while a wrong coefficient, a swapped eps or a missing pass is off by
 * O(1e-2) or more. n is odd so that the vector loops' scalar tails are exercised.
 */
class BaselinesMatchFusedStepTest {
    private static final long N = 40_009;
    private static final double TOL = 2e-6;

    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = BenchData.open(BenchData.NATIVE_CPU);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void separatePassesMatchTheFusedStep(int k) {
        Buffer[] eps = BenchData.eps(backend, k, N);
        Buffer fused = BenchData.filled(backend, N, BenchData.U_SEED);
        Buffer separate = BenchData.filled(backend, N, BenchData.U_SEED);
        float[] u0 = read(fused);

        backend.step(Structure.SCALAR, N, fused, fused, new double[] {SeparatePasses.fusedA(k)}, eps,
                column(SeparatePasses.fusedC(k)), k, null, null);
        SeparatePasses passes = new SeparatePasses(backend, k, N);
        passes.step(BenchData.segment(separate), segments(eps));

        assertEquals(SeparatePasses.traffic(k), passes.counted(), "kernels/reads/writes of the composition");
        assertClose(read(fused), read(separate), u0, eps, "separate passes vs fused, k = " + k);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void triadMatchesTheFusedStepWithUnitState(int k) {
        float q = -0.375f;
        Buffer[] eps = BenchData.eps(backend, k, N);
        Buffer fused = BenchData.filled(backend, N, BenchData.U_SEED);
        Buffer triad = BenchData.filled(backend, N, BenchData.U_SEED);
        float[] u0 = read(fused);
        double[] c = new double[k];
        Arrays.fill(c, q);

        backend.step(Structure.SCALAR, N, fused, fused, new double[] {1.0}, eps, column(c), k, null, null);
        MemorySegment[] e = segments(eps);
        MemorySegment[] e4 = new MemorySegment[4];
        for (int j = 0; j < 4; j++) {
            e4[j] = j < k ? e[j] : MemorySegment.NULL;
        }
        gdkbench_h.gdkb_triad_f32(N, BenchData.segment(triad), k, e4[0], e4[1], e4[2], e4[3], q);

        assertClose(read(fused), read(triad), u0, eps, "triad vs fused, k = " + k);
    }

    private static void assertClose(float[] expected, float[] actual, float[] u0, Buffer[] eps, String what) {
        float[][] e = new float[eps.length][];
        for (int j = 0; j < eps.length; j++) {
            e[j] = read(eps[j]);
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.abs(u0[i]);
            for (float[] ej : e) {
                scale += Math.abs(ej[i]);
            }
            double err = Math.abs((double) expected[i] - actual[i]);
            assertTrue(Double.isFinite(actual[i]), what + ": non-finite at " + i);
            assertTrue(err <= TOL * scale, what + ": element " + i + " differs by " + err + " > " + TOL * scale
                    + " (fused " + expected[i] + ", baseline " + actual[i] + ")");
            worst = Math.max(worst, err / scale);
        }
        System.out.printf("%s: worst |baseline - fused| / (|u| + sum|eps|) = %.2e (tolerance %.0e)%n", what, worst, TOL);
    }

    private static double[][] column(double[] c) {
        double[][] out = new double[c.length][];
        for (int j = 0; j < c.length; j++) {
            out[j] = new double[] {c[j]};
        }
        return out;
    }

    private static MemorySegment[] segments(Buffer[] buffers) {
        MemorySegment[] out = new MemorySegment[buffers.length];
        for (int j = 0; j < buffers.length; j++) {
            out[j] = BenchData.segment(buffers[j]);
        }
        return out;
    }

    private static float[] read(Buffer buffer) {
        return BenchData.segment(buffer).asSlice(0, 4 * N).toArray(ValueLayout.JAVA_FLOAT);
    }
}
