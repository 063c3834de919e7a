package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.DdimTransfer;

/**
 * The deterministic EDM sampler (Karras, Aittala, Aila, Laine, NeurIPS 2022, Algorithm 1; k-diffusion
 * {@code sample_heun}): Heun's method on {@code dx^/dsigma^ = eps} in EDM's frame, state {@code x^ = x/a} and
 * time {@code sigma^ = rho = sigma/a} (their recommended {@code sigma(t) = t, s(t) = 1}). Step i:
 * Euler {@code x' = x + (rho_{i+1} - rho_i) eps_i}, then
 * {@code x_{i+1} = x + (rho_{i+1} - rho_i)(eps_i + eps(x', t_{i+1}))/2}. EDM's grid ends with sigma = 0, where
 * the correction is skipped; ours ends at t_min > 0 and keeps that shape: the last step is an Euler step, so
 * N steps cost 2N - 1 NFE (13 / 25 / 40 steps: 25 / 49 / 79 NFE). The Euler part is the DDIM transfer
 * ({@link DdimTransfer}), so in the x frame each stage is one fused step, and the method extends to every
 * process through gDDIM's order-0 step. Second order (the final Euler step's local error is second order
 * too). No stochastic churn ({@code S_churn = 0}).
 */
public final class EdmHeun implements Solver {
    private static final int X = 1;
    private static final int E1 = 2;
    private static final int E2 = 3;

    private final boolean lastIsHeun;

    public EdmHeun() {
        this(false);
    }

    /** @param lastIsHeun a full Heun step at the end too (a step follows the grid: {@link SigmaZeroEnd}) */
    EdmHeun(boolean lastIsHeun) {
        this.lastIsHeun = lastIsHeun;
    }

    @Override
    public String describe() {
        return "edm-heun";
    }

    @Override
    public int stepsFor(int nfe) {
        return (nfe + 1) / 2;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        PlanBuilder plan = new PlanBuilder(describe(), process.structure(), grid, 3, 0); // U, X, E1, E2
        int steps = grid.steps();
        for (int i = 0; i < steps; i++) {
            double t = grid.at(i);
            double next = grid.at(i + 1);
            DdimTransfer phi = DdimTransfer.of(process, t, next);
            plan.eval(Plan.U, t, E1);
            if (i == steps - 1 && !lastIsHeun) { // the last step is Euler's
                plan.step(Plan.U, next).psi(phi.psi()).plus(phi.c0(), E1);
            } else { // Euler predictor into X, then the trapezoidal (Heun) correction with both slopes
                plan.step(X, next).psi(phi.psi()).plus(phi.c0(), E1);
                plan.eval(X, next, E2);
                plan.step(Plan.U, next).psi(phi.psi()).plus(phi.times(0.5), E1).plus(phi.times(0.5), E2);
            }
        }
        return plan.build();
    }
}
