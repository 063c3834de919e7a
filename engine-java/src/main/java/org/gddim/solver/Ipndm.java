package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.AdamsBashforth;
import org.gddim.solver.coeff.DdimTransfer;

/**
 * iPNDM, the improved PNDM of the DEIS paper (Zhang and Chen, ICLR 2023, Sec. 5 and App.; code qsh-zh/deis
 * {@code get_sampler_ipndm}; also LD3's and diff-sampler's iPNDM; pndm-fdm-ld3-spec.md 3.1): PNDM without
 * the Runge-Kutta start. Step k: {@code e'_k = sum_j w^(p)_j eps_{k-j}} with the constant-step
 * Adams-Bashforth weights of order {@code p = min(k + 1, P)} ([1], [3, -1]/2, [23, -16, 5]/12,
 * [55, -59, 37, -9]/24) whatever the grid, then {@code x_{k+1} = phi(x_k, e'_k; t_k -> t_{k+1})}, the DDIM
 * transfer ({@link DdimTransfer}). Exactly N NFE. P = 4 in DEIS, 3 in LD3's pixel configs. Like PLMS it is
 * of order P only on grids uniform in {@code rho = sigma/a}, and second order elsewhere (see {@link Pndm}).
 * Extends to every process through gDDIM's order-0 step.
 */
public final class Ipndm implements Solver {
    private final int order;

    /** @param order P in 1..4 (1 is DDIM) */
    public Ipndm(int order) {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("iPNDM order must be in 1..4, got " + order);
        }
        this.order = order;
    }

    @Override
    public String describe() {
        return "ipndm q=" + order;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        PlanBuilder plan = new PlanBuilder(describe(), process.structure(), grid, 0, order); // U, then the eps ring
        for (int k = 0; k < grid.steps(); k++) {
            double t = grid.at(k);
            double next = grid.at(k + 1);
            plan.eval(Plan.U, t, plan.eps(k));
            double[] w = AdamsBashforth.weights(Math.min(k + 1, order)); // e'_k = sum_j w_j eps_{k-j}
            DdimTransfer phi = DdimTransfer.of(process, t, next); // x_{k+1} = phi(x_k, e'_k; t_k -> t_{k+1})
            PlanBuilder.Step step = plan.step(Plan.U, next).psi(phi.psi());
            for (int j = 0; j < w.length; j++) {
                step.plus(phi.times(w[j]), plan.eps(k - j));
            }
        }
        return plan.build();
    }
}
