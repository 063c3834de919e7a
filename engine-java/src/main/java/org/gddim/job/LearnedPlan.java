package org.gddim.job;

import java.nio.file.Path;
import java.util.List;
import org.gddim.process.Process;
import org.gddim.schedule.GridFile;
import org.gddim.solver.Plan;
import org.gddim.solver.Retiming;
import org.gddim.solver.Solver;

/**
 * How {@code gddim sample --grid file:grid.json} uses a learned schedule: it refuses one learned for another model
 * (file hash), process, solver, order, corrector, final-step rule, NFE or time range unless forced, then plans the
 * solver on the solver times and retimes its model calls to the network times ({@link Retiming}). The schedule
 * file is {@link GridFile} (org.gddim.schedule), written by `gddim ld3` (org.gddim.ld3).
 */
public final class LearnedPlan {
    private LearnedPlan() {}

    /** What the run is: the facts a schedule must have been learned for. */
    public record Run(String modelSha256, String process, String solver, int order, String corrector,
            boolean lowerOrderFinal, int nfe, double tMax, double tMin) {}

    /** The plan of {@code solver} on the schedule in {@code file}; IllegalArgumentException says why not. */
    public static Plan plan(Path file, Run run, boolean force, Solver solver, Process process) {
        GridFile g = GridFile.read(file);
        List<String> wrong = new java.util.ArrayList<>(g.mismatches(run.modelSha256(), run.process(), run.solver(), run.order(),
                run.corrector(), run.lowerOrderFinal(), run.nfe()));
        double[] t = g.solverTimes();
        if (t[0] != run.tMax() || t[t.length - 1] != run.tMin()) {
            wrong.add("time range [" + t[t.length - 1] + ", " + t[0] + "], not [" + run.tMin() + ", " + run.tMax() + "]");
        }
        if (!wrong.isEmpty() && !force) {
            throw new IllegalArgumentException("--grid file:" + file + " was learned for " + String.join("; ", wrong)
                    + ". Learn a grid for this run with `gddim ld3`, or pass --force-grid to use it anyway");
        }
        if (t[0] > process.tLimit()) {
            throw new IllegalArgumentException("--grid file:" + file + " starts at " + t[0] + ", beyond the " + process.name()
                    + " process' limit " + process.tLimit());
        }
        return Retiming.apply(solver.plan(process, g.grid()), t, g.networkTimes());
    }
}
