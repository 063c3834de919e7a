package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
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
    /** Buffer of eps_n. */
    private static final int EPS = 1;

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
        List<Op> ops = new ArrayList<>();
        for (int n = 0; n < grid.steps(); n++) {
            double t = grid.at(n);
            double next = grid.at(n + 1);
            double ratio = Math.exp(p.logAlpha(next) - p.logAlpha(t)); // a_{n+1} / a_n
            double c = p.sigma(next) - ratio * p.sigma(t);
            ops.add(new Op.Eval(Plan.U, t, EPS));
            ops.add(new Op.Step(Plan.U, Plan.U, next, new double[] {ratio}, new int[] {EPS}, new double[][] {{c}}));
        }
        return new Plan(describe(), p.structure(), grid, 2, ops);
    }
}
