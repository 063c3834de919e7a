package org.gddim.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gddim.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Every op of every backend against the JavaScalar reference (Jlama's TestOperations, seeded): the fused step of
 * each structure (SCALAR, BLOCK2, DIAGONAL), the 2-D DCT and the noise. Tolerance for the float32 SCALAR step:
 * (2k + 5) * 2^-24 times the sum of the magnitudes of the terms, the bound of the kernel's k + 2 roundings plus
 * the coefficient roundings (as in kernels-cu/test/test_ei_step.c); the others state theirs.
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

    /** BLOCK2: each output row sums 2k + 4 terms; tolerance (4k + 9) 2^-24 times their magnitudes (test_block2_step.c). */
    @Test
    void nativeBlock2StepMatchesTheReference() {
        try (Backend ref = new JavaScalar(DType.F32); Backend nat = Backends.open(BackendKind.NATIVE)) {
            SplittableRandom rng = new SplittableRandom(SEED + 1);
            for (int[] shape : new int[][] {{1, 1}, {3, 7}, {2, 33}, {5, 1000}}) {
                int dim = 2 * shape[1];
                int n = shape[0] * dim;
                for (int k = 0; k <= 4; k++) {
                    for (int variant = 0; variant < 3; variant++) {
                        boolean noisy = variant == 2;
                        float[] u = normals(rng, n);
                        float[][] e = new float[k][];
                        double[][] c = new double[k][];
                        for (int j = 0; j < k; j++) {
                            e[j] = normals(rng, n);
                            c[j] = new double[] {rng.nextDouble(-5, 5), rng.nextDouble(-5, 5), rng.nextDouble(-5, 5),
                                rng.nextDouble(-5, 5)};
                        }
                        double[] psi = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
                        float[] z = noisy ? normals(rng, n) : null;
                        double[] s = noisy ? new double[] {rng.nextDouble(0, 1), 0, rng.nextDouble(-1, 1), rng.nextDouble(0, 1)} : null;
                        float[] want = step(ref, org.gddim.structure.Structure.BLOCK2, n, dim, u, e, psi, c, variant > 0, z, s);
                        float[] got = step(nat, org.gddim.structure.Structure.BLOCK2, n, dim, u, e, psi, c, variant > 0, z, s);
                        int p = shape[1];
                        for (int i = 0; i < n; i++) {
                            int base = i - i % dim;
                            int at = i % dim;
                            int row = at < p ? 0 : 1;
                            int ix = base + at % p;
                            int iv = ix + p;
                            double scale = Math.abs(psi[2 * row] * u[ix]) + Math.abs(psi[2 * row + 1] * u[iv]);
                            for (int j = 0; j < k; j++) {
                                scale += Math.abs(c[j][2 * row] * e[j][ix]) + Math.abs(c[j][2 * row + 1] * e[j][iv]);
                            }
                            if (noisy) {
                                scale += Math.abs(s[2 * row] * z[ix]) + Math.abs(s[2 * row + 1] * z[iv]);
                            }
                            double tol = (4 * k + 9) * 0x1.0p-24 * scale + Float.MIN_NORMAL;
                            int ii = i;
                            int kk = k;
                            assertTrue(Math.abs(got[i] - want[i]) <= tol, () -> "seed " + SEED + " block2 k=" + kk + " i=" + ii
                                    + ": " + got[ii] + " vs " + want[ii]);
                        }
                    }
                }
            }
        }
    }

    /** DIAGONAL: per-element coefficients of period m; tolerance as for SCALAR with this element's coefficients. */
    @Test
    void nativeDiagonalStepMatchesTheReference() {
        try (Backend ref = new JavaScalar(DType.F32); Backend nat = Backends.open(BackendKind.NATIVE)) {
            SplittableRandom rng = new SplittableRandom(SEED + 2);
            for (int[] shape : new int[][] {{1, 1, 1}, {3, 2, 12}, {2, 3, 1024}}) { // batch, channels, m
                int m = shape[2];
                int dim = shape[1] * m;
                int n = shape[0] * dim;
                for (int k = 0; k <= 4; k++) {
                    boolean noisy = k % 2 == 1;
                    float[] u = normals(rng, n);
                    float[][] e = new float[k][];
                    double[][] c = new double[k][m];
                    double[] psi = new double[m];
                    double[] s = noisy ? new double[m] : null;
                    for (int l = 0; l < m; l++) {
                        psi[l] = rng.nextDouble(0.001, 1000);
                        if (noisy) {
                            s[l] = rng.nextDouble(0, 1);
                        }
                    }
                    for (int j = 0; j < k; j++) {
                        e[j] = normals(rng, n);
                        for (int l = 0; l < m; l++) {
                            c[j][l] = rng.nextDouble(-5, 5);
                        }
                    }
                    float[] z = noisy ? normals(rng, n) : null;
                    float[] want = step(ref, org.gddim.structure.Structure.DIAGONAL, n, dim, u, e, psi, c, true, z, s);
                    float[] got = step(nat, org.gddim.structure.Structure.DIAGONAL, n, dim, u, e, psi, c, true, z, s);
                    for (int i = 0; i < n; i++) {
                        int l = i % m;
                        double scale = Math.abs(psi[l] * u[i]) + (noisy ? Math.abs(s[l] * z[i]) : 0);
                        for (int j = 0; j < k; j++) {
                            scale += Math.abs(c[j][l] * e[j][i]);
                        }
                        double tol = (2 * k + 5) * 0x1.0p-24 * scale + Float.MIN_NORMAL;
                        int ii = i;
                        assertTrue(Math.abs(got[i] - want[i]) <= tol, () -> "seed " + SEED + " diag i=" + ii);
                    }
                }
            }
        }
    }

    /**
     * The 2-D DCT: native (float32 sums) against the double reference; tolerance (h + w + 3) 2^-24 S with
     * S = 2 ||X||_1 per image, a bound on sum |A_h||X||A_w| (basis entries are at most sqrt(2/N) <= sqrt(2)).
     */
    @Test
    void nativeDctMatchesTheReference() {
        try (Backend ref = new JavaScalar(DType.F32); Backend nat = Backends.open(BackendKind.NATIVE)) {
            SplittableRandom rng = new SplittableRandom(SEED + 3);
            for (int[] shape : new int[][] {{1, 1, 1}, {3, 8, 8}, {2, 5, 7}, {4, 32, 32}}) {
                int plane = shape[1] * shape[2];
                int n = shape[0] * plane;
                float[] x = normals(rng, n);
                for (boolean inverse : new boolean[] {false, true}) {
                    float[][] outs = new float[2][];
                    Backend[] bs = {ref, nat};
                    for (int b = 0; b < 2; b++) {
                        Buffer in = bs[b].allocate(n);
                        Buffer out = bs[b].allocate(n);
                        bs[b].write(in, 0, x);
                        bs[b].dct2(out, in, shape[0], shape[1], shape[2], inverse);
                        outs[b] = new float[n];
                        bs[b].read(out, 0, outs[b]);
                    }
                    for (int img = 0; img < shape[0]; img++) {
                        double l1 = 0;
                        for (int i = 0; i < plane; i++) {
                            l1 += Math.abs(x[img * plane + i]);
                        }
                        double tol = (shape[1] + shape[2] + 3) * 0x1.0p-24 * 2 * l1 + 1e-30;
                        for (int i = img * plane; i < (img + 1) * plane; i++) {
                            int ii = i;
                            assertTrue(Math.abs(outs[0][i] - outs[1][i]) <= tol, () -> "dct " + java.util.Arrays.toString(shape)
                                    + " inverse=" + inverse + " i=" + ii + ": " + outs[1][ii] + " vs " + outs[0][ii]);
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
        return step(b, Structure.SCALAR, n, n, u, e, psi, c, inPlace, noise, s);
    }

    private static float[] step(Backend b, Structure structure, int n, int dim, float[] u, float[][] e, double[] psi,
            double[][] c, boolean inPlace, float[] noise, double[] s) {
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
        b.step(structure, n, dim, dst, src, psi, eps, c, e.length, z, s);
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
