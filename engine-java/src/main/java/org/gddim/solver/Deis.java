package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.ExponentialCoefficients;
import org.gddim.solver.coeff.GaussLegendre;
import org.gddim.solver.coeff.Lagrange;

/**
 * DEIS, diffusion exponential integrator samplers (Zhang and Chen, ICLR 2023, Eqs. 14-17; code qsh-zh/deis
 * {@code th_deis/sampler.py}; gddim-spec.md 5.5). Three variants, all with history or stages of eps:
 * <ul>
 *   <li>tAB ({@link Variant#T_AB}): {@code x_{n+1} = Psi x_n + sum_j C_{n,j} eps_{n-j}},
 *       {@code C_{n,j} = int Psi(t_{n+1}, r) 1/2 G G^T R^{-T} l_j(r) dr}, eps extrapolated by a Lagrange
 *       polynomial in t (spec 5.1, the same integral as gDDIM's predictor, via
 *       {@link ExponentialCoefficients}; every process). Order q.
 *   <li>rhoAB ({@link Variant#RHO_AB}): with {@code v = x/a} and {@code rho = sigma/a}, exactly
 *       {@code dv/drho = eps}; Adams-Bashforth in rho with Lagrange weights
 *       {@code c_{n,j} = int_{rho_n}^{rho_{n+1}} l^rho_j(rho) drho} (a polynomial, integrated exactly), so
 *       {@code x_{n+1} = (a_{n+1}/a_n) x_n + a_{n+1} sum_j c_{n,j} eps_{n-j}}. Order q; isotropic processes.
 *   <li>log-rho AB ({@link Variant#LOG_RHO}, diffusers' {@code DEISMultistepScheduler}, {@code solver_type =
 *       "logrho"}): rhoAB with the Lagrange polynomial in {@code log rho} instead of rho,
 *       {@code c_{n,j} = a_{n+1} int_{rho_n}^{rho_{n+1}} l_j(log rho) drho} (integrated as
 *       {@code int l_j(u) e^u du}, u = log rho, by 16-point Gauss-Legendre: the integrand is a cubic at most
 *       times e^u, so the rule is exact to rounding), with diffusers' final-step rule {@code lowerOrderFinal}:
 *       below 15 steps, step k has order at most N - k. Order q; isotropic processes.
 *   <li>rhoRK ({@link Variant#RHO_RK}): an explicit Runge-Kutta method on {@code dv/drho = eps}: Euler, Heun,
 *       Kutta-3 ({@code c = (0, 1/2, 1)}, {@code a21 = 1/2, a31 = -1, a32 = 2}, {@code b = (1, 4, 1)/6}) or
 *       classic RK4, of order q = 1..4 with q stages, so N steps cost qN NFE. Isotropic processes.
 * </ul>
 * Warm start for the AB variants: step n uses {@code min(n + 1, q)} eps values. q counts eps values (DEIS's
 * {@code ab_order} is q - 1, the polynomial degree). The DEIS code integrates the coefficients by a 10,000-point
 * Riemann sum; here they are exact in double.
 */
