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
                    for (int variant = 0; variant < 3; variant++) {
                        boolean inPlace = variant > 0;
                        boolean noisy = variant == 2;
                        float[] u = normals(rng, n);
                        float[][] e = new float[k][];
                        double[][] c = new double[k][];
                        for (int j = 0; j < k; j++) {
                            e[j] = normals(rng, n);
                            c[j] = new double[] {rng.nextDouble(-5, 5)};
                        }
                        double[] psi = {rng.nextDouble(0.5, 3)};
                        float[] z = noisy ? normals(rng, n) : null;
                        double[] s = noisy ? new double[] {rng.nextDouble(0.1, 1)} : null;
                        float[] want = step(ref, n, u, e, psi, c, inPlace, z, s);
                        float[] got = step(nat, n, u, e, psi, c, inPlace, z, s);
                        for (int i = 0; i < n; i++) {
                            double scale = Math.abs(psi[0] * u[i]) + (noisy ? Math.abs(s[0] * z[i]) : 0);
                            for (int j = 0; j < k; j++) {
                                scale += Math.abs(c[j][0] * e[j][i]);
                            }
                            double tol = (2 * k + 5) * 0x1.0p-24 * scale + Float.MIN_NORMAL;
                            int ii = i;
                            int kk = k;
                            assertTrue(Math.abs(got[i] - want[i]) <= tol, () -> "seed " + SEED + " n=" + n + " k=" + kk
                                    + " inPlace=" + inPlace + " noisy=" + noisy + " i=" + ii + ": " + got[ii] + " vs "
                                    + want[ii]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyBackendDrawsTheSameNoise() {
        try (Backend ref = new JavaScalar(DType.F32); Backend nat = Backends.open(BackendKind.NATIVE)) {
            float[] a = new float[6 * 5];
            float[] b = new float[6 * 5];
            Buffer za = ref.allocate(30);
            Buffer zb = nat.allocate(30);
            ref.normal(za, 7, 3, 100, 6, 5);
            nat.normal(zb, 7, 3, 100, 6, 5);
            ref.read(za, 0, a);
            nat.read(zb, 0, b);
            float[] expected = new float[30];
            org.gddim.rng.GaussianNoise.fill(7, 3, 100, 6, 5, expected, 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, a);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, b);
        }
    }

    private static float[] step(Backend b, int n, float[] u, float[][] e, double[] psi, double[][] c, boolean inPlace,
            float[] noise, double[] s) {
        Buffer src = b.allocate(n);
        Buffer dst = inPlace ? src : b.allocate(n);
        Buffer[] eps = new Buffer[e.length];
        b.write(src, 0, u);
        for (int j = 0; j < e.length; j++) {
            eps[j] = b.allocate(n);
            b.write(eps[j], 0, e[j]);
        }
        Buffer z = null;
        if (noise != null) {
            z = b.allocate(n);
            b.write(z, 0, noise);
        }
        b.step(Structure.SCALAR, n, dst, src, psi, eps, c, e.length, z, s);
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
