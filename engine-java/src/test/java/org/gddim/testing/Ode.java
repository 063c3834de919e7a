package org.gddim.testing;

import java.util.function.BiFunction;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/** Tight adaptive integration of small ODE systems for closed-form checks (Dormand-Prince 8(5,3), double). */
public final class Ode {
    private Ode() {}

    /** {@code y(t1)} for {@code dy/dt = f(t, y)}, {@code y(t0) = y0}, at relative and absolute tolerance {@code tol}. */
    public static double[] integrate(BiFunction<Double, double[], double[]> f, double t0, double[] y0, double t1, double tol) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return y0.length;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return f.apply(t, y);
            }
        };
        double span = Math.abs(t1 - t0);
        var integrator = new DormandPrince853Integrator(1e-16 * span, span, tol, tol);
        return integrator.integrate(ode, new ODEState(t0, y0.clone()), t1).getPrimaryState();
    }
}
