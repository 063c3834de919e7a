package org.gddim.testing;

import org.gddim.model.GmmScore;
import org.gddim.process.ScalarProcess;
import org.gddim.reference.ProbabilityFlowReference;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Solver;

/**
 * Measured convergence order on the exact oracle (the protocol of GDdimConvergenceTest): the committed 8-D,
 * 5-component GMM, 16 seeded samples, float64 state, relative RMS end-point error against Dormand-Prince at
 * tol 1e-12; the order is the least-squares slope of -log(error) against log(NFE).
 */
public final class Convergence {
    public static final int BATCH = 16;

    private final ScalarProcess process;
    private final double tMax;
    private final double tMin;
    private final GmmScore score;
    private final double[] start;
    private final double[] reference;

    /** The oracle and reference for {@code process} over its default time range (solved once; about a second). */
    public Convergence(ScalarProcess process) {
        this(process, process.defaultTMax(), process.defaultTMin());
    }

    /** The same from {@code tMax} down to {@code tMin} (the start is prior-scaled noise at tMax). */
    public Convergence(ScalarProcess process, double tMax, double tMin) {
        this.process = process;
        this.tMax = tMax;
        this.tMin = tMin;
        this.score = new GmmScore(Fixtures.gmm8d(), process);
        double[] x = Fixtures.normals(2026, BATCH * 8);
        for (int i = 0; i < x.length; i++) {
            x[i] *= process.priorStd(tMax);
        }
        this.start = x;
        this.reference = new ProbabilityFlowReference(process, score, 1e-12).solve(x, BATCH, tMax, tMin);
    }

    public ScalarProcess process() {
        return process;
    }

    /** Relative RMS end-point error of {@code solver} with the grid of {@code kind} for an NFE budget. */
    public double error(Solver solver, GridKind kind, int nfe) {
        var grid = TimeGrids.make(kind, process, tMax, tMin, solver.stepsFor(nfe));
        return Fixtures.relativeRms(Runs.runF64(solver, process, grid, score, start, BATCH), reference);
    }

    /** Least-squares slope of -log(error) against log(NFE actually used) over the budgets {@code nfes}. */
    public double slope(Solver solver, GridKind kind, int... nfes) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        StringBuilder errors = new StringBuilder();
        for (int nfe : nfes) {
            var grid = TimeGrids.make(kind, process, tMax, tMin, solver.stepsFor(nfe));
            int used = solver.plan(process, grid).nfe();
            double err = Fixtures.relativeRms(Runs.runF64(solver, process, grid, score, start, BATCH), reference);
            errors.append(String.format(" %d:%.3e", used, err));
            double x = Math.log(used);
            double y = -Math.log(err);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        int n = nfes.length;
        double s = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        System.out.printf("%s %s %s: errors%s, slope %.2f%n", process.name(), kind, solver.describe(), errors, s);
        return s;
    }
}
