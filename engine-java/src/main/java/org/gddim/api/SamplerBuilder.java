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

    /** The forward process ({@code --process}); default {@link ProcessKind#VP}. */
    public SamplerBuilder process(ProcessKind process) {
        this.process = process;
        return this;
    }

    /** The score model ({@code --model}): the embedded default mixture, a GMM JSON file or an ONNX network. */
    public SamplerBuilder model(ModelSource model) {
        this.model = model;
        return this;
    }

    /**
     * The score model in the CLI's form: {@code default}, {@code gmm:FILE.json} or {@code onnx:FILE.onnx} (paths
     * relative to the working directory).
     *
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

    /** The solver setting ({@code --solver}, {@code --order}, {@code --corrector}, ...); default gddim of order 2. */
    public SamplerBuilder solver(SolverSpec solver) {
        this.solver = solver;
        return this;
    }

    /**
     * The solver {@code kind} at {@code order} (null: the kind's default order) with every other option at its
     * default.
     *
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

    /** The grid family ({@code --grid}); null (the default) for the process' own: logsnr, quadratic for cld/bdm. */
    public SamplerBuilder grid(GridKind grid) {
        this.grid = grid;
        return this;
    }

    /**
     * A learned LD3 grid ({@code --grid file:FILE.json}, written by {@code gddim ld3}) instead of a grid family; it
     * must have been learned for this model, process, solver and NFE unless {@code force} ({@code --force-grid}).
     */
    public SamplerBuilder gridFile(Path file, boolean force) {
        this.gridFile = file;
        this.forceGrid = force;
        return this;
    }

    /** The budget of network evaluations ({@code --nfe}); default 20. The grid gets as many steps as fit. */
    public SamplerBuilder nfe(int nfe) {
        this.nfe = nfe;
        return this;
    }

    /** The start time T ({@code --t-max}, in the process' time units); NaN (the default) for the process' own. */
    public SamplerBuilder tMax(double tMax) {
        this.tMax = tMax;
        return this;
    }

    /** The end (output) time ({@code --t-min}); NaN (the default) for the process' own, e.g. 1e-3 for vp. */
    public SamplerBuilder tMin(double tMin) {
        this.tMin = tMin;
        return this;
    }

    /** The seed of the noise ({@code --seed}); default 0. Sample i depends only on the settings, the seed and i. */
    public SamplerBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Where the solver steps run ({@code --backend}): java, native (the default) or cuda. */
    public SamplerBuilder backend(BackendKind backend) {
        this.backend = backend;
        return this;
    }

    /** Whether the cuda backend replays each batch as one captured CUDA graph ({@code --cuda-graph}); default auto. */
    public SamplerBuilder cudaGraph(GraphMode graph) {
        this.graph = graph;
        return this;
    }

    /**
     * The largest number of samples one batch holds ({@code --batch}); null (the default) for about 4M floats per
     * state buffer. Memory per batch: (eps slots + 2) * batch * D floats on the backend. It changes no sample.
     */
    public SamplerBuilder batch(Integer batch) {
        this.batch = batch;
        return this;
    }

    /** CPU threads of an ONNX model ({@code --threads}, ONNX Runtime intra-op threads); 0 (the default) for all cores. */
    public SamplerBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /**
     * The job these settings describe, checked by the CLI's record (the same refusals as {@code gddim sample}); its
     * {@code count}, {@code out} and {@code force} fields are placeholders a sampler does not use.
     *
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
     * for an ONNX model). The caller closes it.
     *
     * @throws GddimException naming the setting, file or backend that is wrong
     */
    public Sampler open() {
        return Sampler.open(job());
    }
}
