package org.gddim.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gddim.process.Structure;
import org.junit.jupiter.api.Test;

/**
 * Every op of every backend against the JavaScalar reference (Jlama's TestOperations, seeded). Tolerance for
 * the float32 fused step: (2k + 5) * 2^-24 times the sum of the magnitudes of the terms, the bound of the
 * kernel's k + 2 roundings plus the coefficient roundings (as in kernels-cu/test/test_ei_step.c).
 */
class BackendEquivalenceTest {
    private static final long SEED = 99;
    private static final int[] SIZES = {1, 7, 8, 33, 1000, 100_003};

    @Test
    void nativeStepMatchesTheReferenceForEverySizeAndK() {
        try (Backend ref = new JavaScalar(DType.F32); Backend nat = Backends.open(BackendKind.NATIVE)) {
            SplittableRandom rng = new SplittableRandom(SEED);
            for (int n : SIZES) {
                for (int k = 0; k <= 4; k++) {
                    for (boolean inPlace : new boolean[] {false, true}) {
                        float[] u = normals(rng, n);
                        float[][] e = new float[k][];
                        double[][] c = new double[k][];
                        for (int j = 0; j < k; j++) {
                            e[j] = normals(rng, n);
                            c[j] = new double[] {rng.nextDouble(-5, 5)};
                        }
                        double[] psi = {rng.nextDouble(0.5, 3)};
                        float[] want = step(ref, n, u, e, psi, c, inPlace);
                        float[] got = step(nat, n, u, e, psi, c, inPlace);
                        for (int i = 0; i < n; i++) {
                            double scale = Math.abs(psi[0] * u[i]);
                            for (int j = 0; j < k; j++) {
                                scale += Math.abs(c[j][0] * e[j][i]);
                            }
                            double tol = (2 * k + 5) * 0x1.0p-24 * scale + Float.MIN_NORMAL;
                            int ii = i;
                            int kk = k;
                            assertTrue(Math.abs(got[i] - want[i]) <= tol, () -> "seed " + SEED + " n=" + n + " k=" + kk
                                    + " inPlace=" + inPlace + " i=" + ii + ": " + got[ii] + " vs " + want[ii]);
                        }
                    }
                }
            }
        }
    }

    private static float[] step(Backend b, int n, float[] u, float[][] e, double[] psi, double[][] c, boolean inPlace) {
        Buffer src = b.allocate(n);
        Buffer dst = inPlace ? src : b.allocate(n);
        Buffer[] eps = new Buffer[e.length];
        b.write(src, 0, u);
        for (int j = 0; j < e.length; j++) {
            eps[j] = b.allocate(n);
            b.write(eps[j], 0, e[j]);
        }
        b.step(Structure.SCALAR, n, dst, src, psi, eps, c, e.length);
        float[] out = new float[n];
        b.read(dst, 0, out);
        return out;
    }

    private static float[] normals(SplittableRandom rng, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rng.nextGaussian();
        }
        return f;
    }
}
