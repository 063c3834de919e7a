package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;

/**
 * A last step to sigma = 0 after the grid, as diffusers takes it ({@code set_alpha_to_one = true},
 * {@code final_sigmas_type = "zero"}, Euler and Heun; docs/diffusers.md): at the grid's end t_N one more network
 * evaluation, and the state becomes the data prediction {@code x0 = (x - sigma eps)/a = x/a - rho eps}, i.e. DDIM's
 * step to {@code abar = 1}. In every scheduler this reproduces, that last step is first order (DDIM; DPM-Solver++
 * forces it; UniPC's lower_order_final makes it so and its prediction from sigma_N to 0 is {@code m_N} whatever
 * the corrector did; Euler's step to 0 is {@code x0}; Heun's last step is Euler's), so it reads only the new
 * evaluation. The solver before it plans its grid as if that step followed: the lower-order-final rules of dpmpp
 * and unipc-* count it, and edm-heun's last grid step is a full Heun step. The output is then x0, not a state at
 * t_N; one NFE more than the grid's plan.
 */
public final class SigmaZeroEnd implements Solver {
    private final Solver solver;
    private final Solver before;

    /** @param solver ddim, euler, edm-heun, dpmpp or unipc-* (their last step to sigma = 0 is first order) */
    public SigmaZeroEnd(Solver solver) {
        this.solver = solver;
        this.before = switch (solver) {
            case Ddim d -> d;
            case Euler e -> e;
            case EdmHeun h -> new EdmHeun(true);
            case DpmSolverPlusPlus d -> d.beforeOneMoreStep();
            case UniPc u -> u.beforeOneMoreStep();
            default -> throw new IllegalArgumentException("a last step to sigma = 0 is implemented after ddim, euler, "
                    + "edm-heun, dpmpp and unipc-* (whose last step there is first order), not " + solver.describe());
        };
    }

    @Override
    public String describe() {
        return solver.describe() + " then x0 at sigma 0";
    }

    /** The grid's steps for {@code nfe}: the solver's own; the grid ends one step early, at the last timestep. */
    @Override
    public int stepsFor(int nfe) {
        return solver.stepsFor(nfe);
    }

    @Override
    public int minNfe() {
        return solver.minNfe();
    }

    @Override
    public Plan plan(Process process, TimeGrid grid) {
        if (!(process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("a last step to sigma = 0 needs an isotropic process, not " + process.name());
        }
        Plan body = before.plan(process, grid);
        double t = grid.at(grid.steps());
        int eps = body.buffers(); // one more buffer: the last evaluation
        List<Op> ops = new ArrayList<>(body.ops());
        ops.add(new Op.Eval(Plan.U, t, eps));
        ops.add(new Op.Step(Plan.U, Plan.U, 0.0, new double[] {1 / p.alpha(t)}, new int[] {eps}, new double[][] {{-p.rho(t)}}));
        return new Plan(describe(), body.structure(), grid, eps + 1, ops);
    }
}
