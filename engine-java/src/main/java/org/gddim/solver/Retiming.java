package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies decoupled network times to a planned solve: every coefficient stays as planned on the solver grid
 * {@code t}; each model call ({@link Op.Eval}) at a grid time {@code t_i} moves to {@code t^c_i}, and a call between
 * grid times (PNDM's midpoints, DEIS' Runge-Kutta stages) to the piecewise-linear interpolation of {@code t -> t^c}.
 * A pure function of the plan.
 */
public final class Retiming {
    private Retiming() {}

    /** {@code plan} with its model calls moved from solver times {@code t} to network times {@code tc} (both decreasing). */
    public static Plan apply(Plan plan, double[] t, double[] tc) {
        if (t.length != tc.length) {
            throw new IllegalArgumentException(t.length + " solver times but " + tc.length + " network times");
        }
        List<Op> ops = new ArrayList<>(plan.ops().size());
        for (Op op : plan.ops()) {
            ops.add(op instanceof Op.Eval e ? new Op.Eval(e.src(), networkTime(e.t(), t, tc), e.dst()) : op);
        }
        return new Plan(plan.method(), plan.structure(), plan.grid(), plan.buffers(), ops);
    }

    /** The network time of solver time {@code time}: {@code tc_i} at {@code t_i}, linear in between. */
    static double networkTime(double time, double[] t, double[] tc) {
        for (int i = 0; i < t.length; i++) {
            if (time == t[i]) {
                return tc[i];
            }
        }
        for (int i = 0; i + 1 < t.length; i++) {
            if (time < t[i] && time > t[i + 1]) {
                double f = (time - t[i + 1]) / (t[i] - t[i + 1]);
                return tc[i + 1] + f * (tc[i] - tc[i + 1]);
            }
        }
        return time; // outside the grid (not planned by any solver): left alone
    }
}
