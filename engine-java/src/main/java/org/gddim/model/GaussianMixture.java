package org.gddim.model;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * A Gaussian-mixture data law {@code sum_k w_k N(m_k, S_k)} on R^D, with each covariance held by its
 * eigendecomposition {@code S_k = U_k diag(lambda_k) U_k^T} (U_k = null means diagonal, U = I; with
 * {@code dct} every U_k is the orthonormal 2-D DCT basis V of each (H, W) channel, {@code S_k = V diag V^T}). The
 * eigenbasis makes the diffused covariance {@code a^2 S_k + sigma^2 I = U diag(a^2 lambda + sigma^2) U^T}
 * exact and cheap at every t, with no inverse of a near-singular matrix (gddim-spec.md 8.1 numerics).
 *
 * @param weights (K) mixture weights, positive, normalised to sum 1
 * @param means (K, D)
 * @param bases (K, D, D) row-major {@code bases[k][i][j] = U_k[i][j]} (columns are eigenvectors), or null
 *     entries for diagonal components
 * @param eigenvalues (K, D) positive
 * @param shape shape of one sample (product D)
 * @param dct whether the eigen-coordinates are the DCT-II coefficients of each (H, W) channel (bases all null)
 */
public record GaussianMixture(double[] weights, double[][] means, double[][][] bases, double[][] eigenvalues,
        DataShape shape, boolean dct) {

    /** Relative floor below which a covariance eigenvalue counts as zero (the matrix is not positive definite). */
    static final double PD_TOLERANCE = 1e-13;

    public int components() {
        return weights.length;
    }

    public int dim() {
        return shape.size();
    }

    /** A mixture with full covariances {@code (K, D, D)}; throws {@link ModelSpecException} naming the bad entry. */
    public static GaussianMixture full(double[] weights, double[][] means, double[][][] covariances, DataShape shape) {
        int k = checkWeightsAndMeans(weights, means, shape);
        int d = shape.size();
        if (covariances.length != k) {
            throw new ModelSpecException("'covariances' has " + covariances.length + " entries but 'weights' has " + k);
        }
        double[][][] bases = new double[k][][];
        double[][] eigenvalues = new double[k][];
        for (int c = 0; c < k; c++) {
            double[][] s = covariances[c];
            checkSquare(s, d, "covariances[" + c + "]");
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(s, false));
            double[] lambda = eig.getEigenvalues();
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double l : lambda) {
                max = Math.max(max, Math.abs(l));
                min = Math.min(min, l);
            }
            if (!(min > PD_TOLERANCE * max)) {
                throw new ModelSpecException("covariances[" + c + "] is not positive definite: smallest eigenvalue "
                        + min + ", largest " + max);
            }
            bases[c] = eig.getV().getData();
            eigenvalues[c] = lambda;
        }
        return new GaussianMixture(normalised(weights), copy(means), bases, eigenvalues, shape, false);
    }

    /** A mixture with diagonal covariances given as variances {@code (K, D)}. */
    public static GaussianMixture diagonal(double[] weights, double[][] means, double[][] variances, DataShape shape) {
        return diagonal(weights, means, variances, shape, false);
    }

    /**
     * A mixture whose covariances are diagonal in the DCT basis, {@code S_k = V diag(variances_k) V^T}, V the
     * orthonormal 2-D DCT-II of each (H, W) channel: image-like data whose power sits in chosen frequencies.
     * {@code variances[k][c H W + p W + q]} is the variance of frequency (p, q) of channel c; means are pixels.
     */
    public static GaussianMixture dctDiagonal(double[] weights, double[][] means, double[][] variances, DataShape shape) {
        int[] dims = shape.dims();
        if (dims.length < 2 || dims.length > 3) {
            throw new ModelSpecException("a DCT-basis mixture needs an image shape (C, H, W) or (H, W), got " + shape);
        }
        return diagonal(weights, means, variances, shape, true);
    }

    private static GaussianMixture diagonal(double[] weights, double[][] means, double[][] variances, DataShape shape,
            boolean dct) {
        int k = checkWeightsAndMeans(weights, means, shape);
        if (variances.length != k) {
            throw new ModelSpecException("'variances' has " + variances.length + " entries but 'weights' has " + k);
        }
        double[][] eigenvalues = new double[k][];
        for (int c = 0; c < k; c++) {
            checkVector(variances[c], shape.size(), "variances[" + c + "]");
            for (int i = 0; i < variances[c].length; i++) {
                if (!(variances[c][i] > 0)) {
                    throw new ModelSpecException("variances[" + c + "][" + i + "] = " + variances[c][i]
                            + " must be > 0 (the covariance must be positive definite)");
                }
            }
            eigenvalues[c] = variances[c].clone();
        }
        return new GaussianMixture(normalised(weights), copy(means), new double[k][][], eigenvalues, shape, dct);
    }

    /** Height and width of one channel (the last two axes of the shape). */
    public int[] imageSize() {
        int[] dims = shape.dims();
        return new int[] {dims[dims.length - 2], dims[dims.length - 1]};
    }

    /** The covariance {@code S_k} as a dense (D, D) matrix. */
    public double[][] covariance(int component) {
        int d = dim();
        double[][] s = new double[d][d];
        double[][] u = dct ? dctBasis() : bases[component];
        double[] lambda = eigenvalues[component];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (u == null) {
                    s[i][j] = i == j ? lambda[i] : 0;
                } else {
                    double sum = 0;
                    for (int m = 0; m < d; m++) {
                        sum += u[i][m] * lambda[m] * u[j][m];
                    }
                    s[i][j] = sum;
                }
            }
        }
        return s;
    }

    /** The dense DCT basis V (D, D), columns the basis images: x = V y for DCT coefficients y. */
    private double[][] dctBasis() {
        int d = dim();
        int[] hw = imageSize();
        int plane = hw[0] * hw[1];
        double[][] v = new double[d][d];
        double[] unit = new double[plane];
        for (int q = 0; q < plane; q++) {
            java.util.Arrays.fill(unit, 0);
            unit[q] = 1;
            double[] col = org.gddim.backend.Dct.transform(unit, hw[0], hw[1], true);
            for (int c = 0; c < d / plane; c++) {
                for (int p = 0; p < plane; p++) {
                    v[c * plane + p][c * plane + q] = col[p];
                }
            }
        }
        return v;
    }

    private static int checkWeightsAndMeans(double[] weights, double[][] means, DataShape shape) {
        if (weights.length == 0) {
            throw new ModelSpecException("'weights' is empty: a mixture needs at least one component");
        }
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] > 0) || !Double.isFinite(weights[c])) {
                throw new ModelSpecException("weights[" + c + "] = " + weights[c] + " must be a positive finite number");
            }
        }
        if (means.length != weights.length) {
            throw new ModelSpecException("'means' has " + means.length + " entries but 'weights' has " + weights.length);
        }
        for (int c = 0; c < means.length; c++) {
            checkVector(means[c], shape.size(), "means[" + c + "]");
        }
        return weights.length;
    }

    private static void checkVector(double[] v, int d, String name) {
        if (v.length != d) {
            throw new ModelSpecException(name + " has " + v.length + " entries, expected D = " + d);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ModelSpecException(name + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
    }

    private static void checkSquare(double[][] s, int d, String name) {
        if (s.length != d) {
            throw new ModelSpecException(name + " has " + s.length + " rows, expected D = " + d);
        }
        double scale = 0;
        for (int i = 0; i < d; i++) {
            checkVector(s[i], d, name + "[" + i + "]");
            for (double x : s[i]) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(s[i][j] - s[j][i]) > 1e-9 * scale) {
                    throw new ModelSpecException(name + " is not symmetric: [" + i + "][" + j + "] = " + s[i][j]
                            + " but [" + j + "][" + i + "] = " + s[j][i]);
                }
            }
        }
    }

    private static double[] normalised(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / sum;
        }
        return out;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
