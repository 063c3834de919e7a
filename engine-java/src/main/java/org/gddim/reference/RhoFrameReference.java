package org.gddim.reference;

import java.util.stream.IntStream;
import org.gddim.model.GmmScore;
import org.gddim.process.ScalarProcess;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The probability-flow ODE of a scalar process in EDM's frame: state {@code x^ = x / a}, time
 * {@code rho = sigma / a}, where it reads exactly {@code dx^/drho = eps(a x^, t(rho))} (pndm-fdm-ld3-spec.md 1,
 * form 3: DDIM is its Euler step). Integrated per sample with adaptive Dormand-Prince 8(5,3) in double, like
 * {@link ProbabilityFlowReference}, of which it is the same solution. Its use: schedules that are only piecewise
 * smooth in t ({@link org.gddim.process.DiscreteVp}, log abar linear between 1000 labels) make the t-form's
 * right-hand side jump 1000 times, and DOP853 shrinks its step at every jump; in rho the right-hand side is smooth
 * (the mixture's eps depends on t only through a and sigma, smooth functions of rho for a VP-type schedule).
 */
public final class RhoFrameReference {
    private final ScalarProcess process;
    private final GmmScore score;
    private final double tol;

    /** @param tol relative and absolute local error tolerance on x^ */
    public RhoFrameReference(ScalarProcess process, GmmScore score, double tol) {
        this.process = process;
        this.score = score;
        this.tol = tol;
    }

    /** Solves every sample of {@code xT} ((B, D) row-major) from {@code tMax} down to {@code tMin}; samples in parallel. */
    public double[] solve(double[] xT, int batch, double tMax, double tMin) {
        int d = score.shape().size();
        double[] out = new double[xT.length];
        IntStream.range(0, batch).parallel().forEach(b -> {
            double[] x0 = new double[d];
            System.arraycopy(xT, b * d, x0, 0, d);
            System.arraycopy(solveOne(x0, tMax, tMin), 0, out, b * d, d);
        });
        return out;
    }

    /** One sample from {@code tMax} to {@code tMin}. */
    public double[] solveOne(double[] xT, double tMax, double tMin) {
        GmmScore.Evaluator ev = score.evaluator();
        int d = xT.length;
        double[] x = new double[d];
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return d;
            }

            @Override
            public double[] computeDerivatives(double rho, double[] hat) {
                double t = process.tOfRho(rho);
                double a = process.alpha(t);
                for (int i = 0; i < d; i++) {
                    x[i] = a * hat[i];
                }
                double[] eps = new double[d];
                ev.eps(x, t, eps);
                return eps;
            }
        };
        double rhoMax = process.rho(tMax);
        double rhoMin = process.rho(tMin);
        double[] hat = xT.clone();
        double aMax = process.alpha(tMax);
        for (int i = 0; i < d; i++) {
            hat[i] /= aMax;
        }
        double span = rhoMax - rhoMin;
        var integrator = new DormandPrince853Integrator(1e-14 * span, span, tol, tol);
        double[] end = integrator.integrate(ode, new ODEState(rhoMax, hat), rhoMin).getPrimaryState();
        double aMin = process.alpha(tMin);
        for (int i = 0; i < d; i++) {
            end[i] *= aMin;
        }
        return end;
    }
}
