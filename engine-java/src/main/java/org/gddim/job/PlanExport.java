package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import org.gddim.io.AtomicFiles;
import org.gddim.model.DataShape;
import org.gddim.model.GmmJson;
import org.gddim.model.ModelMetadata;
import org.gddim.model.OnnxScoreModel;
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
        DataShape data;
        ModelMetadata onnx = job.model() instanceof ModelSource.OnnxFile f ? OnnxScoreModel.metadataOf(f.file()) : null;
        data = switch (job.model()) {
            case ModelSource.Default d -> GmmJson.defaultMixture().shape();
            case ModelSource.GmmFile f -> GmmJson.read(f.file()).shape();
            case ModelSource.OnnxFile f -> onnx.shape();
        };
        if (onnx != null && !onnx.process().equals(job.process().toString())) {
            throw new JobException("model " + job.model() + " was trained for process " + onnx.process()
                    + "; sample it with --process " + onnx.process() + " (got " + job.process() + ")");
        }
        Process process;
        try {
            process = job.process().create(data.dims());
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage(), e);
        }
        double tMax = Double.isNaN(job.tMax()) ? process.defaultTMax() : job.tMax();
        double tMin = Double.isNaN(job.tMin()) ? process.defaultTMin() : job.tMin();
        if (tMax > process.tLimit()) {
            throw new JobException("--t-max " + tMax + " is beyond the " + process.name() + " process' limit " + process.tLimit());
        }
        if (!(tMin < tMax)) {
            throw new JobException("t_min " + tMin + " must be below T " + tMax);
        }
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
