package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.DdimTransfer;

/**
 * Euler's method in EDM's frame (Karras et al. 2022, Algorithm 1 without the correction; k-diffusion
 * {@code sample_euler} with no churn; diffusers' {@code EulerDiscreteScheduler}): state {@code x^ = x/a},
 * time {@code sigma^ = rho = sigma/a}, {@code x^_{i+1} = x^_i + (rho_{i+1} - rho_i) eps_i}. In the x frame this
 * is exactly DDIM (pndm-fdm-ld3-spec.md 1, form 3), which the tests hold to 1e-12; it is listed under the name
 * users know from k-diffusion and diffusers. Unlike {@link Ddim} it is planned through gDDIM's order-0 step
 * ({@link DdimTransfer}), so it also runs on processes with matrix coefficients. First order, N NFE.
 */
public final class Euler implements Solver {
    @Override
    public String describe() {
        return "euler";
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        PlanBuilder plan = new PlanBuilder(describe(), process.structure(), grid, 0, 1); // U, eps_i
        for (int i = 0; i < grid.steps(); i++) {
            double t = grid.at(i);
            double next = grid.at(i + 1);
            DdimTransfer phi = DdimTransfer.of(process, t, next);
            plan.eval(Plan.U, t, plan.eps(i));
            plan.step(Plan.U, next).psi(phi.psi()).plus(phi.c0(), plan.eps(i));
        }
        return plan.build();
    }
}
