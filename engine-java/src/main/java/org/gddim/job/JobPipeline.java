package org.gddim.job;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiFunction;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.io.AtomicFiles;
import org.gddim.model.ScoreModel;
import org.gddim.model.ScoreModels;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverSpec;

/**
 * What every product of a {@link SampleJob} shares (sample, generate): the backend and the model opened, the plan
 * (a grid family or a learned LD3 grid), the starting noise and the batch size, all checked before any output is
 * touched; the product's body then runs its {@link BatchLoop}s and writes its own files.
 */
public final class JobPipeline {
    private JobPipeline() {}

    /** An opened job: everything a batch loop needs. {@code batch} is the samples per batch. */
    record Opened(SampleJob job, Process process, double tMax, double tMin, ScoreModel model, Backend backend, Plan plan,
            NoiseSource noise, int batch) {
        /** The settings that determine the samples (the resume fingerprint of sample). */
        Map<String, Object> settings() throws IOException {
            return RunManifest.settings(job, process, tMax, tMin, plan, model, noise, batch);
        }

        /** A batch loop over this job's plan and noise. */
        BatchLoop loop() {
            return new BatchLoop(plan, model, backend, process, plan.grid().at(0), noise, job.seed(), batch, job.usesGraph());
        }
    }

    /** The product's part of the run. */
    @FunctionalInterface
    interface Body<T> {
        T run(Opened job) throws IOException;
    }

    /**
     * Opens {@code job} (its model read into {@code setup}), with at most {@code maxBatch} samples per batch and the
     * score model seen through {@code wrap} (tests inject faults there), and runs {@code body} on it.
     */
    static <T> T run(SampleJob job, ModelSetup setup, int maxBatch, BiFunction<ScoreModel, Backend, ScoreModel> wrap,
            Body<T> body)
            throws IOException {
        try (Held held = open(job, setup, maxBatch, wrap, 0)) {
            return body.run(held.opened());
        } catch (IOException e) {
            throw new IOException(AtomicFiles.describe(e), e);
        }
    }

    /** An opened job that owns its backend and model until closed (a cluster executor keeps one across tasks). */
    record Held(Opened opened, ScoreModels.Opened model) implements AutoCloseable {
        @Override
        public void close() {
            try {
                model.close();
            } finally {
                opened.backend().close();
            }
        }
    }

    /** Opens {@code job} as {@link #run} does, the CUDA backend on device {@code cudaDevice}; the caller closes it. */
    static Held open(SampleJob job, ModelSetup setup, int maxBatch, BiFunction<ScoreModel, Backend, ScoreModel> wrap,
            int cudaDevice) throws IOException {
        Process process = setup.process();
        double[] range = setup.timeRange(job.tMax(), job.tMin());
        Backend backend = Backends.open(job.backend(), cudaDevice);
        ScoreModels.Opened model = null;
        try {
            model = openModel(job, setup, backend);
            ScoreModel m = wrap.apply(model.model(), backend);
            Plan plan = plan(job, process, range[0], range[1]);
            int dim = m.stateShape().size();
            NoiseSource noise = job.initNoise() == null
                    ? new NoiseSource.Seeded(job.seed(), dim)
                    : NoiseSource.FromFile.open(job.initNoise(), job.count(), m.stateShape());
            int batch = Math.min(job.batchFor(dim), maxBatch);
            m.prepare(plan.evalTimes(), batch);
            return new Held(new Opened(job, process, range[0], range[1], m, backend, plan, noise, batch), model);
        } catch (IOException | RuntimeException | Error e) {
            try {
                if (model != null) {
                    model.close();
                }
            } finally {
                backend.close();
            }
            throw e;
        }
    }

    /**
     * The score model of {@code job} (its model read into {@code setup}) on {@code backend}: the ONNX network with the
     * job's thread count, or the exact mixture. Shared by sample, generate and the Java API (org.gddim.api).
     */
    public static ScoreModels.Opened openModel(SampleJob job, ModelSetup setup, Backend backend) {
        return job.model() instanceof ModelSource.OnnxFile f
                ? ScoreModels.onnx(f.file(), setup.process(), backend, job.threadCount())
                : ScoreModels.gmm(setup.gmm(), setup.process(), backend);
    }

    /**
     * The plan of {@code job}'s solver under {@code process} from {@code tMax} to {@code tMin}: on its grid family, or
     * on its learned grid file (checked against the job's model, process, solver and NFE unless {@code forceGrid}).
     * Every refusal is a {@link JobException}; shared by {@code sample}, {@code generate} and the Java API (org.gddim.api).
     */
    public static Plan plan(SampleJob job, Process process, double tMax, double tMin) throws IOException {
        Solver solver = job.solver().create(); // the one solver of the run
        try {
            if (job.gridFile() != null) { // a learned LD3 schedule (schedule/GridFile, written by gddim ld3)
                SolverSpec spec = job.solver();
                Plan plan = LearnedPlan.plan(job.gridFile(), new LearnedPlan.Run(job.model().sha256(), process.name(),
                        spec.kind().toString(), spec.order(), spec.corrector().toString(), spec.lowerOrderFinal(),
                        job.nfe(), tMax, tMin), job.forceGrid(), solver, process);
                if (plan.stochastic()) {
                    throw new JobException("an LD3 grid is for deterministic solvers; " + plan.method() + " adds noise");
                }
                return plan;
            }
            TimeGrid grid = TimeGrids.make(job.grid(), process, tMax, tMin, solver.stepsFor(job.nfe()));
            return solver.plan(process, grid);
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage(), e);
        } catch (ArithmeticException e) { // a coefficient integral the frame cannot resolve at this grid
            throw new JobException(JobException.planningFailed(job, e), e);
        }
    }
}
