package org.gddim.solver.coeff;

import org.gddim.process.Process;

/**
 * Coefficients of the exponential (multistep) integrator, gddim-spec.md 5.1-5.3: for a step from {@code a}
 * to {@code b} and an eps polynomial interpolated on {@code nodes},
 * {@code C_j = int_a^b Psi(b, r) 1/2 G G^T R_r^{-T} l_j(r) dr}. Since
 * {@code d/dr [Psi(b, r) R_r] = Psi(b, r) 1/2 G G^T R_r^{-T}} (spec 1.5), integration by parts with
 * {@code Phi(b, r) = Psi(b, r) R_r} gives the inverse-free form used here:
 * {@code C_j = l_j(b) Phi(b, b) - l_j(a) Phi(b, a) - int_a^b l_j'(r) Phi(b, r) dr},
 * evaluated by adaptive 20-point Gauss-Legendre in double. With one node {@code l = 1}, so
 * {@code C_0 = R_b - Psi(b, a) R_a} exactly (DDIM for scalar processes, spec 2.3).
 */
public final class ExponentialCoefficients {
    private ExponentialCoefficients() {}

    private static final GaussLegendre RULE = new GaussLegendre(20);
    /** Of the integral of |integrand|: l_j' loses ~1e-14 to differences of nearby times, so 1e-12 is the honest target. */
    private static final double REL_TOL = 1e-12;

    /** {@code C_j} for j = 0 .. nodes.length-1, each in the process' coefficient layout. */
    public static double[][] of(Process process, double a, double b, double[] nodes) {
        double[] phiB = process.transitionTimesFrame(b, b);
        double[] phiA = process.transitionTimesFrame(b, a);
        double[][] c = new double[nodes.length][];
        for (int j = 0; j < nodes.length; j++) {
            double lb = Lagrange.basis(nodes, j, b);
            double la = Lagrange.basis(nodes, j, a);
            double[] cj = new double[phiB.length];
            for (int i = 0; i < cj.length; i++) {
                cj[i] = lb * phiB[i] - la * phiA[i];
            }
            if (nodes.length > 1) {
                int jj = j;
                double[] integral;
                try {
                    integral = RULE.integrateAdaptive(r -> {
                    double[] phi = process.transitionTimesFrame(b, r);
                    double d = Lagrange.derivative(nodes, jj, r);
                    for (int i = 0; i < phi.length; i++) {
                        phi[i] *= d;
                    }
                    return phi;
                    }, a, b, REL_TOL, 1e-300);
                } catch (ArithmeticException e) {
                    throw new ArithmeticException("coefficient C_" + j + " of the step " + a + " -> " + b + " with nodes "
                            + java.util.Arrays.toString(nodes) + " on " + process.name() + ": " + e.getMessage());
                }
                for (int i = 0; i < cj.length; i++) {
                    cj[i] -= integral[i];
                }
            }
            c[j] = cj;
        }
        return c;
    }
}
