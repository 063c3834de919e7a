package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.DpmSolverCoefficients;

/**
 * DPM-Solver++ multistep (Lu, Zhou, Bao, Chen, Li, Zhu 2022, "DPM-Solver++", Algorithm 2 and its third-order
 * extension; pndm-fdm-ld3-spec.md 4.1-4.3), in data-prediction form on the half log-SNR
 * {@code lambda = log(a / sigma) = -log rho}. With {@code m_k = (x_k - sigma_k eps_k) / a_k},
 * {@code h = lambda_{k+1} - lambda_k}, {@code r0 = h_{k-1}/h}, {@code r1 = h_{k-2}/h}:
 * <ul>
 *   <li>order 1 (= DDIM): {@code x_{k+1} = (sigma_{k+1}/sigma_k) x_k - a_{k+1}(e^{-h} - 1) m_k};
 *   <li>2M: the same with {@code m_k} replaced by {@code D = (1 + 1/(2 r0)) m_k - 1/(2 r0) m_{k-1}};
 *   <li>3M: {@code x_{k+1} = (sigma_{k+1}/sigma_k) x_k - a phi1 m_k + a phi2 D1 - a phi3 D2},
 *       {@code phi1 = e^{-h} - 1}, {@code phi2 = phi1/h + 1}, {@code phi3 = phi2/h - 1/2},
 *       {@code d0 = (m_k - m_{k-1})/r0}, {@code d1 = (m_{k-1} - m_{k-2})/r1},
 *       {@code D1 = d0 + r0/(r0 + r1) (d0 - d1)}, {@code D2 = (d0 - d1)/(r0 + r1)} (diffusers, LD3).
 * </ul>
 * Warm-up: step k has order {@code min(P, k + 1)}. {@code lowerOrderFinal} is diffusers' rule: when the grid
 * has fewer than 15 steps, step k has order at most {@code N - k} (so the last step is first order). diffusers
 * also forces a first-order last step onto sigma = 0: {@link SigmaZeroEnd} adds that step after the grid.
 *
 * <p>Plan per step: evaluate eps; one fused step writes {@code m_k} into the history ring
 * ({@code m = (1/a) x - rho eps}); one fused step combines {@code x_k} and {@code m_k .. m_{k-p+1}}. Each NFE
 * is therefore two passes (12 + 4(p + 2) bytes per element in float32). Defined for isotropic processes only.
 */
public final class DpmSolverPlusPlus implements Solver {
    private static final int EPS = 1; // then the ring of data predictions m_k

    private final int order;
    private final boolean lowerOrderFinal;
    private final int stepsAfter;

    /** @param order P in 1..3 (1 = DDIM, 2 = 2M, 3 = 3M) */
    public DpmSolverPlusPlus(int order, boolean lowerOrderFinal) {
        this(order, lowerOrderFinal, 0);
    }

    /**
     * @param stepsAfter steps that follow the plan's grid ({@link SigmaZeroEnd}'s last step to sigma = 0): the
     *     lower-order-final rule counts them, as diffusers counts its last step
     */
    DpmSolverPlusPlus(int order, boolean lowerOrderFinal, int stepsAfter) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("DPM-Solver++ order must be 1, 2 or 3, got " + order);
        }
        this.order = order;
        this.lowerOrderFinal = lowerOrderFinal;
        this.stepsAfter = stepsAfter;
    }

    /** This solver planned as if one more step followed its grid. */
    DpmSolverPlusPlus beforeOneMoreStep() {
        return new DpmSolverPlusPlus(order, lowerOrderFinal, stepsAfter + 1);
    }

    @Override
    public String describe() {
        return "dpm-solver++(" + order + "M)" + (lowerOrderFinal ? "" : " no-lower-order-final");
    }

    /** Order of step k of N: warm-up, then diffusers' lower_order_final for N < 15. */
    int orderOfStep(int k, int steps) {
        int p = Math.min(order, k + 1);
        int n = steps + stepsAfter;
        return lowerOrderFinal && n < 15 ? Math.min(p, n - k) : p;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("DPM-Solver++ (dpmpp) is defined for isotropic processes (vp, ve, edm, fdm-*, ddpm-*), not "
                    + process.name() + ": its data prediction and log-SNR are scalar; use gddim");
        }
        int steps = grid.steps();
        PlanBuilder plan = new PlanBuilder(describe(), p.structure(), grid, 1, order); // EPS, then the ring of m
        for (int k = 0; k < steps; k++) {
            double t = grid.at(k);
            double next = grid.at(k + 1);
            plan.eval(Plan.U, t, EPS);
            dataPrediction(plan, p, t, Plan.U, EPS, plan.m(k)); // m_k = (x_k - sigma_k eps_k) / a_k
            int q = orderOfStep(k, steps);
            double[] c = DpmSolverCoefficients.of(p, grid, k, q);
            PlanBuilder.Step step = plan.step(Plan.U, next).psi(p.sigma(next) / p.sigma(t)); // (sigma_{k+1}/sigma_k) x_k
            for (int j = 0; j < q; j++) {
                step.plus(c[j], plan.m(k - j));
            }
        }
        return plan.build();
    }

    /** The step {@code m = (1/a_t) x - rho_t eps} from buffers {@code x} and {@code eps} into {@code dst}. */
    static void dataPrediction(PlanBuilder plan, ScalarProcess p, double t, int x, int eps, int dst) {
        plan.step(dst, t).from(x).psi(1 / p.alpha(t)).plus(-p.rho(t), eps);
    }
}
