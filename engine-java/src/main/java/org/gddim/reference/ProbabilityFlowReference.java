package org.gddim.reference;

import java.util.stream.IntStream;
import org.gddim.model.GmmScore;
import org.gddim.process.Process;
import org.gddim.structure.Structure;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Integrates the probability-flow ODE {@code du/dt = F_t u + W_t eps(u, t)}, {@code W = 1/2 G G^T R^{-T}}
 * (gddim-spec.md 1.5; any process, coefficients in its structure layout, exact GMM eps) from {@code tMax} down to
 * {@code tMin}, one sample (state) at a time, with adaptive Dormand-Prince 8(5,3) at relative and absolute
 * tolerance {@code tol} in double. Samples are independent, so they run in parallel.
 */
public final class ProbabilityFlowReference {
    private final Process process;
    private final GmmScore score;
    private final double tol;

    /** @param tol local error tolerance (relative and absolute); 1e-10 gives about 1e-9 end-point accuracy */
    public ProbabilityFlowReference(Process process, GmmScore score, double tol) {
        this.process = process;
        this.score = score;
        this.tol = tol;
    }

    /**
     * Solves for every sample: {@code xT} is (B, state dim) row-major, the result too.
     *
     * @throws ArithmeticException if the integrator cannot meet the tolerance
     */
    public double[] solve(double[] xT, int batch, double tMax, double tMin) {
        int d = score.stateShape().size();
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
        Structure structure = process.structure();
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
                double[] dx = new double[d];
                structure.applyAdd(process.drift(t), x, dx);
                structure.applyAdd(process.epsWeight(t), eps, dx);
                return dx;
            }
        };
        double span = tMax - tMin;
        var integrator = new DormandPrince853Integrator(1e-14 * span, span, tol, tol);
        return integrator.integrate(ode, new ODEState(tMax, xT.clone()), tMin).getPrimaryState();
    }
}
