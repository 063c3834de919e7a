package org.gddim.solver;

import org.gddim.process.Process;
import org.gddim.structure.Structure;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.TimeGrid;

/**
 * Euler-Maruyama for the lambda-family of reverse SDEs (gddim-spec.md 1.2, 5.6), the baseline the gDDIM paper
 * beats: {@code du = [F u - (1 + lambda^2)/2 G G^T score] dt + lambda G dw}, integrated backwards
 * ({@code dt = t_{n+1} - t_n < 0}) with everything frozen at {@code t_n}. With {@code score = -R^{-T} eps} and
 * {@code W = 1/2 G G^T R^{-T}}: {@code u_{n+1} = (I + F dt) u_n + (1 + lambda^2) W dt eps_n
 * + lambda sqrt(|dt|) G z_n}. The factor is {@code (1 + lambda^2)/2}, the one that preserves the marginals
 * (pitfall P7: the gDDIM code writes (1 + lambda)/2). lambda = 0 is Euler on the probability-flow ODE,
 * lambda = 1 the reverse SDE of Anderson / Song et al.
 */
public record EulerMaruyama(double lambda) implements Solver {
    public EulerMaruyama {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("Euler-Maruyama needs lambda >= 0, got " + lambda);
        }
    }

    @Override
    public String describe() {
        return "em lambda=" + lambda;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        Structure s = process.structure();
        PlanBuilder plan = new PlanBuilder(describe(), s, grid, 0, 1); // U, eps_n
        for (int n = 0; n < grid.steps(); n++) {
            double t = grid.at(n);
            double next = grid.at(n + 1);
            double dt = next - t;
            double[] f = process.drift(t);
            plan.eval(Plan.U, t, plan.eps(n));
            PlanBuilder.Step step = plan.step(Plan.U, next).psi(s.addScaled(s.identity(f), dt, f)) // (I + F dt) u
                    .plus(s.scale(process.epsWeight(t), (1 + lambda * lambda) * dt), plan.eps(n)); // (1 + l^2)/2 G G^T score dt
            if (lambda != 0) {
                step.noise(GaussianNoise.stepStream(n), s.scale(process.diffusion(t), lambda * Math.sqrt(-dt))); // l G dw
            }
        }
        return plan.build();
    }
}
