package org.gddim.solver.coeff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exactness on polynomials, accuracy on smooth and singular-ish integrands, orientation. */
class GaussLegendreTest {
    @Test
    void twentyPointsIntegrateDegree39Exactly() {
        GaussLegendre gl = new GaussLegendre(20);
        double a = 0.3;
        double b = 1.7;
        double exact = (Math.pow(b, 40) - Math.pow(a, 40)) / 40;
        assertEquals(exact, gl.integrate(r -> new double[] {Math.pow(r, 39)}, a, b)[0], 1e-13 * exact);
        assertEquals(2.0, sum(gl.weights()), 1e-14);
    }

    @Test
    void smallRulesMatchTheirTabulatedNodes() {
        assertEquals(1 / Math.sqrt(3), new GaussLegendre(2).nodes()[1], 1e-15);
        assertEquals(Math.sqrt(0.6), new GaussLegendre(3).nodes()[2], 1e-15);
        assertEquals(8.0 / 9, new GaussLegendre(3).weights()[1], 1e-15);
    }

    @Test
    void adaptiveRuleHandlesASqrtNearTheInterval() {
        // int_{1e-3}^{1} sqrt(r) dr: the branch point at 0 sits just outside the interval
        GaussLegendre gl = new GaussLegendre(20);
        double exact = 2.0 / 3 * (1 - Math.pow(1e-3, 1.5));
        double got = gl.integrateAdaptive(r -> new double[] {Math.sqrt(r)}, 1e-3, 1, 1e-14, 0)[0];
        assertEquals(exact, got, 1e-13);
    }

    @Test
    void reversedIntervalsGiveTheNegatedIntegral() {
        GaussLegendre gl = new GaussLegendre(20);
        double fwd = gl.integrate(r -> new double[] {Math.exp(r)}, -1, 2)[0];
        double back = gl.integrate(r -> new double[] {Math.exp(r)}, 2, -1)[0];
        assertEquals(Math.exp(2) - Math.exp(-1), fwd, 1e-14);
        assertEquals(-fwd, back, 1e-15 * Math.abs(fwd));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
