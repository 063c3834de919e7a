package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;

/**
 * Deterministic DDIM (Song, Meng, Ermon, ICLR 2021, Eq. 12 with sigma = 0), written from its own paper:
 * {@code x0_hat = (x_n - sigma_n eps_n) / a_n}, {@code x_{n+1} = a_{n+1} x0_hat + sigma_{n+1} eps_n}, i.e.
 * {@code x_{n+1} = (a_{n+1}/a_n) x_n + (sigma_{n+1} - (a_{n+1}/a_n) sigma_n) eps_n}. Defined for isotropic
 * processes; gDDIM of order 1 is its generalisation (gddim-spec.md 2.3), and the tests hold the two equal.
 */
public final class Ddim implements Solver {
    @Override
    public String describe() {
        return "ddim";
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("DDIM is defined for isotropic processes (vp, ve, edm, fdm-*, ddpm-*), not "
                    + process.name() + "; use gddim, whose order 1 generalises it");
        }
        PlanBuilder plan = new PlanBuilder(describe(), p.structure(), grid, 0, 1); // U, eps_n
        for (int n = 0; n < grid.steps(); n++) {
            double t = grid.at(n);
            double next = grid.at(n + 1);
            double ratio = Math.exp(p.logAlpha(next) - p.logAlpha(t)); // a_{n+1} / a_n
            plan.eval(Plan.U, t, plan.eps(n));
            plan.step(Plan.U, next).psi(ratio).plus(p.sigma(next) - ratio * p.sigma(t), plan.eps(n));
        }
        return plan.build();
    }
}
