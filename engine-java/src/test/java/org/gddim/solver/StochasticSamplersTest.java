package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.Bdm;
import org.gddim.process.Cld;
import org.gddim.process.Process;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Moments;
import org.gddim.testing.Runs;
import org.junit.jupiter.api.Test;

/**
 * Stochastic samplers checked in distribution (float64 state, Philox noise): N samples of the exact law p_T
 * (drawn from {@link Moments}) are carried to t_min, and their sample mean and covariance must match the exact
 * moments of p_{t_min} within 5 standard errors: {@code |mean_i - mu_i| <= 5 sqrt(C_ii / N)} and
 * {@code |cov_ij - C_ij| <= 5 sqrt((C_ii C_jj + C_ij^2) / N)} (the standard error of a Gaussian sample covariance),
 * over the whole state. Stochastic gDDIM is exact for Dirac data (the law its frame is built for, spec 1.6) at any
 * step count, so it is run with 4 steps; on a mixture every sampler is only convergent, so it gets enough steps for
 * its bias to sit well inside the tolerance (measured on CLD: order-0 gDDIM, deterministic or not, still
 * under-disperses the velocity at t_min by 25 % at 200 steps, 3-4 standard errors at 800, within 2-3 at 3200;
 * the data plane x converges much faster). A sampler with a wrong noise covariance (e.g. P F_hat without the transpose,
 * pitfall P6, or EM's (1 + lambda)/2, pitfall P7) fails these bounds.
 */
class StochasticSamplersTest {
    private static final int N = 4000;

    private static void assertDistribution(String what, Process process, GaussianMixture gmm, Solver solver,
            GridKind grid, int steps) {
        double tMax = process.defaultTMax();
        double tMin = process.defaultTMin();
        GmmScore score = new GmmScore(gmm, process);
        Moments start = new Moments(gmm, process, tMax);
        double[] uT = start.sample(N, 99);
        TimeGrid g = TimeGrids.make(grid, process, tMax, tMin, steps);
        double[] out = Runs.runF64(solver, process, g, score, uT, N);
        Moments end = new Moments(gmm, process, tMin);
        double[] mu = end.mean();
        double[][] c = end.covariance();
        int n = mu.length;
        double[] mean = new double[n];
        for (int b = 0; b < N; b++) {
            for (int i = 0; i < n; i++) {
                mean[i] += out[b * n + i] / N;
            }
        }
        double[][] cov = new double[n][n];
        for (int b = 0; b < N; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cov[i][j] += (out[b * n + i] - mean[i]) * (out[b * n + j] - mean[j]) / (N - 1);
                }
            }
        }
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double zMean = Math.abs(mean[i] - mu[i]) / Math.sqrt(c[i][i] / N);
            worst = Math.max(worst, zMean);
            for (int j = 0; j < n; j++) {
                double zCov = Math.abs(cov[i][j] - c[i][j]) / Math.sqrt((c[i][i] * c[j][j] + c[i][j] * c[i][j]) / N);
                worst = Math.max(worst, zCov);
                if (zCov > 5) {
                    report.append(String.format(" cov[%d][%d] %.4g vs %.4g (%.1f se);", i, j, cov[i][j], c[i][j], zCov));
                }
            }
            if (zMean > 5) {
                report.append(String.format(" mean[%d] %.4g vs %.4g (%.1f se);", i, mean[i], mu[i], zMean));
            }
        }
        System.out.printf("%s: %s, %d steps, worst deviation %.2f standard errors%n", what, solver.describe(), steps, worst);
        assertTrue(report.isEmpty(), what + ":" + report);
    }

    @Test
    void stochasticGddimIsExactForDiracDataOnVp() {
        assertDistribution("vp dirac", Vp.linear(), Fixtures.dirac(0.7, -0.4), new StochasticGDdim(1.0), GridKind.LOGSNR, 4);
        assertDistribution("vp dirac", Vp.linear(), Fixtures.dirac(0.7, -0.4), new StochasticGDdim(0.5), GridKind.LOGSNR, 4);
    }

    @Test
    void stochasticGddimIsExactForDiracDataOnCld() {
        assertDistribution("cld dirac", Cld.standard(), Fixtures.dirac(0.7, -0.4), new StochasticGDdim(1.0),
                GridKind.QUADRATIC, 4);
        assertDistribution("cld dirac", Cld.standard(), Fixtures.dirac(0.7, -0.4), new StochasticGDdim(0.5),
                GridKind.QUADRATIC, 4);
    }

    @Test
    void stochasticGddimIsExactForDiracDataOnBdm() {
        var dirac = Fixtures.images(1, 1, 2, 2, 3);
        var point = org.gddim.model.GaussianMixture.dctDiagonal(new double[] {1}, dirac.means(),
                new double[][] {{1e-18, 1e-18, 1e-18, 1e-18}}, dirac.shape());
        assertDistribution("bdm dirac", Bdm.forImages(2, 2), point, new StochasticGDdim(1.0), GridKind.QUADRATIC, 4);
    }

    @Test
    void samplersConvergeInDistributionOnAMixture() {
        assertDistribution("vp gmm", Vp.linear(), Fixtures.gmm2d(), new StochasticGDdim(1.0), GridKind.LOGSNR, 200);
        assertDistribution("vp gmm", Vp.linear(), Fixtures.gmm2d(), new EulerMaruyama(1.0), GridKind.LOGSNR, 1000);
        assertDistribution("vp gmm", Vp.linear(), Fixtures.gmm2d(), new EulerMaruyama(0.5), GridKind.LOGSNR, 1000);
        assertDistribution("cld gmm", Cld.standard(), Fixtures.gmm2d(), new StochasticGDdim(0.5), GridKind.QUADRATIC, 1000);
        assertDistribution("cld gmm", Cld.standard(), Fixtures.gmm2d(), new Sscs(), GridKind.QUADRATIC, 1000);
        assertDistribution("cld gmm", Cld.standard(), Fixtures.gmm2d(), new EulerMaruyama(1.0), GridKind.QUADRATIC, 2000);
    }
}
