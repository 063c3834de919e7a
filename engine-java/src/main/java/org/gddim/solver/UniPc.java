package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.PhiFunctions;
import org.gddim.solver.coeff.SmallLinearSystem;

/**
 * UniPC (Zhao, Bai, Rao, Zhou, Lu 2023, "UniPC": the unified predictor UniP-p, Algorithm 2, and corrector
 * UniC-p, Algorithm 1), in data-prediction form as diffusers and LD3 run it (pndm-fdm-ld3-spec.md 4.4). Step k
 * (lambda_k to lambda_{k+1}, {@code h = lambda_{k+1} - lambda_k}, {@code z = -h}) of order p uses
 * {@code m_k, .., m_{k-p+1}}:
 * <ul>
 *   <li>{@code B(h) = z} (bh1) or {@code e^z - 1} (bh2); {@code r_j = (lambda_{k-j} - lambda_k)/h} (< 0),
 *       {@code D_j = (m_{k-j} - m_k)/r_j}; {@code b_i = i! z phi_{i+1}(z) / B(h)}, {@code R_{ij} = r_j^{i-1}},
 *       {@code r_p := 1};
 *   <li>base {@code x* = (sigma_{k+1}/sigma_k) x_k - a_{k+1}(e^z - 1) m_k};
 *   <li>predictor {@code x_pred = x* - a_{k+1} B(h) sum_{j<p} rho^p_j D_j} with {@code rho^p} solving the
 *       leading (p-1)x(p-1) system ({@code [1/2]} for p = 2, as in the code);
 *   <li>corrector, after evaluating {@code m_{k+1}} at {@code x_pred} (the next step's history value, no extra
 *       NFE): {@code x_{k+1} = x* - a_{k+1} B(h) (sum_{j<p} rho^c_j D_j + rho^c_p (m_{k+1} - m_k))}, the full
 *       p x p system ({@code [1/2]} for p = 1). The state continues from the corrected x; the last step is
 *       not corrected (its evaluation would be an extra NFE).
 * </ul>
 * Warm-up order {@code min(P, k + 1)}; {@code lowerOrderFinal} (diffusers' default, for every N) caps it at
 * {@code N - k}. UniP-p has order p, UniPC-p order p + 1. NFE = N. Defined for isotropic processes only.
 *
 * <p>Plan per step: evaluate eps at the predicted state; a fused step writes {@code m} into the history ring;
 * with the corrector, a fused step over {@code x_k, m_{k+1}, .., m_{k+1-p}} corrects the state in place; then
 * the predictor's fused step writes the next prediction (into a separate buffer while a correction follows).
 */
public final class UniPc implements Solver {
    /** UniPC's choice of {@code B(h)}. */
    public enum Variant {
        BH1,
        BH2;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int PRED = 1;
    private static final int EPS = 2;
    private static final int FIRST_M = 3;

    private final int order;
    private final Variant variant;
    private final boolean corrector;
    private final boolean lowerOrderFinal;

    /** @param order P: 1..3 with the corrector (it combines P + 1 values), 1..4 without */
    public UniPc(int order, Variant variant, boolean corrector, boolean lowerOrderFinal) {
        int max = corrector ? 3 : 4;
        if (order < 1 || order > max) {
            throw new IllegalArgumentException("UniPC order must be in 1.." + max + (corrector ? " with the corrector" : "")
                    + ", got " + order);
        }
        this.order = order;
        this.variant = variant;
        this.corrector = corrector;
        this.lowerOrderFinal = lowerOrderFinal;
    }

    @Override
    public String describe() {
        return (corrector ? "unipc-" : "unip-") + order + " " + variant + (lowerOrderFinal ? "" : " no-lower-order-final");
    }

    @Override
    public int stepsFor(int nfe) {
        return nfe;
    }

    @Override
    public int minNfe() {
        return 1;
    }

