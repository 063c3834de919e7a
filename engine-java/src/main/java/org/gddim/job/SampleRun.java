package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;
import org.gddim.io.AtomicFiles;
import org.gddim.model.GaussianMixture;
import org.gddim.model.ScoreModel;
import org.gddim.model.ScoreModels;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverSpec;

/**
 * Executes a {@link SampleJob}: validates every input (model, plan, noise file, backend) before touching the
 * output folder, then runs the {@link BatchLoop} into {@link SampleOutputs}, each batch an atomic shard, so an
 * interrupted job resumes where it stopped and a failed one loses nothing already finished.
 */
public final class SampleRun {
    private SampleRun() {}

    /** What a finished job produced; {@code method} is the plan's method and settings. */
    public record Result(Path samples, Path manifest, Path plot, String method, int nfe, int steps, long resumedSamples,
            double seconds) {}

    public static Result execute(SampleJob job, RunListener listener) throws IOException {
        long start = System.nanoTime();
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), job.schedule(), "sample it");
        Process process = setup.process();
        GaussianMixture gmm = setup.gmm();
        double[] range = setup.timeRange(job.tMax(), job.tMin());
        double tMax = range[0];
        double tMin = range[1];
        try (Backend backend = Backends.open(job.backend());
                ScoreModels.Opened model = job.model() instanceof ModelSource.OnnxFile f
                        ? ScoreModels.onnx(f.file(), process, backend, job.threadCount())
                        : ScoreModels.gmm(gmm, process, backend)) {
            return run(job, start, process, tMax, tMin, model.model(), backend, listener);
        } catch (IOException e) {
            throw new IOException(AtomicFiles.describe(e), e);
        }
    }

    private static Result run(SampleJob job, long start, Process process, double tMax, double tMin, ScoreModel model,
            Backend backend, RunListener listener) throws IOException {
        int dim = model.stateShape().size();
        Solver solver = job.solver().create(); // the one solver of the run
        Plan plan;
        TimeGrid grid;
        try {
            if (job.gridFile() != null) { // a learned LD3 schedule (schedule/GridFile, written by gddim ld3)
                SolverSpec spec = job.solver();
                plan = LearnedPlan.plan(job.gridFile(), new LearnedPlan.Run(job.model().sha256(), process.name(),
                        spec.kind().toString(), spec.order(), spec.corrector().toString(), spec.lowerOrderFinal(),
                        job.nfe(), tMax, tMin), job.forceGrid(), solver, process);
                grid = plan.grid();
                if (plan.stochastic()) {
                    throw new JobException("an LD3 grid is for deterministic solvers; " + plan.method() + " adds noise");
                }
            } else {
                grid = TimeGrids.make(job.grid(), process, tMax, tMin, solver.stepsFor(job.nfe()));
                plan = solver.plan(process, grid);
            }
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage(), e);
        } catch (ArithmeticException e) { // a coefficient integral the frame cannot resolve at this grid
            throw new JobException(JobException.planningFailed(job, e), e);
        }
        NoiseSource noise = job.initNoise() == null
                ? new NoiseSource.Seeded(job.seed(), dim)
                : NoiseSource.FromFile.open(job.initNoise(), job.count(), model.stateShape());
        int batch = job.batchFor(dim);
        Map<String, Object> settings = RunManifest.settings(job, process, tMax, tMin, plan, model, noise, batch);
        model.prepare(plan.evalTimes(), batch);
        try (SampleOutputs outputs = SampleOutputs.prepare(job.out(), settings, job.force(), job.count(), batch,
                model.shape().dims())) {
            return sample(job, start, process, plan, model, backend, noise, batch, settings, outputs, listener);
        }
    }

    /** The batch loop into {@code outputs} (which already holds the batches of an interrupted run), then the outputs. */
    private static Result sample(SampleJob job, long start, Process process, Plan plan, ScoreModel model, Backend backend,
            NoiseSource noise, int batch, Map<String, Object> settings, SampleOutputs outputs, RunListener listener)
            throws IOException {
        TimeGrid grid = plan.grid();
        double tMax = grid.at(0);
        long done = outputs.resumedSamples();
        listener.begin((long) outputs.batches() * grid.steps(), done / batch * grid.steps(), plan.method());
        double sampling = 0;
        try (BatchLoop loop = new BatchLoop(plan, model, backend, process, tMax, noise, job.seed(), batch, job.usesGraph())) {
            for (int b = 0; b < outputs.batches(); b++) {
                if (outputs.done(b)) {
                    continue;
                }
                long t0 = System.nanoTime();
                float[] data;
                try {
                    data = loop.run(b, outputs.rows(b), (step, steps, t) -> listener.step());
                } catch (NativeException | CudaException e) {
                    throw new IOException("the " + job.backend() + " backend failed in batch " + b + ": " + e.getMessage(), e);
                }
                sampling += (System.nanoTime() - t0) / 1e9;
                outputs.write(b, data);
            }
            listener.end();
        }
        double samplingSeconds = sampling;
        double[] seconds = new double[1];
        SampleOutputs.Files files = outputs.finish(job.count() + " samples, " + process.name() + ", " + plan.method()
                + ", NFE " + plan.nfe() + ", " + (job.gridFile() != null ? "learned" : job.grid()) + " grid", names -> {
                    seconds[0] = (System.nanoTime() - start) / 1e9;
                    return RunManifest.manifest(settings, job.count(), plan, done, samplingSeconds, seconds[0], names);
                });
        return new Result(files.samples(), files.manifest(), files.plot(), plan.method(), plan.nfe(), grid.steps(), done,
                seconds[0]);
    }
}
