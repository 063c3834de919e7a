package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
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
        int firstHistory = usesPrk() ? E4 + 1 : E2 + 1;
        int slots = history();
        List<Op> ops = new ArrayList<>();
        for (int n = 0; n < grid.steps(); n++) {
            double s = grid.at(n);
            double t = grid.at(n + 1);
            int e1 = firstHistory + n % slots;
            ops.add(new Op.Eval(Plan.U, s, e1));
            DdimTransfer step = DdimTransfer.of(process, s, t);
            boolean prk = variant == Variant.PRK || (variant == Variant.F_PNDM && n < 3);
            boolean improvedEuler = !prk && n == 0;
            if (prk) {
                double m = 0.5 * (s + t);
                DdimTransfer half = DdimTransfer.of(process, s, m);
                ops.add(transfer(X, half, e1, m));
                ops.add(new Op.Eval(X, m, E2));
                ops.add(transfer(X, half, E2, m));
                ops.add(new Op.Eval(X, m, E3));
                ops.add(transfer(X, step, E3, t));
                ops.add(new Op.Eval(X, t, E4));
                ops.add(new Op.Step(Plan.U, Plan.U, t, step.psi(), new int[] {e1, E2, E3, E4},
                        step.times(new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6})));
            } else if (improvedEuler) {
                ops.add(transfer(X, step, e1, t));
                ops.add(new Op.Eval(X, t, E2));
                ops.add(new Op.Step(Plan.U, Plan.U, t, step.psi(), new int[] {e1, E2}, step.times(new double[] {0.5, 0.5})));
            } else {
                int q = switch (variant) {
                    case S_PNDM -> 2;
                    case PLMS -> Math.min(n + 1, 4); // n = 1: AB2, n = 2: AB3
                    default -> 4;
                };
                int[] terms = new int[q];
                for (int j = 0; j < q; j++) {
                    terms[j] = firstHistory + (n - j) % slots;
                }
                ops.add(new Op.Step(Plan.U, Plan.U, t, step.psi(), terms, step.times(AdamsBashforth.weights(q))));
            }
        }
        return new Plan(describe(), process.structure(), grid, firstHistory + slots, ops);
    }

    /** {@code dst = phi(x_s, buf[eps]; s -> target)}. */
    private static Op.Step transfer(int dst, DdimTransfer phi, int eps, double target) {
        return new Op.Step(dst, Plan.U, target, phi.psi(), new int[] {eps}, new double[][] {phi.c0()});
    }
}
