package org.gddim.reference;

import java.util.stream.IntStream;
import org.gddim.model.GmmScore;
import org.gddim.process.ScalarProcess;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Integrates the probability-flow ODE {@code dx/dt = f_t x + g_t eps(x, t)} (scalar processes, exact GMM
 * eps) from {@code tMax} down to {@code tMin}, one sample at a time, with adaptive Dormand-Prince 8(5,3) at
 * relative and absolute tolerance {@code tol} in double. Samples are independent, so they run in parallel.
 */
public final class ProbabilityFlowReference {
    private final ScalarProcess process;
    private final GmmScore score;
    private final double tol;

    /** @param tol local error tolerance (relative and absolute); 1e-10 gives about 1e-9 end-point accuracy */
    public ProbabilityFlowReference(ScalarProcess process, GmmScore score, double tol) {
        this.process = process;
        this.score = score;
        this.tol = tol;
    }

    /**
     * Solves for every sample: {@code xT} is (B, D) row-major, the result too.
     *
     * @throws ArithmeticException if the integrator cannot meet the tolerance
     */
    public double[] solve(double[] xT, int batch, double tMax, double tMin) {
        int d = score.shape().size();
        double[] out = new double[xT.length];
        IntStream.range(0, batch).parallel().forEach(b -> {
            double[] x0 = new double[d];
            System.arraycopy(xT, b * d, x0, 0, d);
            double[] x = solveOne(x0, tMax, tMin);
            System.arraycopy(x, 0, out, b * d, d);
        });
        return out;
    }

    /** One sample from {@code tMax} to {@code tMin}. */
    public double[] solveOne(double[] xT, double tMax, double tMin) {
        GmmScore.Evaluator ev = score.evaluator();
        int d = xT.length;
        double[] eps = new double[d];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return d;
            }

            @Override
            public double[] computeDerivatives(double t, double[] x) {
                ev.eps(x, t, eps);
                double f = process.flowDrift(t);
                double g = process.flowEpsWeight(t);
                double[] dx = new double[d];
                for (int i = 0; i < d; i++) {
                    dx[i] = f * x[i] + g * eps[i];
                }
                return dx;
            }
        };
        double span = tMax - tMin;
        var integrator = new DormandPrince853Integrator(1e-14 * span, span, tol, tol);
        return integrator.integrate(ode, new ODEState(tMax, xT.clone()), tMin).getPrimaryState();
    }
}
