package org.gddim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.backend.DType;
import org.gddim.backend.HostBuffer;
import org.gddim.backend.JavaScalar;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The exact GMM eps against finite differences of the log density and the one-Gaussian closed form. */
class GmmScoreTest {
    @Test
    void scoreIsTheGradientOfTheLogDensity() {
        Vp vp = Vp.linear();
        GmmScore.Evaluator ev = new GmmScore(Fixtures.gmm8d(), vp).evaluator();
        double[] u = Fixtures.normals(3, 8);
        for (double t : new double[] {1e-3, 0.05, 0.4, 0.9}) {
            double[] score = new double[8];
            ev.score(u, t, score);
            for (int i = 0; i < 8; i++) {
                double h = 1e-5;
                double[] up = u.clone();
                double[] dn = u.clone();
                up[i] += h;
                dn[i] -= h;
                double fd = (ev.logDensity(up, t) - ev.logDensity(dn, t)) / (2 * h);
                assertEquals(fd, score[i], 1e-5 * (1 + Math.abs(fd)), "t=" + t + " i=" + i);
            }
        }
    }

    @Test
    void singleGaussianEpsHasTheClosedForm() {
        // data N(m, s^2 I) under VE: eps = sigma (u - m) / (s^2 + sigma^2)
        Ve ve = Ve.standard();
        double s2 = 0.3;
        var gmm = GaussianMixture.diagonal(new double[] {1}, new double[][] {{1.0, -2.0}}, new double[][] {{s2, s2}},
                DataShape.of(2));
        var score = new GmmScore(gmm, ve);
        try (JavaScalar backend = new JavaScalar(DType.F64)) {
            HostBuffer u = backend.allocate(4);
            HostBuffer out = backend.allocate(4);
            u.write(0, new double[] {0.3, 0.1, -4.0, 2.5});
            double t = 0.37;
            score.eps(u, t, out, 2);
            double sigma = ve.sigma(t);
            double[] m = {1.0, -2.0};
            for (int i = 0; i < 4; i++) {
                double expected = sigma * (u.get(i) - m[i % 2]) / (s2 + sigma * sigma);
                assertEquals(expected, out.get(i), 1e-14 * (1 + Math.abs(expected)));
            }
        }
    }

    @Test
    void diagonalAndFullCovarianceGiveTheSameScore() {
        Vp vp = Vp.linear();
        double[][] means = {{0, 1}, {2, -1}};
        var diag = GaussianMixture.diagonal(new double[] {0.3, 0.7}, means, new double[][] {{0.1, 0.2}, {0.05, 0.3}},
                DataShape.of(2));
        var full = GaussianMixture.full(new double[] {0.3, 0.7}, means,
                new double[][][] {{{0.1, 0}, {0, 0.2}}, {{0.05, 0}, {0, 0.3}}}, DataShape.of(2));
        double[] a = new double[2];
        double[] b = new double[2];
        double[] u = {0.4, 0.2};
        new GmmScore(diag, vp).evaluator().eps(u, 0.2, a);
        new GmmScore(full, vp).evaluator().eps(u, 0.2, b);
        assertEquals(a[0], b[0], 1e-13);
        assertEquals(a[1], b[1], 1e-13);
    }

    @Test
    void theEmbeddedDefaultIsAValid2dMixture() {
        GaussianMixture gmm = GmmJson.defaultMixture();
        assertEquals(2, gmm.dim());
        assertEquals(6, gmm.components());
        double sum = 0;
        for (double w : gmm.weights()) {
            sum += w;
        }
        assertEquals(1.0, sum, 1e-15);
    }

    @Test
    void badMixturesAreRefusedWithTheExactProblem() {
        assertMessage("{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 2], [2, 1]]]}",
                "covariances[0] is not positive definite");
        assertMessage("{\"weights\": [1, 1], \"means\": [[0, 0]], \"variances\": [[1, 1]]}",
                "'means' has 1 entries but 'weights' has 2");
        assertMessage("{\"weights\": [1], \"means\": [[0, 0]], \"variances\": [[1, 1, 1]]}",
                "variances[0] has 3 entries, expected D = 2");
        assertMessage("{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 0.5], [0.4, 1]]]}",
                "covariances[0] is not symmetric");
        assertMessage("{\"weights\": [1], \"means\": [[0, 0]]}", "give exactly one of 'covariances'");
        assertMessage("{\"weights\": [0], \"means\": [[0]], \"variances\": [[1]]}", "weights[0] = 0.0 must be a positive");
        assertMessage("{\"weights\": [1], \"means\": [[0, \"x\"]], \"variances\": [[1, 1]]}", "means[0][1] is \"x\", not a number");
        assertMessage("{\"weights\": [1], \"means\": [[0]], \"variances\": [[-1]]}", "variances[0][0] = -1.0 must be > 0");
        assertMessage("{\"weights\": [1], \"mean\": [[0]]}", "unknown key 'mean'");
        assertMessage("{\"weights\": [1], \"means\": [[0, 0, 0, 0]], \"variances\": [[1, 1, 1, 1]], \"shape\": [3]}",
                "'shape' has 3 elements but the means have D = 4");
        assertMessage("{\"weights\": [1],\n \"means\": [[0,]]}", "malformed JSON at line 2");
    }

    private static void assertMessage(String json, String expected) {
        var e = assertThrows(ModelSpecException.class, () -> GmmJson.parse(json, "test.json"));
        assertTrue(e.getMessage().startsWith("test.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
