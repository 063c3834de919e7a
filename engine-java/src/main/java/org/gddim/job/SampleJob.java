package org.gddim.job;

import java.nio.file.Path;
import org.gddim.backend.BackendKind;
import org.gddim.process.DiscreteSchedule;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;

/**
 * Everything one sampling job needs (the run spec), defaults filled and validated once in the compact constructor
 * (llama3.java's Options): a job that exists is internally consistent; what needs files (model, noise, output
 * folder) is checked by {@link SampleRun} before it writes anything. The CLI only maps its flags to this record
 * and to {@link SolverSpec}; the Java API takes the same records.
 *
 * @param solver the solver setting (its own record validates the combination of solver options)
 * @param grid the grid family; null for the process' default (logsnr; quadratic without a scalar noise level)
 * @param tMax start time, NaN for the process default
 * @param tMin end (output) time, NaN for the process default
 * @param initNoise standard-normal draws of shape (count, D...), or null to draw them from {@code seed}
 * @param batch samples per batch, or null for about 4M floats per state buffer (memory per batch:
 *     (eps slots + 2) * batch * D floats)
 * @param graph whether the cuda backend replays each batch as one captured CUDA graph
 * @param threads CPU threads of the model (ONNX Runtime intra-op threads); 0 for all cores
 * @param force overwrite earlier results in {@code out}, and discard an unfinished run there
 * @param gridFile a learned LD3 schedule (grid.json, org.gddim.ld3) to sample on instead of {@code grid}, or null
 * @param forceGrid use {@code gridFile} even if it was learned for another model, process, solver or NFE
 * @param schedule the betas of {@code process} {@link ProcessKind#DDPM} (diffusers' scheduler config), or null for the
 *     kind's own
 */
public record SampleJob(ProcessKind process, ModelSource model, SolverSpec solver, GridKind grid, int nfe, double tMax,
        double tMin, long count, long seed, Path initNoise, BackendKind backend, GraphMode graph, Integer batch,
        int threads, Path out, boolean force, Path gridFile, boolean forceGrid, DiscreteSchedule schedule) {

    /** A job with the process kind's own parameters. */
    public SampleJob(ProcessKind process, ModelSource model, SolverSpec solver, GridKind grid, int nfe, double tMax,
            double tMin, long count, long seed, Path initNoise, BackendKind backend, GraphMode graph, Integer batch,
            int threads, Path out, boolean force, Path gridFile, boolean forceGrid) {
        this(process, model, solver, grid, nfe, tMax, tMin, count, seed, initNoise, backend, graph, batch, threads, out,
                force, gridFile, forceGrid, null);
    }

    /** A job on a grid family (no learned schedule). */
    public SampleJob(ProcessKind process, ModelSource model, SolverSpec solver, GridKind grid, int nfe, double tMax,
            double tMin, long count, long seed, Path initNoise, BackendKind backend, GraphMode graph, Integer batch,
            int threads, Path out, boolean force) {
        this(process, model, solver, grid, nfe, tMax, tMin, count, seed, initNoise, backend, graph, batch, threads, out,
                force, null, false, null);
    }

    public SampleJob {
        if (process == null || model == null || solver == null || backend == null || graph == null) {
            throw new JobException("process, model, solver, backend and graph mode are required");
        }
        if (gridFile != null && grid != null) {
            throw new JobException("give either a grid family or a learned grid file, not both");
        }
        if (schedule != null && process != ProcessKind.DDPM) {
            throw new JobException("discrete betas (--scheduler-config, --beta-*) are the parameters of --process ddpm, not " + process);
        }
        grid = grid != null ? grid : process.hasNoiseLevel() ? GridKind.LOGSNR : GridKind.QUADRATIC;
        if (graph == GraphMode.ON && backend != BackendKind.CUDA) {
            throw new JobException("--cuda-graph on needs --backend cuda (the " + backend + " backend has no graphs)");
        }
        if (out == null) {
            throw new JobException("an output folder is required (--out DIR)");
        }
        if (count < 1) {
            throw new JobException("--n must be at least 1, got " + count);
        }
        if (batch != null && batch < 1) {
            throw new JobException("--batch must be at least 1, got " + batch);
        }
        if (threads < 0) {
            throw new JobException("--threads must be at least 1, got " + threads);
        }
        if (model instanceof ModelSource.OnnxFile && backend == BackendKind.CUDA) {
            throw new JobException("ONNX models run on the CPU (--backend native or java) in this version: the GPU "
                    + "executor for ONNX graphs is not built yet");
        }
        if (nfe < 1) {
            throw new JobException("--nfe must be at least 1, got " + nfe);
        }
        SolverKind kind = solver.kind();
        if (kind == SolverKind.SSCS && process != ProcessKind.CLD) {
            throw new JobException("sscs is the sampler of CLD; use --process cld, or another --solver for " + process);
        }
        if (kind == SolverKind.DDIM && !process.isotropic()) {
            throw new JobException("ddim is defined for isotropic processes, not " + process
                    + "; use --solver gddim --order 1, which generalises it");
        }
        if (!process.hasNoiseLevel() && (grid == GridKind.LOGSNR || grid == GridKind.EDM)) {
            throw new JobException("the " + grid + " grid needs a scalar noise level, which " + process
                    + " does not have; use --grid quadratic (its default) or uniform");
        }
        Solver s; // the order range and the budget are the solver's own: a throwaway instance (no planning)
        try {
            s = solver.create();
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage());
        }
        if (nfe < s.minNfe()) {
            throw new JobException("--nfe " + nfe + " is less than " + s.minNfe() + ", the smallest budget of "
                    + s.describe() + " (it needs at least " + s.minNfe() + " evaluations); raise --nfe"
                    + (kind == SolverKind.GDDIM || kind == SolverKind.DEIS_RHORK ? " or lower --order" : ""));
        }
        if (!Double.isNaN(tMax) && !Double.isNaN(tMin) && !(tMin < tMax)) {
            throw new JobException("--t-min " + tMin + " must be below --t-max " + tMax);
        }
        if ((!Double.isNaN(tMin) && !(tMin > 0)) || (!Double.isNaN(tMax) && !(tMax > 0))) {
            throw new JobException("--t-min and --t-max must be positive");
        }
    }

    /** Whether this job replays captured graphs. */
    public boolean usesGraph() {
        return graph == GraphMode.ON || (graph == GraphMode.AUTO && backend == BackendKind.CUDA);
    }

    /** Samples per batch for data of {@code dim} elements. */
    public int batchFor(int dim) {
        long b = batch == null ? defaultBatch(dim) : batch;
        return (int) Math.min(b, count);
    }

    /** The default batch for states of {@code dim} elements: about 4M floats per state buffer. */
    public static int defaultBatch(int dim) {
        return (int) Math.max(1, (1L << 22) / dim);
    }

    /** ONNX Runtime threads: the given count, or every core for 0. */
    public int threadCount() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Parses a model source ("default" or "gmm:FILE.json"). */
    public static ModelSource model(String spec) {
        return ModelSource.parse(spec);
    }

    /** The solver setting of the CLI's flags, its refusals as {@link JobException}s (exit code 2). */
    public static SolverSpec solver(SolverKind kind, Integer order, Corrector corrector, Boolean lowerOrderFinal,
            double lambda, EpsFrame param) {
        try {
            return new SolverSpec(kind, order, corrector, lowerOrderFinal, lambda, param);
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage());
        }
    }
}
