package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.PhiFunctions;

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
 * also forces a first-order last step onto sigma = 0; our grids end at t_min > 0, so that case does not arise.
 *
 * <p>Plan per step: evaluate eps; one fused step writes {@code m_k} into the history ring
 * ({@code m = (1/a) x - rho eps}); one fused step combines {@code x_k} and {@code m_k .. m_{k-p+1}}. Each NFE
 * is therefore two passes (12 + 4(p + 2) bytes per element in float32). Defined for isotropic processes only.
 */
public final class DpmSolverPlusPlus implements Solver {
    private static final int EPS = 1;
    private static final int FIRST_M = 2;

    private final int order;
    private final boolean lowerOrderFinal;

    /** @param order P in 1..3 (1 = DDIM, 2 = 2M, 3 = 3M) */
    public DpmSolverPlusPlus(int order, boolean lowerOrderFinal) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("DPM-Solver++ order must be 1, 2 or 3, got " + order);
        }
        this.order = order;
        this.lowerOrderFinal = lowerOrderFinal;
    }

    @Override
    public String describe() {
        return "dpm-solver++(" + order + "M)" + (lowerOrderFinal ? "" : " no-lower-order-final");
    }

    @Override
    public int stepsFor(int nfe) {
        return nfe;
    }

    @Override
    public int minNfe() {
        return 1;
    }

    /** Order of step k of N: warm-up, then diffusers' lower_order_final for N < 15. */
    int orderOfStep(int k, int steps) {
        int p = Math.min(order, k + 1);
        return lowerOrderFinal && steps < 15 ? Math.min(p, steps - k) : p;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("DPM-Solver++ (dpmpp) is defined for isotropic processes (vp, ve, edm, fdm-*, ddpm-*), not "
                    + process.name() + ": its data prediction and log-SNR are scalar; use gddim");
        }
        int steps = grid.steps();
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            double t = grid.at(k);
            ops.add(new Op.Eval(Plan.U, t, EPS));
            ops.add(dataPrediction(p, t, Plan.U, EPS, slot(k)));
            int q = orderOfStep(k, steps);
            double[] c = coefficients(p, grid, k, q);
            int[] terms = new int[q];
            double[][] cs = new double[q][];
            for (int j = 0; j < q; j++) {
                terms[j] = slot(k - j);
                cs[j] = new double[] {c[j]};
            }
            double next = grid.at(k + 1);
            double ratio = p.sigma(next) / p.sigma(t);
            ops.add(new Op.Step(Plan.U, Plan.U, next, new double[] {ratio}, terms, cs));
        }
        return new Plan(describe(), p.structure(), grid, FIRST_M + order, ops);
    }

    private int slot(int k) {
        return FIRST_M + k % order;
    }

    /** The step {@code m = (1/a_t) x - rho_t eps} from buffers {@code x} and {@code eps} into {@code dst}. */
    static Op.Step dataPrediction(ScalarProcess p, double t, int x, int eps, int dst) {
        return new Op.Step(dst, x, t, new double[] {1 / p.alpha(t)}, new int[] {eps}, new double[][] {{-p.rho(t)}});
    }

    /** {@code lambda_{i+1} - lambda_i = log(rho_i / rho_{i+1})}. */
    static double h(ScalarProcess p, TimeGrid grid, int i) {
        return Math.log(p.rho(grid.at(i)) / p.rho(grid.at(i + 1)));
    }

    /** Coefficients of {@code m_k, m_{k-1}, ..} (newest first) for step k of order q. */
    static double[] coefficients(ScalarProcess p, TimeGrid grid, int k, int q) {
        double h = h(p, grid, k);
        double a = p.alpha(grid.at(k + 1));
        double z = -h;
        double first = -a * z * PhiFunctions.phi(1, z); // -a (e^{-h} - 1)
        switch (q) {
            case 1 -> {
                return new double[] {first};
            }
            case 2 -> {
                double r0 = h(p, grid, k - 1) / h;
                return new double[] {first * (1 + 1 / (2 * r0)), -first / (2 * r0)};
            }
            default -> {
                double r0 = h(p, grid, k - 1) / h;
                double r1 = h(p, grid, k - 2) / h;
                double b = -a * z * PhiFunctions.phi(2, z); // + a phi2 on D1 (phi2 = -z phi_2(z))
                double c = -a * z * PhiFunctions.phi(3, z); // - a phi3 on D2 (phi3 = z phi_3(z))
                double u = 1 + r0 / (r0 + r1);
                double v = r0 / (r0 + r1);
                double w = 1 / (r0 + r1);
                double newest = (b * u + c * w) / r0;
                double oldest = (b * v + c * w) / r1;
                return new double[] {first + newest, -newest - oldest, oldest};
            }
        }
    }
}
