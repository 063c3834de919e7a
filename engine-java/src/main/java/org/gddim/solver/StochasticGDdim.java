package org.gddim.solver;

import org.gddim.process.LambdaTransition;
import org.gddim.process.Process;
import org.gddim.structure.Structure;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.TimeGrid;

/**
 * Stochastic gDDIM (Zhang, Tao, Chen, ICLR 2023, Prop. 5/6, Eq. 20-23; gddim-spec.md 1.6 and 5.4), order 0 (the
 * paper's Table 2 setting): each step samples the exact Gaussian transition of the lambda-family SDE under the
 * step's eps,
 * {@code u_{n+1} = Psi u_n + [psiHat - Psi] R_{t_n} eps_n + chol(P_n) z_n}, with {@code psiHat} and the PSD
 * covariance {@code P_n} from {@link Process#lambdaTransition} (closed form for scalar processes and BDM, a
 * double-precision ODE for CLD). Unlike the gDDIM code, the last step keeps its noise, so for Gaussian data the
 * samples have exactly the marginal at t_min. lambda = 0 is deterministic gDDIM of order 1; lambda = 1 is the
 * DDPM posterior (ancestral) step for scalar processes.
 */
public record StochasticGDdim(double lambda) implements Solver {
    public StochasticGDdim {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("stochastic gDDIM needs lambda > 0 (lambda = 0 is gddim), got " + lambda);
        }
    }

    @Override
    public String describe() {
        return "gddim q=1 lambda=" + lambda;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        Structure s = process.structure();
        PlanBuilder plan = new PlanBuilder(describe(), s, grid, 0, 1); // U, eps_n
        for (int n = 0; n < grid.steps(); n++) {
            double t = grid.at(n);
            double next = grid.at(n + 1);
            double[] psi = process.transition(next, t);
            LambdaTransition tr = process.lambdaTransition(next, t, lambda);
            plan.eval(Plan.U, t, plan.eps(n));
            plan.step(Plan.U, next).psi(psi)
                    .plus(s.mul(s.addScaled(tr.psiHat(), -1, psi), process.frame(t)), plan.eps(n)) // [psiHat - Psi] R_t
                    .noise(GaussianNoise.stepStream(n), s.cholesky(tr.covariance()));
        }
        return plan.build();
    }
}