public final class Deis implements Solver {
    /** The three DEIS families. */
    public enum Variant {
        T_AB,
        RHO_AB,
        RHO_RK,
        LOG_RHO;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        }
    }

    /** Butcher tableaux of the rhoRK methods by order (stage i uses {@code A[i][0..i-1]}). */
    private static final double[][] C = {{0}, {0, 1}, {0, 0.5, 1}, {0, 0.5, 0.5, 1}};
    private static final double[][][] A = {
        {{}},
        {{}, {1}},
        {{}, {0.5}, {-1, 2}},
        {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
    };
    private static final double[][] B = {{1}, {0.5, 0.5}, {1.0 / 6, 4.0 / 6, 1.0 / 6}, {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}};

    private static final GaussLegendre EXACT_CUBIC = new GaussLegendre(4);
    private static final GaussLegendre CUBIC_TIMES_EXP = new GaussLegendre(16);
    /** Buffers: U, then for rhoRK the stage state X and the stage eps; for the AB variants the eps ring. */
    private static final int X = 1; // the rhoRK stage state (rhoAB and tAB have only U and the eps ring)

    private final Variant variant;
    private final int order;
    private final boolean lowerOrderFinal;

    /** @param order q in 1..4: eps values per step (AB variants) or Runge-Kutta order (rhoRK) */
    public Deis(Variant variant, int order) {
        this(variant, order, variant == Variant.LOG_RHO);
    }

    /** @param lowerOrderFinal diffusers' final-step rule, for {@link Variant#LOG_RHO} only */
    public Deis(Variant variant, int order, boolean lowerOrderFinal) {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("DEIS order must be in 1..4, got " + order);
        }
        if (lowerOrderFinal && variant != Variant.LOG_RHO) {
            throw new IllegalArgumentException("the lower-order-final rule is deis-logrho's (diffusers'), not deis-" + variant + "'s");
        }
        this.variant = variant;
        this.order = order;
        this.lowerOrderFinal = lowerOrderFinal;
    }

    @Override
    public String describe() {
        return "deis-" + variant + " q=" + order + (variant == Variant.LOG_RHO && !lowerOrderFinal ? " no-lower-order-final" : "");
    }

    /** Eps values of step n of N: warm-up, then (log-rho) diffusers' lower_order_final below 15 steps. */
    int orderOfStep(int n, int steps) {
        int p = Math.min(n + 1, order);
        return lowerOrderFinal && steps < 15 ? Math.min(p, steps - n) : p;
    }

    @Override
    public int stepsFor(int nfe) {
        return variant == Variant.RHO_RK ? nfe / order : nfe;
    }

    @Override
    public int minNfe() {
        return variant == Variant.RHO_RK ? order : 1;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        ScalarProcess scalar = null;
        if (variant != Variant.T_AB) {
            if (!(process instanceof ScalarProcess s)) {
                throw new IllegalArgumentException("DEIS " + variant + " (deis-" + variant + ") integrates in rho = sigma/a, defined for "
                        + "isotropic processes (vp, ve, edm, fdm-*, ddpm-*), not " + process.name() + "; use deis-tab or gddim");
            }
            scalar = s;
        }
        boolean rk = variant == Variant.RHO_RK;
        PlanBuilder plan = new PlanBuilder(describe(), process.structure(), grid, rk ? 1 : 0, order); // [X], eps ring
        for (int n = 0; n < grid.steps(); n++) {
            if (rk) {
                rungeKuttaStep(plan, scalar, grid, n);
                continue;
            }
            double t = grid.at(n);
            double next = grid.at(n + 1);
            plan.eval(Plan.U, t, plan.eps(n));
            int p = orderOfStep(n, grid.steps());
            double[] nodes = new double[p]; // the eps polynomial's nodes: t_{n-j} (tAB), rho_{n-j} (rhoAB), log rho
            for (int j = 0; j < p; j++) {
                nodes[j] = switch (variant) {
                    case T_AB -> grid.at(n - j);
                    case LOG_RHO -> Math.log(scalar.rho(grid.at(n - j)));
                    default -> scalar.rho(grid.at(n - j));
                };
            }
            double[][] c;
            double[] psi;
            if (variant == Variant.T_AB) {
                c = ExponentialCoefficients.of(process, t, next, nodes);
                psi = process.transition(next, t);
            } else if (variant == Variant.LOG_RHO) {
                c = logRhoCoefficients(scalar.alpha(next), scalar.rho(t), scalar.rho(next), nodes);
                psi = new double[] {Math.exp(scalar.logAlpha(next) - scalar.logAlpha(t))};
            } else {
                c = rhoCoefficients(scalar.alpha(next), scalar.rho(t), scalar.rho(next), nodes);
                psi = new double[] {Math.exp(scalar.logAlpha(next) - scalar.logAlpha(t))};
            }
            PlanBuilder.Step step = plan.step(Plan.U, next).psi(psi);
            for (int j = 0; j < p; j++) {
                step.plus(c[j], plan.eps(n - j));
            }
        }
        return plan.build();
    }

    /** rhoAB: {@code a_{n+1} int_{rho_n}^{rho_{n+1}} l_j(rho) drho} on the given rho nodes. */
    static double[][] rhoCoefficients(double alphaNext, double rhoN, double rhoNext, double[] nodes) {
        double[][] c = new double[nodes.length][];
        for (int j = 0; j < nodes.length; j++) {
            int jj = j;
            double integral = EXACT_CUBIC.integrate(r -> new double[] {Lagrange.basis(nodes, jj, r)}, rhoN, rhoNext)[0];
            c[j] = new double[] {alphaNext * integral};
        }
        return c;
    }

    /**
     * log-rho AB: {@code a_{n+1} int_{rho_n}^{rho_{n+1}} l_j(log rho) drho = a_{n+1} int l_j(u) e^u du} over
     * {@code u in [log rho_n, log rho_{n+1}]}, on the given log-rho nodes.
     */
    static double[][] logRhoCoefficients(double alphaNext, double rhoN, double rhoNext, double[] logNodes) {
        double[][] c = new double[logNodes.length][];
        for (int j = 0; j < logNodes.length; j++) {
            int jj = j;
            double integral = CUBIC_TIMES_EXP.integrate(u -> new double[] {Lagrange.basis(logNodes, jj, u) * Math.exp(u)},
                    Math.log(rhoN), Math.log(rhoNext))[0];
            c[j] = new double[] {alphaNext * integral};
        }
        return c;
    }

    /** One rhoRK step n: stages at {@code rho_n + c_i h} into eps(0 .. order-1), then the combination with weights b. */
    private void rungeKuttaStep(PlanBuilder plan, ScalarProcess p, TimeGrid grid, int n) {
        double t = grid.at(n);
        double next = grid.at(n + 1);
        double rho = p.rho(t);
        double h = p.rho(next) - rho;
        double logA = p.logAlpha(t);
        int q = order - 1;
        for (int i = 0; i < order; i++) {
            double ci = C[q][i];
            double ti = ci == 0 ? t : ci == 1 ? next : p.tOfRho(rho + ci * h);
            int src = Plan.U;
            if (i > 0) { // x_i = (a_i / a_n) x_n + a_i h sum_j A_ij eps_j
                double ai = p.alpha(ti);
                PlanBuilder.Step stage = plan.step(X, ti).psi(Math.exp(p.logAlpha(ti) - logA));
                for (int j = 0; j < i; j++) {
                    if (A[q][i][j] != 0) { // RK4's zero entries cost no pass
                        stage.plus(ai * h * A[q][i][j], plan.eps(j));
                    }
                }
                src = X;
            }
            plan.eval(src, ti, plan.eps(i));
        }
        double aNext = p.alpha(next);
        PlanBuilder.Step step = plan.step(Plan.U, next).psi(Math.exp(p.logAlpha(next) - logA));
        for (int j = 0; j < order; j++) { // x_{n+1} = (a_{n+1} / a_n) x_n + a_{n+1} h sum_j b_j eps_j
            step.plus(aNext * h * B[q][j], plan.eps(j));
        }
    }
}
