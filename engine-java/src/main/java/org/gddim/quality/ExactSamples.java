package org.gddim.quality;

import java.util.SplittableRandom;
import org.gddim.model.GaussianMixture;
import org.gddim.process.ScalarProcess;

/**
 * Exact draws from a Gaussian mixture diffused to time t by a scalar process (gddim-spec.md 8.1): the law of
 * {@code x_t = a_t x_0 + sigma_t z} is {@code sum_k w_k N(a_t m_k, a_t^2 S_k + sigma_t^2 I)}; draw a component
 * by weight, then {@code x = a m_k + U_k diag(sqrt(a^2 lambda_k + sigma^2)) z}. At t_min this is the law the
 * sampler's output should have, the target of the distribution distance.
 */
public final class ExactSamples {
    private ExactSamples() {}

    /** {@code n} draws ({@code (n, D)} row-major, double) at time {@code t}, from {@code seed}. */
    public static double[] draw(GaussianMixture gmm, ScalarProcess process, double t, int n, long seed) {
        int d = gmm.dim();
        double a = process.alpha(t);
        double s2 = process.sigma(t) * process.sigma(t);
        double[] cumulative = new double[gmm.components()];
        double sum = 0;
        for (int c = 0; c < cumulative.length; c++) {
            sum += gmm.weights()[c];
            cumulative[c] = sum;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[n * d];
        double[] y = new double[d];
        for (int i = 0; i < n; i++) {
            double r = rng.nextDouble() * sum;
            int c = 0;
            while (c < cumulative.length - 1 && r > cumulative[c]) {
                c++;
            }
            double[] lambda = gmm.eigenvalues()[c];
            for (int j = 0; j < d; j++) {
                y[j] = Math.sqrt(a * a * lambda[j] + s2) * rng.nextGaussian();
            }
            double[][] u = gmm.bases()[c];
            for (int j = 0; j < d; j++) {
                double v = y[j];
                if (u != null) {
                    v = 0;
                    for (int m = 0; m < d; m++) {
                        v += u[j][m] * y[m];
                    }
                }
                out[i * d + j] = a * gmm.means()[c][j] + v;
            }
        }
        return out;
    }
}
