package org.gddim.ld3;

import org.gddim.process.Process;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;
import org.gddim.solver.Retiming;

/**
 * The student of LD3's objective: the N-step solver on the grid of parameters {@code (theta, s)}, its
 * coefficients planned on the solver times and its model calls retimed to the network times, and the per-sample
 * distance of its endpoints to the teacher's from the same (or, soft, a nearby) start.
 */
public final class Student {
    private final Process process;
    private final Solver solver;
    private final LogitGrid grid;
    private final Endpoints endpoints;

    public Student(Process process, Solver solver, LogitGrid grid, Endpoints endpoints) {
        this.process = process;
        this.solver = solver;
        this.grid = grid;
        this.endpoints = endpoints;
    }

    public LogitGrid grid() {
        return grid;
    }

    public Solver solver() {
        return solver;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Solver times of {@code p}. */
    public double[] solverTimes(Ld3Parameters p) {
        return grid.times(p.theta());
    }

    /** Network times of {@code p}. */
    public double[] networkTimes(Ld3Parameters p) {
        return DecoupledTimes.networkTimes(grid, grid.times(p.theta()), p.s());
    }

    /** The retimed plan of {@code p}. */
    public Plan plan(Ld3Parameters p) {
        double[] t = grid.times(p.theta());
        return Retiming.apply(solver.plan(process, grid.grid(p.theta())), t, DecoupledTimes.networkTimes(grid, t, p.s()));
    }

    /** The per-sample distances from starts {@code z} (count, D_state) to targets {@code y} (count, D). */
    public double[] losses(Ld3Parameters p, float[] z, float[] y, int count) {
        float[] x = endpoints.run(plan(p), z, 0, count);
        return L2Distance.perSample(x, y, count, endpoints.dataDim());
    }
}
