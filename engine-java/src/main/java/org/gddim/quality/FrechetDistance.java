package org.gddim.quality;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * The Frechet distance between two Gaussians fitted to feature sets (the FID formula, Heusel et al. 2017):
 * {@code |m1 - m2|^2 + tr(S1 + S2 - 2 (S1^(1/2) S2 S1^(1/2))^(1/2))}, in double, with the square roots of the
 * symmetric positive semi-definite matrices taken through their eigendecompositions (negative round-off
 * eigenvalues clipped to 0). Computed in a small classifier's feature space it is an FID-like number for the
 * engine's image models; it is not comparable with Inception-based FID values.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** Mean and covariance of a feature set. */
    public record Stats(double[] mean, double[][] covariance, int count) {}

    /** Mean and (unbiased) covariance of {@code features} (n rows of d features). */
    public static Stats of(double[][] features) {
        int n = features.length;
        int d = features[0].length;
        double[] mean = new double[d];
        for (double[] f : features) {
            for (int i = 0; i < d; i++) {
                mean[i] += f[i] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] f : features) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += (f[i] - mean[i]) * (f[j] - mean[j]) / (n - 1);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        return new Stats(mean, cov, n);
    }

    public static double between(Stats a, Stats b) {
        double meanTerm = 0;
        for (int i = 0; i < a.mean().length; i++) {
            meanTerm += (a.mean()[i] - b.mean()[i]) * (a.mean()[i] - b.mean()[i]);
        }
        RealMatrix s1 = new Array2DRowRealMatrix(a.covariance());
        RealMatrix s2 = new Array2DRowRealMatrix(b.covariance());
        RealMatrix root1 = sqrtPsd(s1);
        RealMatrix inner = root1.multiply(s2).multiply(root1);
        inner = inner.add(inner.transpose()).scalarMultiply(0.5); // symmetric up to round-off
        return meanTerm + s1.getTrace() + s2.getTrace() - 2 * sqrtPsd(inner).getTrace();
    }

    private static RealMatrix sqrtPsd(RealMatrix m) {
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(m);
        double[] lambda = eig.getEigenvalues();
        RealMatrix v = eig.getV();
        RealMatrix scaled = v.copy();
        for (int j = 0; j < lambda.length; j++) {
            double root = Math.sqrt(Math.max(0, lambda[j]));
            for (int i = 0; i < lambda.length; i++) {
                scaled.setEntry(i, j, v.getEntry(i, j) * root);
            }
        }
        return scaled.multiply(v.transpose());
    }
}
