package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import org.gddim.io.AtomicFiles;
import org.gddim.model.DataShape;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;

/**
 * {@code gddim plan}: the plan a {@link SampleJob} would run, written as a {@link PlanFile} for native apps. The job
 * is validated by the same record and the same model, process and time checks as {@link SampleRun}, with the same
 * messages, so a setting {@code sample} refuses is refused here too; nothing is sampled and no network is opened
 * (an ONNX model's metadata gives the process and shape).
 */
public final class PlanExport {
    private PlanExport() {}

    /** Plans {@code job} (its {@code out} is the plan file) and writes the file atomically. */
    public static PlanFile write(SampleJob job) throws IOException {
        PlanFile file = plan(job);
        try {
            AtomicFiles.write(job.out(), file.toBytes());
        } catch (IOException e) {
            throw new IOException(AtomicFiles.describe(e), e);
        }
        return file;
    }

    /** The plan file of {@code job}, without writing it. */
    public static PlanFile plan(SampleJob job) throws IOException {
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), job.schedule(), "sample it");
        Process process = setup.process();
        DataShape data = setup.data();
        double[] range = setup.timeRange(job.tMax(), job.tMin());
        double tMax = range[0];
        double tMin = range[1];
        Solver solver = job.solver().create();
        Plan plan;
        try {
            TimeGrid grid = TimeGrids.make(job.grid(), process, tMax, tMin, solver.stepsFor(job.nfe()));
            plan = solver.plan(process, grid);
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage(), e);
        } catch (ArithmeticException e) { // a coefficient integral the frame cannot resolve at this grid
            throw new JobException(JobException.planningFailed(job, e), e);
        }
        return PlanFile.of(plan, process, job.process().toString(), data, tMax, tMin);
    }

    /** Reads a plan file (bin/gddim plan --describe). */
    public static PlanFile read(Path file) throws IOException {
        try {
            return PlanFile.read(file);
        } catch (IOException e) {
            throw new IOException(AtomicFiles.describe(e), e);
        }
    }
}
