package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.gddim.solver.coeff.GaussLegendre;
import org.gddim.solver.coeff.Lagrange;
import org.junit.jupiter.api.Test;

/**
 * DEIS with the eps polynomial in log rho (diffusers' DEISMultistepScheduler): its coefficients against the closed
 * form of the order-2 integral, {@code int (log r - log c)/(log b - log c) dr = r (log r - log c - 1)/(log b - log c)},
 * and against a 64-point Gauss-Legendre integral taken in rho itself (not in log rho) for order 3; order 1 is DDIM's
 * {@code a (rho_{n+1} - rho_n)}; and diffusers' final-step rule.
 */
class DeisLogRhoTest {
    private static final double RHO_S1 = 2.3;
    private static final double RHO_S0 = 1.1;
    private static final double RHO_T = 0.45;
    private static final double ALPHA_T = 0.91;

    private static double antiderivative(double r, double b, double c) {
        return r * (Math.log(r) - Math.log(c) - 1) / (Math.log(b) - Math.log(c));
    }

    @Test
    void orderTwoMatchesTheClosedForm() {
        double[][] c = Deis.logRhoCoefficients(ALPHA_T, RHO_S0, RHO_T, new double[] {Math.log(RHO_S0), Math.log(RHO_S1)});
        double c0 = ALPHA_T * (antiderivative(RHO_T, RHO_S0, RHO_S1) - antiderivative(RHO_S0, RHO_S0, RHO_S1));
        double c1 = ALPHA_T * (antiderivative(RHO_T, RHO_S1, RHO_S0) - antiderivative(RHO_S0, RHO_S1, RHO_S0));
        assertEquals(c0, c[0][0], 1e-14);
        assertEquals(c1, c[1][0], 1e-14);
        double[][] one = Deis.logRhoCoefficients(ALPHA_T, RHO_S0, RHO_T, new double[] {Math.log(RHO_S0)});
        assertEquals(ALPHA_T * (RHO_T - RHO_S0), one[0][0], 1e-15); // order 1: DDIM
    }

    @Test
    void orderThreeMatchesAnIntegralInRho() {
        double[] logNodes = {Math.log(RHO_S0), Math.log(RHO_S1), Math.log(4.0)};
        double[][] c = Deis.logRhoCoefficients(ALPHA_T, RHO_S0, RHO_T, logNodes);
        GaussLegendre rule = new GaussLegendre(64);
        for (int j = 0; j < 3; j++) {
            int jj = j;
            double reference = ALPHA_T * rule.integrate(r -> new double[] {Lagrange.basis(logNodes, jj, Math.log(r))}, RHO_S0, RHO_T)[0];
            assertEquals(reference, c[j][0], 1e-13, "c" + j);
        }
    }

    @Test
    void diffusersFinalStepRule() {
        // DEISMultistepScheduler, N = 10 < 15 with lower_order_final: first order last, at most second order before it
        Deis q2 = new Deis(Deis.Variant.LOG_RHO, 2, true);
        assertArrayEquals(new int[] {1, 2, 2, 2, 2, 2, 2, 2, 2, 1}, IntStream.range(0, 10).map(n -> q2.orderOfStep(n, 10)).toArray());
        Deis q3 = new Deis(Deis.Variant.LOG_RHO, 3, true);
        assertArrayEquals(new int[] {1, 2, 3, 3, 3, 3, 3, 3, 2, 1}, IntStream.range(0, 10).map(n -> q3.orderOfStep(n, 10)).toArray());
        assertEquals(3, q3.orderOfStep(19, 20)); // not from 15 steps on
        assertEquals(3, new Deis(Deis.Variant.LOG_RHO, 3, false).orderOfStep(9, 10));
        assertEquals(3, new Deis(Deis.Variant.RHO_AB, 3).orderOfStep(9, 10)); // the paper's variants have no such rule
        assertThrows(IllegalArgumentException.class, () -> new Deis(Deis.Variant.RHO_AB, 3, true));
    }
}
