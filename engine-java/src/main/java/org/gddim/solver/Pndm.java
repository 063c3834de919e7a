package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.AdamsBashforth;
import org.gddim.solver.coeff.DdimTransfer;

/**
 * PNDM, pseudo numerical methods (Liu, Ren, Lin, Zhao, ICLR 2022, Eqs. 9-13; official code
 * luping-liu/PNDM runner/method.py; pndm-fdm-ld3-spec.md 2). A step s -> t is the DDIM transfer
 * {@code phi(x, e'; s -> t)} (the "transfer part", {@link DdimTransfer}) fed with a "gradient part" e' built
 * from eps evaluations:
 * <ul>
 *   <li>PRK (pseudo Runge-Kutta, spec 2.3): {@code e1 = eps(x_s, s)}, {@code x2 = phi(x_s, e1; s -> m)},
 *       {@code e2 = eps(x2, m)}, {@code x3 = phi(x_s, e2; s -> m)}, {@code e3 = eps(x3, m)},
 *       {@code x4 = phi(x_s, e3; s -> t)}, {@code e4 = eps(x4, t)}, {@code e' = (e1 + 2 e2 + 2 e3 + e4)/6}, with
 *       m the midpoint in the process' time (the official code's (t + t_next)/2 in its timestep index);
 *       only e1 enters the history. 4 NFE per step.
 *   <li>pseudo improved Euler (S-PNDM's and PLMS's first step): {@code e2 = eps(phi(x_s, e1; s -> t), t)},
 *       {@code e' = (e1 + e2)/2}; e2 is not kept. 2 NFE.
 *   <li>PLMS (pseudo linear multistep, spec 2.4): {@code e' = (55 e_0 - 59 e_-1 + 37 e_-2 - 9 e_-3)/24}, the
 *       constant-step Adams-Bashforth weights in the grid index whatever the grid. 1 NFE.
 * </ul>
 * Methods (spec 2.5): {@link Variant#PRK} every step PRK (4N NFE); {@link Variant#F_PNDM} three PRK steps then
 * PLMS-4 (N + 9 NFE); {@link Variant#S_PNDM} improved Euler then AB2 for good (N + 1 NFE); {@link Variant#PLMS}
 * diffusers' {@code skip_prk_steps=True} (CompVis PLMS): improved Euler, AB2, AB3, then AB4 (N + 1 NFE).
 *
 * <p>Order: phi is an Euler step in {@code rho = sigma/a}, and the constant-step weights are exact only
 * where the grid is uniform in rho; on other grids the weights' mismatch leaves a local error
 * {@code O(h^3)}, so PLMS, S- and F-PNDM are second order (their published order) except on rho-uniform
 * grids. PRK's midpoint in t is the rho-midpoint only when rho is linear in t (EDM), where PRK is RK4.
 * Every process: phi is gDDIM's order-0 step, so the family extends to processes with matrix coefficients.
 */
public final class Pndm implements Solver {
    /** The PNDM methods, by their published names. */
    public enum Variant {
        PRK,
        PLMS,
        F_PNDM,
        S_PNDM;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private static final int X = 1;
    private static final int E2 = 2;
    private static final int E3 = 3;
    private static final int E4 = 4;

    private final Variant variant;

    public Pndm(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String describe() {
        return variant.toString();
    }

    @Override
    public int stepsFor(int nfe) {
        return switch (variant) {
            case PRK -> nfe / 4;
            case F_PNDM -> nfe >= 12 ? nfe - 9 : nfe / 4;
            case PLMS, S_PNDM -> nfe - 1;
        };
    }

    @Override
    public int minNfe() {
        return switch (variant) {
            case PRK, F_PNDM -> 4;
            case PLMS, S_PNDM -> 2;
        };
    }

    private boolean usesPrk() {
        return variant == Variant.PRK || variant == Variant.F_PNDM;
    }

    private int history() {
        return switch (variant) {
            case PRK -> 1;
            case S_PNDM -> 2;
            case PLMS, F_PNDM -> 4;
        };
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        PlanBuilder plan = new PlanBuilder(describe(), process.structure(), grid, usesPrk() ? E4 : E2, history()); // eps ring
        for (int n = 0; n < grid.steps(); n++) {
            double s = grid.at(n);
            double t = grid.at(n + 1);
            int e1 = plan.eps(n);
            plan.eval(Plan.U, s, e1);
            DdimTransfer step = DdimTransfer.of(process, s, t);
            boolean prk = variant == Variant.PRK || (variant == Variant.F_PNDM && n < 3);
            boolean improvedEuler = !prk && n == 0;
            if (prk) { // pseudo Runge-Kutta: e1 .. e4 at s, m, m, t, then e' = (e1 + 2 e2 + 2 e3 + e4) / 6
                double m = 0.5 * (s + t);
                DdimTransfer half = DdimTransfer.of(process, s, m);
                transfer(plan, X, half, e1, m);
                plan.eval(X, m, E2);
                transfer(plan, X, half, E2, m);
                plan.eval(X, m, E3);
                transfer(plan, X, step, E3, t);
                plan.eval(X, t, E4);
                plan.step(Plan.U, t).psi(step.psi()).plus(step.times(1.0 / 6), e1).plus(step.times(1.0 / 3), E2)
                        .plus(step.times(1.0 / 3), E3).plus(step.times(1.0 / 6), E4);
            } else if (improvedEuler) { // S-PNDM / PLMS start: e' = (e1 + e2) / 2 with e2 at the Euler prediction
                transfer(plan, X, step, e1, t);
                plan.eval(X, t, E2);
                plan.step(Plan.U, t).psi(step.psi()).plus(step.times(0.5), e1).plus(step.times(0.5), E2);
            } else { // linear multistep: e' = sum_j w_j eps_{n-j}, Adams-Bashforth weights
                int q = switch (variant) {
                    case S_PNDM -> 2;
                    case PLMS -> Math.min(n + 1, 4); // n = 1: AB2, n = 2: AB3
                    default -> 4;
                };
                double[] w = AdamsBashforth.weights(q);
                PlanBuilder.Step combined = plan.step(Plan.U, t).psi(step.psi());
                for (int j = 0; j < q; j++) {
                    combined.plus(step.times(w[j]), plan.eps(n - j));
                }
            }
        }
        return plan.build();
    }

    /** {@code dst = phi(x_s, buf[eps]; s -> target)}. */
    private static void transfer(PlanBuilder plan, int dst, DdimTransfer phi, int eps, double target) {
        plan.step(dst, target).psi(phi.psi()).plus(phi.c0(), eps);
    }
}
