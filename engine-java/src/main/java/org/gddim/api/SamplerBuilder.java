package org.gddim.api;

import java.nio.file.Path;
import org.gddim.backend.BackendKind;
import org.gddim.job.GraphMode;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.job.SampleJob;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;

/**
 * The settings of a sampling job, one setter per field of the CLI's {@link SampleJob} (and flag of
 * {@code gddim sample}), with the CLI's defaults: process vp, solver gddim (order 2), the process' default grid,
 * NFE 20, seed 0, the native backend, the default batch (about 4M floats per state buffer), every core for ONNX
 * models. Only the model has no default. Setters return this builder; nothing is checked until {@link #job()} or
 * {@link #open()}. A builder is not thread-safe; it may be reused to open several samplers.
 */
public final class SamplerBuilder {
    /** The job record's output folder: required by the record, never used (a sampler writes no files). */
    private static final Path NO_OUTPUT = Path.of("gddim-api-writes-no-files");

    private ProcessKind process = ProcessKind.VP;
    private ModelSource model;
    private SolverSpec solver;
    private GridKind grid;
    private Path gridFile;
    private boolean forceGrid;
    private int nfe = 20;
    private double tMax = Double.NaN;
    private double tMin = Double.NaN;
    private long seed;
    private BackendKind backend = BackendKind.NATIVE;
    private GraphMode graph = GraphMode.AUTO;
    private Integer batch;
    private int threads;

    SamplerBuilder() {}

    /**
     * The forward process ({@code --process}); default {@link ProcessKind#VP}.
     *
     * @param process the process
     * @return this builder
     */
    public SamplerBuilder process(ProcessKind process) {
        this.process = process;
        return this;
    }

    /**
     * The score model ({@code --model}): the embedded default mixture, a GMM JSON file or an ONNX network.
     *
     * @param model the model source
     * @return this builder
     */
    public SamplerBuilder model(ModelSource model) {
        this.model = model;
        return this;
    }

    /**
     * The score model in the CLI's form: {@code default}, {@code gmm:FILE.json} or {@code onnx:FILE.onnx} (paths
     * relative to the working directory).
     *
     * @param spec the model in the form of --model
     * @return this builder
     * @throws GddimException naming the accepted forms
     */
    public SamplerBuilder model(String spec) {
        try {
            this.model = ModelSource.parse(spec);
        } catch (JobException e) {
            throw Refusals.of(e);
        }
        return this;
    }

    /**
     * The solver setting ({@code --solver}, {@code --order}, {@code --corrector}, ...); default gddim of order 2.
     *
     * @param solver the solver setting
     * @return this builder
     */
    public SamplerBuilder solver(SolverSpec solver) {
        this.solver = solver;
        return this;
    }

    /**
     * The solver {@code kind} at {@code order} with every other option at its default.
     *
     * @param kind the method
     * @param order eps values per step or stages ({@code --order}); null for the kind's default
     * @return this builder
     * @throws GddimException when {@code kind} has no such order
     */
    public SamplerBuilder solver(SolverKind kind, Integer order) {
        try {
            this.solver = SampleJob.solver(kind, order, null, null, Double.NaN, null);
        } catch (JobException e) {
            throw Refusals.of(e);
        }
        return this;
    }

    /**
     * The grid family ({@code --grid}).
     *
     * @param grid the family; null (the default) for the process' own: logsnr, quadratic for cld and bdm
     * @return this builder
     */
    public SamplerBuilder grid(GridKind grid) {
        this.grid = grid;
        return this;
    }

    /**
     * A learned LD3 grid ({@code --grid file:FILE.json}, written by {@code gddim ld3}) instead of a grid family.
     *
     * @param file the grid file; null for none (the default)
     * @param force use it even if it was learned for another model, process, solver or NFE ({@code --force-grid})
     * @return this builder
     */
    public SamplerBuilder gridFile(Path file, boolean force) {
        this.gridFile = file;
        this.forceGrid = force;
        return this;
    }

    /**
     * The budget of network evaluations per sample ({@code --nfe}); the grid gets as many steps as fit.
     *
     * @param nfe at least the solver's smallest budget; default 20
     * @return this builder
     */
    public SamplerBuilder nfe(int nfe) {
        this.nfe = nfe;
        return this;
    }

    /**
     * The start time T ({@code --t-max}).
     *
     * @param tMax in the process' time units; NaN (the default) for the process' own, e.g. 1 for vp
     * @return this builder
     */
    public SamplerBuilder tMax(double tMax) {
        this.tMax = tMax;
        return this;
    }

    /**
     * The end (output) time ({@code --t-min}).
     *
     * @param tMin in the process' time units; NaN (the default) for the process' own, e.g. 1e-3 for vp
     * @return this builder
     */
    public SamplerBuilder tMin(double tMin) {
        this.tMin = tMin;
        return this;
    }

    /**
     * The seed of the noise ({@code --seed}): sample i depends only on the settings, the seed and i.
     *
     * @param seed any long; default 0
     * @return this builder
     */
    public SamplerBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Where the solver steps run ({@code --backend}).
     *
     * @param backend java (the reference), native (the default: C kernels) or cuda
     * @return this builder
     */
    public SamplerBuilder backend(BackendKind backend) {
        this.backend = backend;
        return this;
    }

    /**
     * Whether the cuda backend replays each batch as one captured CUDA graph ({@code --cuda-graph}).
     *
     * @param graph auto (the default: on for cuda), on or off
     * @return this builder
     */
    public SamplerBuilder cudaGraph(GraphMode graph) {
        this.graph = graph;
        return this;
    }

    /**
     * The largest number of samples one batch holds ({@code --batch}). Memory per batch: (eps slots + 2) * batch * D
     * floats on the backend. It changes no sample.
     *
     * @param batch at least 1; null (the default) for about 4M floats per state buffer
     * @return this builder
     */
    public SamplerBuilder batch(Integer batch) {
        this.batch = batch;
        return this;
    }

    /**
     * CPU threads of an ONNX model ({@code --threads}, ONNX Runtime intra-op threads).
     *
     * @param threads at least 1; 0 (the default) for every core
     * @return this builder
     */
    public SamplerBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /**
     * The job these settings describe, checked by the CLI's record (the same refusals as {@code gddim sample}).
     *
     * @return the job; its {@code count}, {@code out} and {@code force} fields are placeholders a sampler does not use
     * @throws GddimException naming the setting that is missing or wrong
     */
    public SampleJob job() {
        if (model == null) {
            throw new GddimException("a model is required: model(\"default\"), model(\"gmm:FILE.json\") or "
                    + "model(\"onnx:FILE.onnx\")", null);
        }
        try {
            SolverSpec spec = solver != null ? solver : SampleJob.solver(SolverKind.GDDIM, null, null, null, Double.NaN, null);
            return new SampleJob(process, model, spec, grid, nfe, tMax, tMin, 1, seed, null, backend, graph, batch, threads,
                    NO_OUTPUT, false, gridFile, forceGrid);
        } catch (RuntimeException e) {
            throw Refusals.of(e);
        }
    }

    /**
     * Opens a sampler for these settings: reads the model, plans the solver and opens the backend (and ONNX Runtime
     * for an ONNX model).
     *
     * @return the sampler, which the caller closes
     * @throws GddimException naming the setting, file or backend that is wrong
     */
    public Sampler open() {
        return Sampler.open(job());
    }
}
