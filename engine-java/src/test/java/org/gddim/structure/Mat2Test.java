package org.gddim.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** 2x2 algebra: the exact exponential against its Taylor series (real, complex and repeated eigenvalues), inverse, Cholesky. */
class Mat2Test {
    private static double[] taylorExp(double[] a) {
        double[] sum = Mat2.identity();
        double[] term = Mat2.identity();
        for (int n = 1; n < 60; n++) {
            term = Mat2.scale(Mat2.mul(term, a), 1.0 / n);
            sum = Mat2.add(sum, term);
        }
        return sum;
    }

    @Test
    void exponentialMatchesTheSeries() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] cases = {Mat2.of(0, 4, -1, -4), Mat2.of(0, -4, 1, -4), Mat2.of(0.3, 0, 0, 0.3), Mat2.of(0, 1, -1, 0),
            Mat2.of(1, 2, 3, 4), Mat2.of(1e-5, 1, -1e-10, 1e-5)};
        for (int i = 0; i < 30; i++) {
            double[] a = i < cases.length ? cases[i] : Mat2.of(rng.nextDouble(-2, 2), rng.nextDouble(-2, 2),
                    rng.nextDouble(-2, 2), rng.nextDouble(-2, 2));
            double[] want = taylorExp(a);
            double[] got = Mat2.exp(a);
            for (int j = 0; j < 4; j++) {
                assertEquals(want[j], got[j], 1e-13 * (1 + Math.abs(want[j])), java.util.Arrays.toString(a));
            }
        }
    }

    @Test
    void inverseAndCholesky() {
        double[] a = Mat2.of(2, 0.5, 0.5, 1);
        double[] inv = Mat2.mul(a, Mat2.inverse(a));
        double[] l = Mat2.cholesky(a);
        double[] llT = Mat2.mul(l, Mat2.transpose(l));
        for (int j = 0; j < 4; j++) {
            assertEquals(Mat2.identity()[j], inv[j], 1e-15);
            assertEquals(a[j], llT[j], 1e-15);
        }
        assertEquals(0, l[1], 0);
    }
}
