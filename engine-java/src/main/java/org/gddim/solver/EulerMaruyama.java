package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
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
public final class EulerMaruyama implements Solver {
    private static final int EPS = 1;

    private final double lambda;

    public EulerMaruyama(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("Euler-Maruyama needs lambda >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public String describe() {
        return "em lambda=" + lambda;
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        Structure s = process.structure();
        List<Op> ops = new ArrayList<>();
        for (int n = 0; n < grid.steps(); n++) {
            double t = grid.at(n);
            double next = grid.at(n + 1);
            double dt = next - t;
            double[] f = process.drift(t);
            double[] psi = s.addScaled(s.identity(f), dt, f);
            double[] c = s.scale(process.epsWeight(t), (1 + lambda * lambda) * dt);
            ops.add(new Op.Eval(Plan.U, t, EPS));
            Op.Noise noise = lambda == 0 ? null
                    : new Op.Noise(GaussianNoise.stepStream(n), s.scale(process.diffusion(t), lambda * Math.sqrt(-dt)));
            ops.add(new Op.Step(Plan.U, Plan.U, next, psi, new int[] {EPS}, new double[][] {c}, noise));
        }
        return new Plan(describe(), s, grid, 2, ops);
    }
}
