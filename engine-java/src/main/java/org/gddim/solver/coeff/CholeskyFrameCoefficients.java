package org.gddim.solver.coeff;

import org.gddim.process.Process;
import org.gddim.structure.Structure;

/**
 * Exponential-integrator coefficients in the Cholesky frame {@code K = L_t} (gddim-spec.md 1.4, 3.7 "ldeis"):
 * {@code C_j = int_a^b Psi(b, r) 1/2 G_r G_r^T L_r^{-T} l_j(r) dr}, by adaptive 20-point Gauss-Legendre on the
 * integrand itself ({@code L} does not solve Eq. 17, so the inverse-free by-parts form of
 * {@link ExponentialCoefficients} does not apply). Each {@code C_j} is then multiplied by
 * {@code Q_{nodes[j]} = L^{-1} R} at its node, so that it applies to the eps of the R-frame model:
 * {@code eps_L = L^T R^{-T} eps_R = Q eps_R}. For scalar and diagonal processes {@code L = R} and the result equals
 * {@link ExponentialCoefficients} to quadrature accuracy.
 */
public final class CholeskyFrameCoefficients {
    private CholeskyFrameCoefficients() {}

    private static final GaussLegendre RULE = new GaussLegendre(20);
    private static final double REL_TOL = 1e-11;

    /** {@code C_j Q_{nodes[j]}} for j = 0 .. nodes.length-1, each in the process' coefficient layout. */
    public static double[][] of(Process process, double a, double b, double[] nodes) {
        Structure s = process.structure();
        int len = process.transition(b, a).length;
        int q = nodes.length;
        double[] all = RULE.integrateAdaptive(r -> {
            double[] w = s.mul(process.transition(b, r), weight(process, r));
            double[] out = new double[q * len];
            for (int j = 0; j < q; j++) {
                double l = Lagrange.basis(nodes, j, r);
                for (int i = 0; i < len; i++) {
                    out[j * len + i] = l * w[i];
                }
            }
            return out;
        }, a, b, REL_TOL, 1e-300);
        double[][] c = new double[q][];
        for (int j = 0; j < q; j++) {
            double[] cj = java.util.Arrays.copyOfRange(all, j * len, (j + 1) * len);
            c[j] = s.mul(cj, rotation(process, nodes[j]));
        }
        return c;
    }

    /** {@code 1/2 G G^T L^{-T}}. */
    static double[] weight(Process process, double r) {
        Structure s = process.structure();
        double[] g = process.diffusion(r);
        double[] l = s.cholesky(process.covariance(r));
        return s.scale(s.mul(s.mul(g, s.transpose(g)), s.transpose(s.inverse(l))), 0.5);
    }

    /** {@code Q_r = L_r^{-1} R_r}. */
    static double[] rotation(Process process, double r) {
        Structure s = process.structure();
        return s.mul(s.inverse(s.cholesky(process.covariance(r))), process.frame(r));
    }
}
