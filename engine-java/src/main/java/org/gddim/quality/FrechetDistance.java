package org.gddim.quality;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians, {@code |mu_1 - mu_2|^2 + tr(C_1 + C_2 - 2 (C_1^{1/2} C_2 C_1^{1/2})^{1/2})}
 * (FID's formula, here on the data themselves rather than on Inception features): how far the mean and
 * covariance of a set of samples are from those of the exact law. Zero only when both moments match; it cannot
 * see differences beyond the second moment. Computed in a small classifier's feature space ({@link Stats}) it is
 * an FID-like number for the engine's image models, not comparable with Inception-based FID values.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** Mean and (unbiased) covariance of a feature set of {@code count} rows. */
    public record Stats(double[] mean, double[][] covariance, int count) {}

    /** The statistics of {@code features} (n rows of d features). */
    public static Stats of(double[][] features) {
        int n = features.length;
        int d = features[0].length;
        double[] mean = new double[d];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < d; i++) {
                mean[i] += features[b][i] / n;
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

    /** The distance between two fitted Gaussians. */
    public static double between(Stats a, Stats b) {
        return of(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    public static double of(double[] mu1, double[][] c1, double[] mu2, double[][] c2) {
        double d = 0;
        for (int i = 0; i < mu1.length; i++) {
            d += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
        }
        RealMatrix s1 = sqrt(new Array2DRowRealMatrix(c1));
        RealMatrix m = s1.multiply(new Array2DRowRealMatrix(c2)).multiply(s1);
        m = m.add(m.transpose()).scalarMultiply(0.5);
        double traceSqrt = 0;
        for (double l : new EigenDecompositionSymmetric(m).getEigenvalues()) {
            traceSqrt += Math.sqrt(Math.max(0, l));
        }
        for (int i = 0; i < mu1.length; i++) {
            d += c1[i][i] + c2[i][i];
        }
        return Math.max(0, d - 2 * traceSqrt);
    }

    /** The symmetric PSD square root. */
    private static RealMatrix sqrt(RealMatrix c) {
        RealMatrix sym = c.add(c.transpose()).scalarMultiply(0.5);
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(sym);
        double[] l = e.getEigenvalues();
        RealMatrix v = e.getV();
        int n = l.length;
        RealMatrix out = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += v.getEntry(i, k) * Math.sqrt(Math.max(0, l[k])) * v.getEntry(j, k);
                }
                out.setEntry(i, j, s);
            }
        }
        return out;
    }

    /** Sample mean of {@code count} rows of {@code d} values. */
    public static double[] mean(float[] x, int count, int d) {
        double[] m = new double[d];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < d; i++) {
                m[i] += x[b * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            m[i] /= count;
        }
        return m;
    }

    /** Unbiased sample covariance of {@code count} rows of {@code d} values. */
    public static double[][] covariance(float[] x, int count, int d) {
        double[] m = mean(x, count, d);
        double[][] c = new double[d][d];
        double[] row = new double[d];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < d; i++) {
                row[i] = x[b * d + i] - m[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    c[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= count - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }
}
