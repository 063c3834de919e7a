package org.gddim.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Frechet distance against its closed forms: 1-D Gaussians, commuting (diagonal) covariances, identity. */
class FrechetDistanceTest {
    @Test
    void oneDimensionalGaussians() {
        // (m1 - m2)^2 + s1^2 + s2^2 - 2 s1 s2
        var a = new FrechetDistance.Stats(new double[] {1.0}, new double[][] {{4.0}}, 10);
        var b = new FrechetDistance.Stats(new double[] {-0.5}, new double[][] {{0.25}}, 10);
        assertEquals(2.25 + 4 + 0.25 - 2 * 2 * 0.5, FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void diagonalCovariancesSumPerCoordinate() {
        double[] s1 = {0.5, 2.0, 1.0};
        double[] s2 = {1.5, 0.1, 1.0};
        var a = new FrechetDistance.Stats(new double[] {0, 1, 2}, diag(s1), 10);
        var b = new FrechetDistance.Stats(new double[] {1, 1, 0}, diag(s2), 10);
        double expected = 1 + 0 + 4;
        for (int i = 0; i < 3; i++) {
            expected += s1[i] + s2[i] - 2 * Math.sqrt(s1[i] * s2[i]);
        }
        assertEquals(expected, FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void aSetHasDistanceZeroToItselfAndStatsAreUnbiased() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] f = new double[2000][5];
        for (double[] row : f) {
            for (int j = 0; j < 5; j++) {
                row[j] = rng.nextGaussian() * (j + 1) + j;
            }
        }
        var s = FrechetDistance.of(f);
        assertEquals(0.0, FrechetDistance.between(s, s), 1e-9);
        for (int j = 0; j < 5; j++) {
            assertEquals(j, s.mean()[j], 5 * (j + 1) / Math.sqrt(2000));
            assertEquals((j + 1) * (j + 1), s.covariance()[j][j], 5 * (j + 1) * (j + 1) * Math.sqrt(2.0 / 2000));
        }
    }

    private static double[][] diag(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }
}
