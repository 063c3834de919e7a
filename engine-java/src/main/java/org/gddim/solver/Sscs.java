package org.gddim.solver;

import org.gddim.process.Cld;
import org.gddim.structure.Mat2;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.coeff.GaussLegendre;

/**
 * The Symmetric Splitting CLD Sampler (Dockhorn, Vahdat, Kreis, ICLR 2022, Sec. 3.3; gddim-spec.md 5.6), CLD's
 * own baseline for the reverse SDE (lambda = 1). In the B-clock ({@code dB = beta dt}) the reverse SDE splits into
 * the linear part {@code d(x, v) = A~ (x, v) dB + sqrt(2 Gamma) e_v dW}, {@code A~ = [[0, -1/M], [1, -Gamma/M]]},
 * solved exactly, and the score part {@code dv = 2 Gamma (score_v + v/M) dB}, one Euler step. Per grid step
 * {@code t -> t'}: exact linear half step to the midpoint, one model call there, Euler score step over the whole
 * {@code dB}, exact linear half step to {@code t'}. The score is {@code -R^{-T} eps}. No final denoising step.
 */
public final class Sscs implements Solver {
    /** Buffer table: U = 0 (state), HALF = 1 (the half-stepped state), EPS = 2. */
    private static final int HALF = 1;
    private static final int EPS = 2;
    private static final GaussLegendre RULE = new GaussLegendre(20);

    @Override
    public String describe() {
        return "sscs";
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof Cld cld)) {
            throw new IllegalArgumentException("sscs is the sampler of CLD (--process cld), not of " + process.name());
        }
        PlanBuilder plan = new PlanBuilder(describe(), cld.structure(), grid, 1, 1); // U, HALF, EPS
        for (int n = 0; n < grid.steps(); n++) {
            double t = grid.at(n);
            double next = grid.at(n + 1);
            double mid = 0.5 * (t + next);
            double[] firstHalf = linearPart(cld, cld.bigB(t) - cld.bigB(mid));
            double[] secondHalf = linearPart(cld, cld.bigB(mid) - cld.bigB(next));
            // half step of the linear (Ornstein-Uhlenbeck) part, exactly: e^{A~ dB} u + noise
            plan.step(HALF, mid).psi(exp(cld, cld.bigB(t) - cld.bigB(mid))).noise(1 + 2 * n, firstHalf);
            plan.eval(HALF, mid, EPS);
            double db = cld.bigB(t) - cld.bigB(next);
            double k = 2 * cld.friction() * db;
            double[] rInvT = Mat2.transpose(Mat2.inverse(cld.frame(mid))); // score = -R^{-T} eps
            // full Euler step of the score part on v
            plan.step(HALF, mid).from(HALF).psi(Mat2.of(1, 0, 0, 1 + k / cld.mass()))
                    .plus(Mat2.of(0, 0, -k * rInvT[2], -k * rInvT[3]), EPS);
            // the second linear half step
            plan.step(Plan.U, next).from(HALF).psi(exp(cld, cld.bigB(mid) - cld.bigB(next))).noise(2 + 2 * n, secondHalf);
        }
        return plan.build();
    }

    /** {@code A~ = [[0, -1/M], [1, -Gamma/M]]}. */
    private static double[] reverseDrift(Cld cld) {
        return Mat2.of(0, -1 / cld.mass(), 1, -cld.friction() / cld.mass());
    }

    private static double[] exp(Cld cld, double db) {
        return Mat2.exp(Mat2.scale(reverseDrift(cld), db));
    }

    /** Cholesky factor of {@code int_0^db e^{s A~} 2 Gamma e_v e_v^T e^{s A~^T} ds}, the linear part's noise. */
    private static double[] linearPart(Cld cld, double db) {
        double[] a = reverseDrift(cld);
        double[] q = RULE.integrateAdaptive(s -> {
            double[] e = Mat2.exp(Mat2.scale(a, s));
            return Mat2.scale(Mat2.of(e[1] * e[1], e[1] * e[3], e[3] * e[1], e[3] * e[3]), 2 * cld.friction());
        }, 0, db, 1e-13, 1e-300);
        return Mat2.cholesky(q);
    }
}
