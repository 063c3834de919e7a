package org.gddim.rng;

/**
 * Standard-normal noise keyed by (seed, stream, sample, element). Element {@code e} of sample {@code b} comes
 * from the Philox block with counter {@code (e / 4, stream, b_lo, b_hi)} and key {@code (seed_lo, seed_hi)};
 * each block's 4 words give 4 normals by Box-Muller on the pairs (w0, w1) and (w2, w3), with uniforms
 * {@code (w + 0.5) 2^-32} in (0, 1): {@code z0 = r cos(2 pi u2), z1 = r sin(2 pi u2), r = sqrt(-2 ln u1)}.
 * Computed in double, rounded to float once. Tails are cut at |z| < 6.7 (u1 >= 2^-33), like cuRAND's.
 */
public final class GaussianNoise {
    private GaussianNoise() {}

    /** Stream of the prior draw {@code u_T = priorStd * z}. */
    public static final int PRIOR_STREAM = 0;

    /** Stream of the noise added in step {@code n} of a stochastic sampler. */
    public static int stepStream(int n) {
        return 1 + n;
    }

    private static final double TWO_POW_M32 = 0x1.0p-32;

    /**
     * Fills {@code out[offset + i*dim + e]} with the noise of element {@code e} of sample {@code firstSample + i},
     * for {@code i < count}, {@code e < dim}.
     */
    public static void fill(long seed, int stream, long firstSample, int count, int dim, float[] out, int offset) {
        int[] w = new int[4];
        for (int i = 0; i < count; i++) {
            long sample = firstSample + i;
            int base = offset + i * dim;
            for (int block = 0; 4 * block < dim; block++) {
                Philox.philox4x32_10(block, stream, (int) sample, (int) (sample >>> 32), (int) seed, (int) (seed >>> 32), w);
                int e = 4 * block;
                boxMuller(w[0], w[1], out, base + e, dim - e);
                if (dim - e > 2) {
                    boxMuller(w[2], w[3], out, base + e + 2, dim - e - 2);
                }
            }
        }
    }

    /** Writes one or two normals (as many as {@code room} allows) from two uniform words. */
    private static void boxMuller(int w1, int w2, float[] out, int at, int room) {
        double u1 = ((w1 & 0xFFFFFFFFL) + 0.5) * TWO_POW_M32;
        double u2 = ((w2 & 0xFFFFFFFFL) + 0.5) * TWO_POW_M32;
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double theta = 2.0 * Math.PI * u2;
        out[at] = (float) (r * Math.cos(theta));
        if (room > 1) {
            out[at + 1] = (float) (r * Math.sin(theta));
        }
    }
}
