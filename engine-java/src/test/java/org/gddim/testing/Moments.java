package org.gddim.testing;

import java.util.SplittableRandom;
import org.gddim.backend.Dct;
import org.gddim.model.DataMarginal;
import org.gddim.model.GaussianMixture;
import org.gddim.process.Bdm;
import org.gddim.process.Cld;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The diffused mixture {@code p_t = sum_k w_k N(mu_k(t), C_k(t))} built the plain way, with dense state-space
 * matrices (gddim-spec.md 8.1): {@code mu_k = Psi(t,0) m_k}, {@code C_k = Psi S_k Psi^T + Sigma^(0)_t}; CLD's data
 * enter as {@code (m, 0)} with {@code S = blockdiag(S_k + epsNum, gamma M + epsNum)}, BDM's in DCT coordinates.
 * An independent route to what GmmScore computes per eigen-coordinate: exact moments, exact samples and the
 * exact log density of the state, for tests.
 */
public final class Moments {
    public final double[][] means; // (K, state dim)
    public final RealMatrix[] covariances; // (K) state dim x state dim
    private final double[] weights;

    public Moments(GaussianMixture gmm, Process process, double t) {
        int k = gmm.components();
        this.weights = gmm.weights();
        this.means = new double[k][];
        this.covariances = new RealMatrix[k];
        for (int c = 0; c < k; c++) {
            RealMatrix s = new Array2DRowRealMatrix(gmm.covariance(c));
            double[] m = gmm.means()[c];
            int d = m.length;
            switch (process) {
                case ScalarProcess p -> {
                    double a = p.alpha(t);
                    double sig = p.sigma(t);
                    means[c] = scale(m, a);
                    covariances[c] = s.scalarMultiply(a * a).add(identity(d).scalarMultiply(sig * sig));
                }
                case Cld p -> {
                    double[] psi = p.transition(t, 0);
                    double[] s0 = p.covariance(0);
                    double[] sigma = p.covariance(t);
                    double[] prop = org.gddim.structure.Mat2.mul(org.gddim.structure.Mat2.mul(psi, s0), org.gddim.structure.Mat2.transpose(psi));
                    RealMatrix su = new Array2DRowRealMatrix(2 * d, 2 * d);
                    su.setSubMatrix(s.add(identity(d).scalarMultiply(s0[0])).getData(), 0, 0);
                    su.setSubMatrix(identity(d).scalarMultiply(s0[3]).getData(), d, d);
                    RealMatrix big = new Array2DRowRealMatrix(2 * d, 2 * d); // Psi (x) I
                    RealMatrix s00 = new Array2DRowRealMatrix(2 * d, 2 * d); // Sigma^(0) (x) I
                    for (int i = 0; i < d; i++) {
                        for (int r = 0; r < 2; r++) {
                            for (int q = 0; q < 2; q++) {
                                big.setEntry(r * d + i, q * d + i, psi[2 * r + q]);
                                s00.setEntry(r * d + i, q * d + i, sigma[2 * r + q] - prop[2 * r + q]);
                            }
                        }
                    }
                    double[] mu = new double[2 * d];
                    for (int i = 0; i < d; i++) {
                        mu[i] = psi[0] * m[i];
                        mu[d + i] = psi[2] * m[i];
                    }
                    means[c] = mu;
                    covariances[c] = big.multiply(su).multiply(big.transpose()).add(s00);
                }
                case Bdm p -> {
                    RealMatrix vt = dctMatrix(gmm);
                    double[] alpha = p.alpha(t);
                    RealMatrix da = new Array2DRowRealMatrix(d, d);
                    for (int i = 0; i < d; i++) {
                        da.setEntry(i, i, alpha[i % alpha.length]);
                    }
                    double sig = p.sigma(t);
                    means[c] = da.operate(vt.operate(m));
                    covariances[c] = da.multiply(vt).multiply(s).multiply(vt.transpose()).multiply(da)
                            .add(identity(d).scalarMultiply(sig * sig));
                }
            }
            covariances[c] = covariances[c].add(covariances[c].transpose()).scalarMultiply(0.5);
        }
    }

    /** {@code V^T} (D x D): the orthonormal DCT-II of every (H, W) channel, as a dense matrix. */
    public static RealMatrix dctMatrix(GaussianMixture gmm) {
        int[] hw = gmm.imageSize();
        int plane = hw[0] * hw[1];
        int d = gmm.dim();
        RealMatrix vt = new Array2DRowRealMatrix(d, d);
        double[] unit = new double[plane];
        for (int q = 0; q < plane; q++) {
            java.util.Arrays.fill(unit, 0);
            unit[q] = 1;
            double[] col = Dct.transform(unit, hw[0], hw[1], false);
            for (int c = 0; c < d / plane; c++) {
                for (int p = 0; p < plane; p++) {
                    vt.setEntry(c * plane + p, c * plane + q, col[p]);
                }
            }
        }
        return vt;
    }

    /** Mixture mean ({@link DataMarginal#mean}, on this class' independently built component moments). */
    public double[] mean() {
        return marginal().mean();
    }

    /** Mixture covariance {@code sum_k w_k (C_k + mu_k mu_k^T) - mean mean^T} ({@link DataMarginal#covariance}). */
    public double[][] covariance() {
        return marginal().covariance();
    }

    private DataMarginal marginal() {
        double[][][] covs = new double[covariances.length][][];
        for (int c = 0; c < covs.length; c++) {
            covs[c] = covariances[c].getData();
        }
        return new DataMarginal(weights, means, covs);
    }

    /** {@code count} exact samples of p_t, row-major (count, state dim), from {@code seed}. */
    public double[] sample(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = means[0].length;
        RealMatrix[] chol = new RealMatrix[weights.length];
        for (int c = 0; c < weights.length; c++) {
            chol[c] = new CholeskyDecomposition(covariances[c], 1e-12, 1e-300).getL();
        }
        double[] out = new double[count * n];
        double[] z = new double[n];
        for (int b = 0; b < count; b++) {
            double r = rng.nextDouble();
            int c = 0;
            while (c < weights.length - 1 && (r -= weights[c]) > 0) {
                c++;
            }
            for (int i = 0; i < n; i++) {
                z[i] = rng.nextGaussian();
            }
            double[] x = chol[c].operate(z);
            for (int i = 0; i < n; i++) {
                out[b * n + i] = means[c][i] + x[i];
            }
        }
        return out;
    }

    /** {@code log p_t(u)} from the dense covariances. */
    public double logDensity(double[] u) {
        double max = Double.NEGATIVE_INFINITY;
        double[] l = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            CholeskyDecomposition ch = new CholeskyDecomposition(covariances[c], 1e-12, 1e-300);
            double[] diff = u.clone();
            for (int i = 0; i < diff.length; i++) {
                diff[i] -= means[c][i];
            }
            double[] sol = ch.getSolver().solve(new org.hipparchus.linear.ArrayRealVector(diff)).toArray();
            double quad = 0;
            for (int i = 0; i < diff.length; i++) {
                quad += diff[i] * sol[i];
            }
            l[c] = Math.log(weights[c]) - 0.5 * Math.log(ch.getDeterminant()) - 0.5 * quad;
            max = Math.max(max, l[c]);
        }
        double sum = 0;
        for (double x : l) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum) - 0.5 * u.length * Math.log(2 * Math.PI);
    }

    private static RealMatrix identity(int d) {
        return org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(d);
    }

    private static double[] scale(double[] m, double a) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = a * m[i];
        }
        return out;
    }
}
