package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.backend.CudaBackend;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;
import org.gddim.model.CudaGmmScore;
import org.gddim.model.GpuOnnxScoreModel;
import org.gddim.solver.GraphSampler;
import org.gddim.io.AtomicFiles;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;
import org.gddim.io.Plots;
import org.gddim.ld3.LearnedPlan;
import org.gddim.ld3.ModelHash;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.model.DataShape;
import org.gddim.model.GmmScore;
import org.gddim.model.ModelMetadata;
import org.gddim.model.OnnxScoreModel;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.Solver;

/**
 * Executes a {@link SampleJob}: validates every input (model, plan, noise file, backend) before touching the
 * output folder, then samples batch by batch, each batch an atomic shard, so an interrupted job resumes
 * where it stopped and a failed one loses nothing already finished.
 */
public final class SampleRun {
    private SampleRun() {}

    /** What a finished job produced. */
    public record Result(Path samples, Path manifest, Path plot, int nfe, int steps, long resumedSamples,
            double seconds) {}

    public static Result execute(SampleJob job, RunListener listener) throws IOException {
        long start = System.nanoTime();
        ModelMetadata onnx = job.model() instanceof ModelSource.OnnxFile f ? OnnxScoreModel.metadataOf(f.file()) : null;
        GaussianMixture gmm = switch (job.model()) {
            case ModelSource.Default d -> GmmJson.defaultMixture();
            case ModelSource.GmmFile f -> GmmJson.read(f.file());
            case ModelSource.OnnxFile f -> null;
        };
        if (onnx != null && !onnx.process().equals(job.process().toString())) {
            throw new JobException("model " + job.model() + " was trained for process " + onnx.process()
                    + "; sample it with --process " + onnx.process() + " (got " + job.process() + ")");
        }
        Process process;
        try {
            process = job.process().create(onnx != null ? onnx.shape().dims() : gmm.shape().dims());
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
        try (Backend backend = Backends.open(job.backend())) {
            OnnxScoreModel network = null;
            try {
                ScoreModel model;
                if (backend instanceof CudaBackend cuda) {
                    model = deviceModel(job, gmm, process, cuda);
                } else if (job.model() instanceof ModelSource.OnnxFile f) {
                    network = OnnxScoreModel.open(f.file(), process, job.threadCount());
                    model = network.scoreModel(backend);
                } else {
                    model = new GmmScore(gmm, process);
                }
                return run(job, start, process, tMax, tMin, model, backend, listener);
            } finally {
                if (network != null) {
                    network.close();
                }
            }
        } catch (IOException e) {
            throw new IOException(AtomicFiles.describe(e), e);
        }
    }

    private static Result run(SampleJob job, long start, Process process, double tMax, double tMin, ScoreModel model,
            Backend backend, RunListener listener) throws IOException {
        DataShape stateShape = model.stateShape();
        int dim = stateShape.size();
        int dataDim = model.shape().size();
        Solver solver = job.createSolver();
        Plan plan;
        TimeGrid grid;
        try {
            if (job.gridFile() != null) { // a learned LD3 schedule (org.gddim.ld3)
                plan = LearnedPlan.plan(job.gridFile(), new LearnedPlan.Run(ModelHash.of(job.model()), process.name(),
                        job.solver().toString(), job.order(), job.corrector().toString(), job.lowerOrderFinal(), job.nfe(),
                        tMax, tMin), job.forceGrid(), solver, process);
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
        }
        NoiseSource noise = job.initNoise() == null
                ? new NoiseSource.Seeded(job.seed(), dim)
                : NoiseSource.FromFile.open(job.initNoise(), job.count(), stateShape);
        int batch = job.batchFor(dim);
        int batches = (int) ((job.count() + batch - 1) / batch);
        Map<String, Object> settings = settings(job, process, tMax, tMin, plan, model, noise, batch);
        model.prepare(plan.evalTimes(), batch);
        Map<SamplerState, GraphSampler> graphs = new java.util.IdentityHashMap<>();
        OutputFolder folder = OutputFolder.prepare(job.out(), JsonFiles.toJson(settings), job.force());
        long done = 0;
        for (int b = 0; b < batches; b++) {
            if (folder.batchDone(b, rows(job, batch, b))) {
                done += rows(job, batch, b);
            }
        }
        listener.begin((long) batches * grid.steps(), done / batch * grid.steps(), plan.method());
        double[] planeStd = new double[process.planes()];
        for (int p = 0; p < planeStd.length; p++) {
            planeStd[p] = process.priorStd(tMax, p);
        }
        DataReadout readout = new DataReadout(process, model.shape(), backend, batch, dim);
        SamplerState full = null;
        float[] buffer = new float[batch * dim];
        double sampling = 0;
        for (int b = 0; b < batches; b++) {
            int rows = (int) rows(job, batch, b);
            if (folder.batchDone(b, rows)) {
                continue;
            }
            SamplerState state = rows == batch ? full : null;
            if (state == null) {
                state = new SamplerState(backend, plan, rows, dim);
                if (rows == batch) {
                    full = state;
                }
            }
            float[] x = rows == batch ? buffer : new float[rows * dim];
            noise.fill((long) b * batch, rows, x);
            for (int i = 0; i < x.length; i++) {
                x[i] *= (float) planeStd[(i % dim) / dataDim];
            }
            backend.write(state.u(), 0, x);
            state.keyNoise(job.seed(), (long) b * batch);
            long t0 = System.nanoTime();
            float[] data;
            try {
                if (job.usesGraph() && backend instanceof CudaBackend cuda) { // validated: graphs need cuda
                    SamplerState s = state;
                    cuda.keyReplay((long) b * batch);
                    graphs.computeIfAbsent(state, k -> new GraphSampler(plan, model, backend, s, cuda::capture))
                            .run((step, steps, t) -> listener.step());
                } else {
                    Sampler.run(plan, model, backend, state, (step, steps, t) -> listener.step());
                }
                data = readout.read(state.u(), rows);
            } catch (NativeException | CudaException e) {
                throw new IOException("the " + job.backend() + " backend failed in batch " + b + ": " + e.getMessage(), e);
            }
            sampling += (System.nanoTime() - t0) / 1e9;
            checkFinite(data, dataDim, (long) b * batch);
            Npy.write(folder.batchFile(b), shape(rows, model.shape().dims()), data);
        }
        listener.end();
        graphs.values().forEach(GraphSampler::close);
        Path samples = folder.assemble(batches, shape(job.count(), model.shape().dims()));
        Path plot = null;
        int[] dims = model.shape().dims();
        if (dims.length == 3 && (dims[0] == 1 || dims[0] == 3)) { // images (C, H, W): a grid of the first 64
            int shown = (int) Math.min(job.count(), 64);
            float[] images = new float[shown * dataDim];
            Npy.readRows(samples, Npy.readHeader(samples), 0, shown, images);
            plot = folder.dir().resolve(OutputFolder.PLOT);
            Plots.imageGrid(plot, images, dims, shown, 8, -1, 1, 3);
        } else if (dataDim == 2) {
            int shown = (int) Math.min(job.count(), 20_000);
            float[] xy = new float[shown * 2];
            Npy.readRows(samples, Npy.readHeader(samples), 0, shown, xy);
            plot = folder.dir().resolve(OutputFolder.PLOT);
            Plots.scatter(plot, job.count() + " samples, " + process.name() + ", " + plan.method() + ", NFE " + plan.nfe()
                    + ", " + job.grid() + " grid (" + shown + " shown)", xy, shown);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> manifest = manifest(settings, job, plan, done, sampling, seconds, samples, plot);
        Path manifestFile = folder.writeManifest(manifest);
        folder.deletePartial();
        return new Result(samples, manifestFile, plot, plan.nfe(), grid.steps(), done, seconds);
    }

    /**
     * The model on the GPU: an ONNX file on the engine's executor (closed with the backend), or the device GMM
     * oracle (scalar processes with explicit covariances in this version).
     */
    private static ScoreModel deviceModel(SampleJob job, GaussianMixture gmm, Process process, CudaBackend cuda) {
        if (job.model() instanceof ModelSource.OnnxFile f) {
            return cuda.closeWithBackend(GpuOnnxScoreModel.open(f.file(), process, cuda));
        }
        if (!(process instanceof ScalarProcess) || gmm.dct()) {
            throw new JobException("the cuda backend runs the exact GMM oracle for scalar processes (vp, ve, edm, "
                    + "fdm-*) with explicit covariances in this version; use --backend native for " + process.name());
        }
        return new CudaGmmScore(gmm, process, cuda);
    }

    private static long rows(SampleJob job, int batch, int b) {
        return Math.min(batch, job.count() - (long) b * batch);
    }

    private static long[] shape(long rows, int[] dims) {
        long[] s = new long[dims.length + 1];
        s[0] = rows;
        for (int i = 0; i < dims.length; i++) {
            s[i + 1] = dims[i];
        }
        return s;
    }

    private static void checkFinite(float[] x, int dim, long firstSample) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            throw new JobException("sampling produced " + bad + " non-finite values (first in sample "
                    + (firstSample + first / dim) + "); the model or the settings are numerically unstable. "
                    + "Finished batches are kept for a resumed run");
        }
    }

    /** Settings that determine the samples; also the resume fingerprint. */
    private static Map<String, Object> settings(SampleJob job, Process process, double tMax, double tMin, Plan plan,
            ScoreModel model, NoiseSource noise, int batch) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("process", process.name());
        s.put("model", job.model().toString());
        s.put("model_description", model.describe());
        s.put("data_shape", model.shape().dims());
        s.put("solver", job.solver().toString());
        s.put("method", plan.method());
        s.put("order", job.order());
        s.put("corrector", job.corrector().toString());
        s.put("lower_order_final", job.lowerOrderFinal());

        s.put("lambda", job.lambda());
        s.put("param", job.param().toString());
        s.put("state_shape", model.stateShape().dims());
        s.put("structure", process.structure().toString());
        s.put("grid", job.gridFile() != null ? "file:" + job.gridFile() : job.grid().toString());
        if (job.gridFile() != null) {
            s.put("network_times", plan.evalTimes());
        }
        s.put("nfe_budget", job.nfe());
        s.put("nfe", plan.nfe());
        s.put("steps", plan.grid().steps());
        s.put("t_max", tMax);
        s.put("t_min", tMin);
        s.put("prior_std", process.priorStd(tMax));
        s.put("n", job.count());
        s.put("seed", job.seed());
        s.put("noise", noise.describe());
        s.put("backend", job.backend().toString());
        s.put("cuda_graph", job.usesGraph());
        s.put("batch", batch);
        return s;
    }

    private static Map<String, Object> manifest(Map<String, Object> settings, SampleJob job, Plan plan, long resumed,
            double sampling, double seconds, Path samples, Path plot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "gddim-run-manifest");
        m.put("format_version", 1);
        EngineVersion v = EngineVersion.current();
        m.put("engine", Map.of("version", v.version(), "commit", v.commit()));
        m.put("created", Instant.now().toString());
        m.put("settings", settings);
        m.put("grid_times", plan.grid().t());
        m.put("timings", Map.of("total_seconds", seconds, "sampling_seconds", sampling,
                "samples_per_second", sampling > 0 ? (job.count() - resumed) / sampling : 0.0,
                "resumed_samples", resumed));
        m.put("machine", Map.of("java", System.getProperty("java.vm.name") + " " + Runtime.version(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "cpus", Runtime.getRuntime().availableProcessors()));
        m.put("outputs", plot == null ? List.of(samples.getFileName().toString())
                : List.of(samples.getFileName().toString(), plot.getFileName().toString()));
        return m;
    }
}
