package org.gddim.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Philox against Random123's known answers; the normal stream's moments and batch independence. */
class PhiloxTest {
    @Test
    void random123KnownAnswerVectors() {
        // Random123 tests/kat_vectors, "philox4x32 10" lines: counter (4 words), key (2 words) -> output (4 words)
        int[] out = new int[4];
        Philox.philox4x32_10(0, 0, 0, 0, 0, 0, out);
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
        Philox.philox4x32_10(-1, -1, -1, -1, -1, -1, out);
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
        Philox.philox4x32_10(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    @Test
    void normalsHaveUnitMomentsWithinSamplingError() {
        int n = 1_000_000;
        float[] z = new float[n];
        GaussianNoise.fill(5, GaussianNoise.PRIOR_STREAM, 0, 1000, 1000, z, 0);
        double m1 = 0;
        double m2 = 0;
        double m4 = 0;
        for (float x : z) {
            m1 += x;
            m2 += x * x;
            m4 += (double) x * x * x * x;
        }
        m1 /= n;
        m2 /= n;
        m4 /= n;
        // standard errors: mean 1/sqrt(n) = 1e-3, variance sqrt(2/n) = 1.4e-3, 4th moment sqrt(96/n) = 9.8e-3; 5 sigma
        assertEquals(0, m1, 5e-3);
        assertEquals(1, m2, 7e-3);
        assertEquals(3, m4, 5e-2);
    }

    @Test
    void aSamplesNoiseDoesNotDependOnItsBatch() {
        int dim = 7; // not a multiple of 4: exercises the partial last block
        float[] all = new float[10 * dim];
        GaussianNoise.fill(42, 0, 100, 10, dim, all, 0);
        float[] one = new float[dim];
        GaussianNoise.fill(42, 0, 106, 1, dim, one, 0);
        for (int e = 0; e < dim; e++) {
            assertEquals(all[6 * dim + e], one[e]);
        }
        float[] other = new float[dim];
        GaussianNoise.fill(42, 1, 106, 1, dim, other, 0);
        assertNotEquals(one[0], other[0]);
        GaussianNoise.fill(43, 0, 106, 1, dim, other, 0);
        assertNotEquals(one[0], other[0]);
    }
}