    int orderOfStep(int k, int steps) {
        int p = Math.min(order, k + 1);
        return lowerOrderFinal ? Math.min(p, steps - k) : p;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("UniPC (unipc-" + variant + ") is defined for isotropic processes (vp, ve, edm, fdm-*, ddpm-*), not "
                    + process.name() + ": its data prediction and log-SNR are scalar; use gddim");
        }
        int steps = grid.steps();
        int slots = corrector ? order + 1 : order;
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            double t = grid.at(k);
            int evaluated = corrector && k > 0 ? PRED : Plan.U;
            ops.add(new Op.Eval(evaluated, t, EPS));
            ops.add(DpmSolverPlusPlus.dataPrediction(p, t, evaluated, EPS, slot(k, slots)));
            if (corrector && k > 0) { // UniC of the previous step, with the evaluation at its prediction
                int q = orderOfStep(k - 1, steps);
                ops.add(update(p, grid, k - 1, q, true, Plan.U, slots));
            }
            boolean corrected = corrector && k < steps - 1;
            ops.add(update(p, grid, k, orderOfStep(k, steps), false, corrected ? PRED : Plan.U, slots));
        }
        return new Plan(describe(), p.structure(), grid, FIRST_M + slots, ops);
    }

    private static int slot(int k, int slots) {
        return FIRST_M + k % slots;
    }

    /** The predictor (or corrector) of step k of order q from x_k in U into {@code dst}. */
    private Op.Step update(ScalarProcess p, TimeGrid grid, int k, int q, boolean correct, int dst, int slots) {
        double[] c = correct ? correctorCoefficients(p, grid, k, q, variant) : predictorCoefficients(p, grid, k, q, variant);
        int[] terms = new int[c.length];
        double[][] cs = new double[c.length][];
        for (int j = 0; j < c.length; j++) {
            terms[j] = slot(correct ? k + 1 - j : k - j, slots); // newest first: m_{k+1} (corrector), m_k, ..
            cs[j] = new double[] {c[j]};
        }
        double next = grid.at(k + 1);
        return new Op.Step(dst, Plan.U, next, new double[] {p.sigma(next) / p.sigma(grid.at(k))}, terms, cs);
    }

    /** {@code r_1 .. r_{q-1}} of step k: {@code (lambda_{k-j} - lambda_k) / h}. */
    private static double[] ratios(ScalarProcess p, TimeGrid grid, int k, int q) {
        double h = DpmSolverPlusPlus.h(p, grid, k);
        double[] r = new double[q - 1];
        double lambdaK = -Math.log(p.rho(grid.at(k)));
        for (int j = 1; j < q; j++) {
            r[j - 1] = (-Math.log(p.rho(grid.at(k - j))) - lambdaK) / h;
        }
        return r;
    }

    /** {@code B(h)} at {@code z = -h}. */
    private static double bh(Variant v, double z) {
        return v == Variant.BH1 ? z : Math.expm1(z);
    }

    /** {@code b_i = i! z phi_{i+1}(z) / B(h)}, i = 1..n. */
    private static double[] b(Variant v, double z, int n) {
        double[] b = new double[n];
        double factorial = 1;
        for (int i = 1; i <= n; i++) {
            factorial *= i;
            b[i - 1] = factorial * z * PhiFunctions.phi(i + 1, z) / bh(v, z);
        }
        return b;
    }

    /** Solves {@code R rho = b} with {@code R_{ij} = r_j^{i}}, i, j = 0..n-1. */
    private static double[] rho(double[] r, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = Math.pow(r[j], i);
            }
        }
        return SmallLinearSystem.solve(m, b);
    }

    /** Predictor coefficients on {@code m_k, .., m_{k-q+1}}. */
    static double[] predictorCoefficients(ScalarProcess p, TimeGrid grid, int k, int q, Variant v) {
        double z = -DpmSolverPlusPlus.h(p, grid, k);
        double a = p.alpha(grid.at(k + 1));
        double[] r = ratios(p, grid, k, q);
        double[] rhoP = q == 1 ? new double[0] : q == 2 ? new double[] {0.5} : rho(r, java.util.Arrays.copyOf(b(v, z, q), q - 1));
        double[] c = new double[q];
        c[0] = -a * Math.expm1(z);
        double scale = a * bh(v, z);
        for (int j = 1; j < q; j++) { // - a B rho_j (m_{k-j} - m_k) / r_j
            c[j] = -scale * rhoP[j - 1] / r[j - 1];
            c[0] += scale * rhoP[j - 1] / r[j - 1];
        }
        return c;
    }

    /** Corrector coefficients on {@code m_{k+1}, m_k, .., m_{k-q+1}}. */
    static double[] correctorCoefficients(ScalarProcess p, TimeGrid grid, int k, int q, Variant v) {
        double z = -DpmSolverPlusPlus.h(p, grid, k);
        double a = p.alpha(grid.at(k + 1));
        double[] r = ratios(p, grid, k, q);
        double[] rAll = java.util.Arrays.copyOf(r, q);
        rAll[q - 1] = 1;
        double[] rhoC = q == 1 ? new double[] {0.5} : rho(rAll, b(v, z, q));
        double scale = a * bh(v, z);
        double[] c = new double[q + 1];
        c[0] = -scale * rhoC[q - 1]; // m_{k+1}
        c[1] = -a * Math.expm1(z) + scale * rhoC[q - 1];
        for (int j = 1; j < q; j++) {
            c[j + 1] = -scale * rhoC[j - 1] / r[j - 1];
            c[1] += scale * rhoC[j - 1] / r[j - 1];
        }
        return c;
    }
}
