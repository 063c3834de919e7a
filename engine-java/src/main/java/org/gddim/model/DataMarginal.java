package org.gddim.model;

/**
 * The exact law of the data plane of the state at one time, a Gaussian mixture in state coordinates: the whole
 * state for scalar processes, CLD's x plane (its v is marginalised out), BDM's DCT coefficients. What sampled data
 * should follow; the quality studies compare sample moments against it.
 *
 * @param weights (K)
 * @param means (K, D)
 * @param covariances (K, D, D)
 */
public record DataMarginal(double[] weights, double[][] means, double[][][] covariances) {
    /** {@code sum_k w_k mu_k}. */
    public double[] mean() {
        double[] out = new double[means[0].length];
        for (int c = 0; c < weights.length; c++) {
            for (int i = 0; i < out.length; i++) {
                out[i] += weights[c] * means[c][i];
            }
        }
        return out;
    }

    /** {@code sum_k w_k (C_k + mu_k mu_k^T) - mean mean^T}. */
    public double[][] covariance() {
        double[] mean = mean();
        int d = mean.length;
        double[][] out = new double[d][d];
        for (int c = 0; c < weights.length; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] += weights[c] * (covariances[c][i][j] + means[c][i] * means[c][j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] -= mean[i] * mean[j];
            }
        }
        return out;
    }
}
