package org.gddim.solver.coeff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gddim.process.Edm;
import org.gddim.process.Vp;
import org.junit.jupiter.api.Test;

/**
 * The exponential-integrator coefficients against independent closed forms: classic Adams-Bashforth
 * weights (EDM, where Phi is linear in r), a direct quadrature of {@code a_b int l_j rho'} (VP), and the
 * partition-of-unity identity {@code sum_j C_j = R_b - Psi(b, a) R_a} (gddim-spec.md 5.1).
 */
class ExponentialCoefficientsTest {
    @Test
    void edmCoefficientsAreAdamsBashforthWeights() {
        // EDM: dx/dsigma = eps, so on a uniform sigma grid C_j = -h * AB_j (step from a to a - h)
        double h = 0.25;
        double a = 3.0;
        double[][] ab = {{1}, {1.5, -0.5}, {23.0 / 12, -16.0 / 12, 5.0 / 12}, {55.0 / 24, -59.0 / 24, 37.0 / 24, -9.0 / 24}};
        for (double[] weights : ab) {
            double[] nodes = new double[weights.length];
            for (int j = 0; j < nodes.length; j++) {
                nodes[j] = a + j * h;
            }
            double[][] c = ExponentialCoefficients.of(Edm.standard(), a, a - h, nodes);
            for (int j = 0; j < weights.length; j++) {
                assertEquals(-h * weights[j], c[j][0], 1e-14, "q=" + weights.length + " j=" + j);
            }
        }
    }

    @Test
    void vpCoefficientsMatchDirectQuadratureOfRhoPrime() {
        Vp vp = Vp.linear();
        GaussLegendre gl = new GaussLegendre(30);
        double[][] cases = {{0.5, 0.4, 0.62, 0.75}, {0.02, 1e-3, 0.05, 0.09}, {1.0, 0.9, 1.0, 1.0}};
        for (double[] cs : cases) {
            double a = cs[0];
            double b = cs[1];
            double[] nodes = cs[2] == cs[0] ? new double[] {a} : new double[] {a, cs[2], cs[3]};
            double[][] c = ExponentialCoefficients.of(vp, a, b, nodes);
            for (int j = 0; j < nodes.length; j++) {
                int jj = j;
                // rho' = -d log abar / (2 abar rho); the integrand a_b l_j(r) rho'(r)
                double direct = gl.integrateAdaptive(r -> {
                    double abar = Math.exp(2 * vp.logAlpha(r));
                    double rhoPrime = -2 * vp.dLogAlpha(r) / (2 * abar * vp.rho(r));
                    return new double[] {vp.alpha(b) * Lagrange.basis(nodes, jj, r) * rhoPrime};
                }, a, b, 1e-15, 0)[0];
                assertEquals(direct, c[j][0], 1e-11 * Math.max(1, Math.abs(direct)), "step " + a + "->" + b + " j=" + j);
            }
        }
    }

    @Test
    void coefficientsSumToTheOrderZeroCoefficient() {
        Vp vp = Vp.linear();
        double a = 0.3;
        double b = 0.2;
        double ddim = vp.sigma(b) - vp.alpha(b) / vp.alpha(a) * vp.sigma(a);
        for (int q = 1; q <= 4; q++) {
            double[] nodes = new double[q];
            for (int j = 0; j < q; j++) {
                nodes[j] = a + 0.07 * j * (1 + 0.3 * j); // non-uniform history
            }
            double sum = 0;
            for (double[] cj : ExponentialCoefficients.of(vp, a, b, nodes)) {
                sum += cj[0];
            }
            assertEquals(ddim, sum, 1e-13 * Math.abs(ddim), "q=" + q);
        }
    }

    @Test
    void lagrangeDerivativeMatchesFiniteDifferences() {
        double[] x = {0.9, 0.7, 0.55, 0.31};
        for (int j = 0; j < x.length; j++) {
            for (double r : new double[] {0.2, 0.55, 0.8}) {
                double h = 1e-6;
                double fd = (Lagrange.basis(x, j, r + h) - Lagrange.basis(x, j, r - h)) / (2 * h);
                assertEquals(fd, Lagrange.derivative(x, j, r), 1e-7 * (1 + Math.abs(fd)));
            }
        }
    }
}
