package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
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

    @Override
    public String describe() {
        return "edm-heun";
    }

    @Override
    public int stepsFor(int nfe) {
        return (nfe + 1) / 2;
    }

    @Override
    public int minNfe() {
        return 1;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        List<Op> ops = new ArrayList<>();
        int steps = grid.steps();
        for (int i = 0; i < steps; i++) {
            double t = grid.at(i);
            double next = grid.at(i + 1);
            DdimTransfer phi = DdimTransfer.of(process, t, next);
            ops.add(new Op.Eval(Plan.U, t, E1));
            if (i == steps - 1) {
                ops.add(new Op.Step(Plan.U, Plan.U, next, phi.psi(), new int[] {E1}, new double[][] {phi.c0()}));
            } else {
                ops.add(new Op.Step(X, Plan.U, next, phi.psi(), new int[] {E1}, new double[][] {phi.c0()}));
                ops.add(new Op.Eval(X, next, E2));
                ops.add(new Op.Step(Plan.U, Plan.U, next, phi.psi(), new int[] {E1, E2}, phi.times(new double[] {0.5, 0.5})));
            }
        }
        return new Plan(describe(), process.structure(), grid, E2 + 1, ops);
    }
}
