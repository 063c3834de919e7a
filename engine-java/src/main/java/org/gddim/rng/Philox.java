package org.gddim.rng;

/**
 * Philox4x32 with 10 rounds: a bijection of a 128-bit counter under a 64-bit key. Checked against the
 * Random123 known-answer vectors ({@code tests/kat_vectors}) in PhiloxTest. Words are unsigned 32-bit
 * values held in Java ints.
 */
public final class Philox {
    private Philox() {}

    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final long MASK = 0xFFFFFFFFL;

    /** Writes {@code philox4x32_10(ctr, key)} into {@code out} (4 words); {@code ctr} is not modified. */
    public static void philox4x32_10(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * (c0 & MASK);
            long p1 = M1 * (c2 & MASK);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}
