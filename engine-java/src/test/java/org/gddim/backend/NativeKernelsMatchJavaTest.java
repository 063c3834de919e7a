package org.gddim.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.gddim.bindings.Gdk;
import org.gddim.bindings.Kernels;
import org.gddim.model.GmmScore;
import org.gddim.process.Vp;
import org.gddim.rng.GaussianNoise;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The C kernels whose maths the GPU kernels share (kernels-cu/src/common/philox_math.h, gmm_eps_math.h) against
 * the Java references: Philox noise equal to GaussianNoise (bit for bit except where libm and Java round a
 * double to a different float: at most 1 ulp), and the exact GMM eps equal to GmmScore to float rounding.
 */
class NativeKernelsMatchJavaTest {
    @Test
    void nativePhiloxNoiseIsTheJavaNoise() {
        int batch = 50;
        int dim = 37;
        float[] java = new float[batch * dim];
        GaussianNoise.fill(123456789L, 5, 1L << 33, batch, dim, java, 0);
        try (Arena a = Arena.ofConfined(); Kernels k = Gdk.load().kernels()) {
            MemorySegment out = a.allocate(ValueLayout.JAVA_FLOAT, (long) batch * dim);
            k.philoxNormalF32(batch, dim, 123456789L, 5, 1L << 33, out);
            int exact = 0;
            for (int i = 0; i < java.length; i++) {
                float c = out.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                exact += c == java[i] ? 1 : 0;
                assertTrue(Math.abs(c - java[i]) <= Math.ulp(java[i]), "element " + i + ": " + c + " vs " + java[i]);
            }
            assertTrue(exact >= java.length - 5, exact + " of " + java.length + " bit-identical");
        }
    }

    @Test
    void nativeGmmEpsIsTheJavaOracle() {
        GmmScore score = new GmmScore(Fixtures.gmm8d(), Vp.linear());
        int batch = 64;
        int d = 8;
        int kc = 5;
        double[] u = Fixtures.normals(4, batch * d);
        for (double t : new double[] {1e-3, 0.1, 0.7}) {
            GmmScore.TimeParameters p = score.at(t);
            try (Arena a = Arena.ofConfined(); Kernels k = Gdk.load().kernels()) {
                MemorySegment uf = a.allocate(ValueLayout.JAVA_FLOAT, (long) batch * d);
                for (int i = 0; i < u.length; i++) {
                    uf.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) u[i]);
                }
                double[] basis = new double[kc * d * d];
                for (int c = 0; c < kc; c++) {
                    for (int i = 0; i < d; i++) {
                        System.arraycopy(Fixtures.gmm8d().bases()[c][i], 0, basis, (c * d + i) * d, d);
                    }
                }
                MemorySegment eps = a.allocate(ValueLayout.JAVA_FLOAT, (long) batch * d);
                k.gmmEpsF32(batch, d, kc, uf, a.allocateFrom(ValueLayout.JAVA_DOUBLE, flat(p.meanT())),
                        a.allocateFrom(ValueLayout.JAVA_DOUBLE, basis), a.allocateFrom(ValueLayout.JAVA_DOUBLE, flat(p.invVar())),
                        a.allocateFrom(ValueLayout.JAVA_DOUBLE, p.logNorm()), p.sigma(),
                        a.allocate(ValueLayout.JAVA_DOUBLE, kc + 2L * d), eps);
                GmmScore.Evaluator ev = score.evaluator();
                double[] row = new double[d];
                double[] want = new double[d];
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < d; i++) {
                        row[i] = uf.getAtIndex(ValueLayout.JAVA_FLOAT, (long) b * d + i);
                    }
                    ev.eps(row, t, want);
                    for (int i = 0; i < d; i++) {
                        float got = eps.getAtIndex(ValueLayout.JAVA_FLOAT, (long) b * d + i);
                        assertEquals(want[i], got, 2e-6 * (1 + Math.abs(want[i])), "t=" + t + " sample " + b + " i=" + i);
                    }
                }
            }
        }
    }

    private static double[] flat(double[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }
}
