package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.CholeskyFrameCoefficients;
import org.gddim.solver.coeff.ExponentialCoefficients;

/**
 * gDDIM (Zhang, Tao, Chen, ICLR 2023): the exponential multistep predictor of order q (Eq. 19,
 * gddim-spec.md 5.1) with the optional Adams-Moulton corrector (spec 5.2).
 *
 * <p>Predictor, step n: {@code u_{n+1} = Psi(t_{n+1}, t_n) u_n + sum_{j<=p} C_{n,j} eps_{n-j}}, the eps
 * polynomial interpolating {@code eps_n .. eps_{n-p}} in t, {@code p = min(n, q-1)} (warm start).
 * Corrector: the same form over {@code eps_hat_{n+1}, eps_n, .., eps_{n+1-r}}, {@code r = min(n+1, q)}, so a
 * corrected method has order q + 1. Coefficients: {@link ExponentialCoefficients}, once, in double. With
 * {@link EpsFrame#L} the eps polynomial lives in the Cholesky frame instead (paper Table 1's baseline;
 * {@link CholeskyFrameCoefficients}), predictor only.
 */
public final class GDdim implements Solver {
    /** Buffer table: U = 0 (state), PRED = 1 (the predictor's output, with a corrector only), then the eps ring. */
    private static final int PRED = 1;

    private final int order;
    private final Corrector corrector;
    private final EpsFrame frame;

    /** @param order q in 1..4 (eps values in the predictor; q = 1 is DDIM) */
    public GDdim(int order, Corrector corrector) {
        this(order, corrector, EpsFrame.R);
    }

    /** @param frame R (gDDIM) or L (Cholesky; predictor only) */
    public GDdim(int order, Corrector corrector, EpsFrame frame) {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("gDDIM order must be in 1..4, got " + order);
        }
        if (frame == EpsFrame.L && corrector != Corrector.NONE) {
            throw new IllegalArgumentException("the K = L frame baseline is predictor-only; drop --corrector " + corrector);
        }
        this.order = order;
        this.corrector = corrector;
        this.frame = frame;
    }

    @Override
    public String describe() {
        return "gddim q=" + order + (corrector == Corrector.NONE ? "" : " " + corrector) + (frame == EpsFrame.L ? " K=L" : "");
    }

    @Override
    public int stepsFor(int nfe) {
        return switch (corrector) {
            case NONE -> nfe;
            case PEC -> nfe - 1;
            case PECE -> nfe / 2;
        };
    }

    @Override
    public int minNfe() {
        return corrector == Corrector.NONE ? order : Math.max(order, 2);
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        boolean corrected = corrector != Corrector.NONE;
        PlanBuilder plan = new PlanBuilder(describe(), process.structure(), grid, corrected ? 1 : 0,
                corrected ? order + 1 : order);
        int predicted = corrected ? PRED : Plan.U;
        for (int n = 0; n < grid.steps(); n++) {
            double[] psi = process.transition(grid.at(n + 1), grid.at(n)); // Psi(t_{n+1}, t_n)
            if (n == 0 || corrector != Corrector.PEC) { // PEC reuses the corrector's evaluation eps_hat_{n}
                plan.eval(Plan.U, grid.at(n), plan.eps(n));
            }
            multistep(plan, process, grid, predicted, n, n, Math.min(n, order - 1), psi); // Eq. 19 over eps_n .. eps_{n-p}
            if (corrected) { // spec 5.2: evaluate at the prediction, then Adams-Moulton over eps_hat_{n+1}, eps_n, ..
                plan.eval(PRED, grid.at(n + 1), plan.eps(n + 1));
                multistep(plan, process, grid, Plan.U, n, n + 1, Math.min(n + 1, order), psi);
            }
        }
        return plan.build();
    }

    /**
     * {@code buf[dst] = Psi u_n + sum_{j <= degree} C_j eps_{newest - j}}: the step from t_n to t_{n+1} whose eps
     * polynomial interpolates at {@code t_{newest} .. t_{newest - degree}}.
     */
    private void multistep(PlanBuilder plan, Process process, TimeGrid grid, int dst, int n, int newest, int degree,
            double[] psi) {
        double t = grid.at(n);
        double next = grid.at(n + 1);
        double[] nodes = new double[degree + 1];
        for (int j = 0; j <= degree; j++) {
            nodes[j] = grid.at(newest - j);
        }
        double[][] c = frame == EpsFrame.R ? ExponentialCoefficients.of(process, t, next, nodes)
                : CholeskyFrameCoefficients.of(process, t, next, nodes);
        PlanBuilder.Step step = plan.step(dst, next).psi(psi);
        for (int j = 0; j <= degree; j++) {
            step.plus(c[j], plan.eps(newest - j));
        }
    }
}
