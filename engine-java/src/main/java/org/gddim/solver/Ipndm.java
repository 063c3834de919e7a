package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
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
    private static final int FIRST_EPS = 1;

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
    public int stepsFor(int nfe) {
        return nfe;
    }

    @Override
    public int minNfe() {
        return 1;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < grid.steps(); k++) {
            double t = grid.at(k);
            double next = grid.at(k + 1);
            ops.add(new Op.Eval(Plan.U, t, FIRST_EPS + k % order));
            int p = Math.min(k + 1, order);
            int[] terms = new int[p];
            for (int j = 0; j < p; j++) {
                terms[j] = FIRST_EPS + (k - j) % order;
            }
            DdimTransfer phi = DdimTransfer.of(process, t, next);
            ops.add(new Op.Step(Plan.U, Plan.U, next, phi.psi(), terms, phi.times(AdamsBashforth.weights(p))));
        }
        return new Plan(describe(), process.structure(), grid, FIRST_EPS + order, ops);
    }
}
