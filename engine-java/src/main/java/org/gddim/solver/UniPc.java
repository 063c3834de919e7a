package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.UniPcCoefficients;

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

    private static final int PRED = 1; // then EPS, then the ring of data predictions m_k
    private static final int EPS = 2;

    private final int order;
    private final Variant variant;
    private final boolean corrector;
    private final boolean lowerOrderFinal;
    private final int stepsAfter;

    /** @param order P: 1..3 with the corrector (it combines P + 1 values), 1..4 without */
    public UniPc(int order, Variant variant, boolean corrector, boolean lowerOrderFinal) {
        this(order, variant, corrector, lowerOrderFinal, 0);
    }

    /** @param stepsAfter steps that follow the grid ({@link SigmaZeroEnd}), counted by the lower-order-final rule */
    UniPc(int order, Variant variant, boolean corrector, boolean lowerOrderFinal, int stepsAfter) {
        int max = corrector ? 3 : 4;
        if (order < 1 || order > max) {
            throw new IllegalArgumentException("UniPC order must be in 1.." + max + (corrector ? " with the corrector" : "")
                    + ", got " + order);
        }
        this.order = order;
        this.variant = variant;
        this.corrector = corrector;
        this.lowerOrderFinal = lowerOrderFinal;
        this.stepsAfter = stepsAfter;
    }

    /** This solver planned as if one more step followed its grid. */
    UniPc beforeOneMoreStep() {
        return new UniPc(order, variant, corrector, lowerOrderFinal, stepsAfter + 1);
    }

    @Override
    public String describe() {
        return (corrector ? "unipc-" : "unip-") + order + " " + variant + (lowerOrderFinal ? "" : " no-lower-order-final");
    }

    int orderOfStep(int k, int steps) {
        int p = Math.min(order, k + 1);
        return lowerOrderFinal ? Math.min(p, steps + stepsAfter - k) : p;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("UniPC (unipc-" + variant + ") is defined for isotropic processes (vp, ve, edm, fdm-*, ddpm-*), not "
                    + process.name() + ": its data prediction and log-SNR are scalar; use gddim");
        }
        int steps = grid.steps();
        PlanBuilder plan = new PlanBuilder(describe(), p.structure(), grid, 2, corrector ? order + 1 : order); // PRED, EPS, m ring
        for (int k = 0; k < steps; k++) {
            double t = grid.at(k);
            int evaluated = corrector && k > 0 ? PRED : Plan.U; // the prediction x_pred of step k - 1
            plan.eval(evaluated, t, EPS);
            DpmSolverPlusPlus.dataPrediction(plan, p, t, evaluated, EPS, plan.m(k)); // m_k
            if (corrector && k > 0) { // UniC of step k - 1 with m_k: corrects x_k in U
                update(plan, p, grid, k - 1, orderOfStep(k - 1, steps), true, Plan.U);
            }
            boolean corrected = corrector && k < steps - 1;
            update(plan, p, grid, k, orderOfStep(k, steps), false, corrected ? PRED : Plan.U); // UniP: x_pred
        }
        return plan.build();
    }

    /** The predictor (or corrector) of step k of order q from x_k in U into {@code dst}. */
    private void update(PlanBuilder plan, ScalarProcess p, TimeGrid grid, int k, int q, boolean correct, int dst) {
        boolean bh2 = variant == Variant.BH2;
        double[] c = correct ? UniPcCoefficients.corrector(p, grid, k, q, bh2) : UniPcCoefficients.predictor(p, grid, k, q, bh2);
        double next = grid.at(k + 1);
        PlanBuilder.Step step = plan.step(dst, next).psi(p.sigma(next) / p.sigma(grid.at(k)));
        for (int j = 0; j < c.length; j++) {
            step.plus(c[j], plan.m(correct ? k + 1 - j : k - j)); // newest first: m_{k+1} (corrector), m_k, ..
        }
    }
}
