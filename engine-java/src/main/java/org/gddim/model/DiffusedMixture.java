package org.gddim.model;

import org.gddim.backend.Dct;
import org.gddim.process.Bdm;
import org.gddim.process.Cld;
import org.gddim.structure.Mat2;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * A Gaussian mixture pushed through a linear diffusion, coordinate by coordinate (gddim-spec.md 8.1-8.2): in a
 * component's eigen-coordinates every data coordinate j (variance lambda_j, mean m_j) is an independent
 * P-dimensional Gaussian at time t, P = 1 (scalar processes, BDM per frequency) or 2 (CLD's (x, v)):
 * <ul>
 *   <li>scalar: mean {@code a_t m_j}, variance {@code a_t^2 lambda_j + sigma_t^2};
 *   <li>BDM, in DCT coordinates (the state itself): mean {@code alpha_j(t) m_j}, variance
 *       {@code alpha_j^2 lambda_j + sigma_t^2}; needs covariances diagonal in the DCT basis;
 *   <li>CLD, data {@code (x_0, v_0) ~ N((m, 0), blockdiag(S + epsNum, gamma M + epsNum))}: mean
 *       {@code Psi(t,0) (m_j, 0)}, covariance {@code Sigma_t + lambda_j Psi e_x e_x^T Psi^T}, with the process'
 *       {@code Sigma_t} (which carries the epsNum and gamma M of Sigma_0).
 * </ul>
 */
final class DiffusedMixture {
    final Process process;
    final int planes;
    final int d;
    final int k;
    final EigenCoordinates[] coordinates;
    final double[][] meanEig; // (K, D) component means in eigen coordinates
    final double[][] lambda; // (K, D) eigenvalues

    DiffusedMixture(GaussianMixture gmm, Process process) {
        this.process = process;
        this.planes = process.planes();
        this.d = gmm.dim();
        this.k = gmm.components();
        this.coordinates = new EigenCoordinates[k];
        this.meanEig = new double[k][d];
        this.lambda = new double[k][];
        for (int c = 0; c < k; c++) {
            coordinates[c] = gmm.dct() ? new EigenCoordinates.DctChannels(d / plane(gmm), gmm.imageSize()[0], gmm.imageSize()[1])
                    : gmm.bases()[c] == null ? new EigenCoordinates.Identity(d) : new EigenCoordinates.Dense(gmm.bases()[c]);
            coordinates[c].toEigen(gmm.means()[c], 0, meanEig[c], 0);
            lambda[c] = gmm.eigenvalues()[c].clone();
        }
        if (process instanceof Bdm bdm) {
            toDctState(gmm, bdm);
        }
    }

    private static int plane(GaussianMixture gmm) {
        int[] hw = gmm.imageSize();
        return hw[0] * hw[1];
    }

    /** BDM's state is the DCT coefficients: means become DCT(m); covariances must be diagonal there. */
    private void toDctState(GaussianMixture gmm, Bdm bdm) {
        int[] hw = gmm.shape().dims().length >= 2 ? gmm.imageSize() : new int[] {0, 0};
        if (hw[0] != bdm.height() || hw[1] != bdm.width()) {
            throw new ModelSpecException("the model's images are " + gmm.shape() + " but the bdm process was made for "
                    + bdm.height() + " x " + bdm.width());
        }
        EigenCoordinates dct = new EigenCoordinates.DctChannels(d / plane(gmm), hw[0], hw[1], new Dct(hw[0], hw[1]));
        for (int c = 0; c < k; c++) {
            if (!gmm.dct()) {
                double[] l = lambda[c];
                double min = java.util.Arrays.stream(l).min().orElseThrow();
                double max = java.util.Arrays.stream(l).max().orElseThrow();
                if (max - min > 1e-12 * max) {
                    throw new ModelSpecException("the exact bdm oracle needs covariances that are diagonal in the DCT basis: "
                            + "isotropic components, or \"basis\": \"dct\" variances; component " + c + " is neither");
                }
            }
            dct.toEigen(gmm.means()[c], 0, meanEig[c], 0);
            coordinates[c] = new EigenCoordinates.Identity(d);
        }
    }

    /** Per-time quantities: means in eigen coordinates (K, P D), inverse covariances (K, D, 1 or 3), log normalisers. */
    final class AtTime {
        final double[][] mean = new double[k][planes * d];
        final double[][] inverse = new double[k][d * (planes == 1 ? 1 : 3)];
        final double[] logDet = new double[k];
        /** eps = -R^T score in the structure layout (sigma for P = 1). */
        double[] frameT;

        void prepare(double t) {
            switch (process) {
                case ScalarProcess p -> fill(p.alpha(t), null, p.sigma(t));
                case Bdm p -> fill(0, p.alpha(t), p.sigma(t));
                case Cld p -> {
                    fillBlock(p.transition(t, 0), p.covariance(t));
                    frameT = Mat2.transpose(p.frame(t));
                }
            }
        }

        private void fill(double a, double[] alphas, double sigma) {
            double s2 = sigma * sigma;
            for (int c = 0; c < k; c++) {
                double logDetC = 0;
                for (int j = 0; j < d; j++) {
                    double aj = alphas == null ? a : alphas[j % alphas.length];
                    double variance = aj * aj * lambda[c][j] + s2;
                    mean[c][j] = aj * meanEig[c][j];
                    inverse[c][j] = 1 / variance;
                    logDetC += Math.log(variance);
                }
                logDet[c] = logDetC;
            }
            frameT = new double[] {sigma};
        }

        private void fillBlock(double[] psi, double[] sigma) {
            for (int c = 0; c < k; c++) {
                double logDetC = 0;
                for (int j = 0; j < d; j++) {
                    double l = lambda[c][j];
                    double xx = sigma[0] + l * psi[0] * psi[0];
                    double xv = sigma[1] + l * psi[0] * psi[2];
                    double vv = sigma[3] + l * psi[2] * psi[2];
                    double det = xx * vv - xv * xv;
                    inverse[c][3 * j] = vv / det;
                    inverse[c][3 * j + 1] = -xv / det;
                    inverse[c][3 * j + 2] = xx / det;
                    mean[c][j] = psi[0] * meanEig[c][j];
                    mean[c][d + j] = psi[2] * meanEig[c][j];
                    logDetC += Math.log(det);
                }
                logDet[c] = logDetC;
            }
        }
    }
}
