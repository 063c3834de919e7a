package org.gddim.cli;

import java.nio.file.Path;
import org.gddim.backend.BackendKind;
import org.gddim.job.GraphMode;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.job.SampleJob;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a sampling job that {@code sample} and {@code generate} share (a picocli mixin, so the two commands
 * cannot drift apart): process, model, solver, grid, times, seed or noise file, backend, batch and threads. The
 * commands add the count, the output folder and their own options, and map all of it to one {@link SampleJob}.
 */
final class JobOptions {
    @Option(names = "--process", paramLabel = "PROCESS", defaultValue = "vp", converter = CliEnums.Processes.class,
            completionCandidates = CliEnums.Processes.class,
            description = "Forward process: ${COMPLETION-CANDIDATES}.")
    ProcessKind process;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "default",
            description = "Score model: 'default' (embedded 2-D Gaussian mixture), gmm:FILE.json (exact mixture "
                    + "oracle) or onnx:FILE.onnx (a trained network with gddim metadata, see docs/models.md).")
    String model;

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "gddim", converter = CliEnums.Solvers.class,
            completionCandidates = CliEnums.Solvers.class,
            description = "Solver: ${COMPLETION-CANDIDATES} (docs/solvers.md).")
    SolverKind solver;

    @Option(names = "--order", paramLabel = "Q",
            description = "Order: eps values per step (gddim, ipndm, deis-tab, deis-rhoab, dpmpp, unipc-*) or Runge-Kutta "
                    + "stages (deis-rhork); q = 1 is DDIM. Default: 2 for deterministic gddim, edm-heun, dpmpp, unipc-*; 3 "
                    + "for deis-*; 4 for ipndm; 1 for stochastic gddim; the others have a fixed order.")
    Integer order;

    @Option(names = "--corrector", paramLabel = "MODE", converter = CliEnums.Correctors.class,
            completionCandidates = CliEnums.Correctors.class,
            description = "Corrector: ${COMPLETION-CANDIDATES}. gddim: pec (1 NFE/step, order q+1), pece (2 NFE/step); "
                    + "unipc-*: pec is UniPC, none is the predictor UniP. Default: pec for unipc-*, none otherwise.")
    Corrector corrector;

    @Option(names = "--lower-order-final", negatable = true,
            description = "dpmpp, unipc-* and deis-logrho: lower the order of the last steps (diffusers' "
                    + "lower_order_final; dpmpp, deis-logrho only below 15 steps). Default: on.")
    Boolean lowerOrderFinal;

    @Option(names = "--lambda", paramLabel = "L", converter = FiniteNumber.class,
            description = "Stochasticity of the reverse-time family (0: probability-flow ODE, 1: reverse SDE). gddim: "
                    + "L > 0 is stochastic gDDIM (order 1); em: default 1. Not for ddim, sscs.")
    Double lambda;

    @Option(names = "--param", paramLabel = "K", defaultValue = "R", converter = CliEnums.Frames.class,
            completionCandidates = CliEnums.Frames.class,
            description = "gddim's eps frame: R (gDDIM, K_t = R_t) or L (Cholesky K_t = L_t, the paper's baseline; "
                    + "differs from R for cld only).")
    EpsFrame param;

    @Option(names = "--nfe", paramLabel = "N", defaultValue = "20",
            description = "Budget of network evaluations; the grid gets as many steps as fit.")
    int nfe;

    @Option(names = "--grid", paramLabel = "GRID", completionCandidates = CliEnums.Grids.class,
            description = "Time grid: ${COMPLETION-CANDIDATES} (leading, trailing, linspace: diffusers' integer timesteps, "
                    + "ddpm-* only); file:FILE.json, a grid learned by `gddim ld3`; ld3, the model's shipped learned grid "
                    + "MODEL.ld3-SOLVER-NFE.json. Default: logsnr; quadratic for cld (no scalar noise level).")
    String grid;

    @Option(names = "--force-grid", description = "Use a --grid file: learned for another model, process, solver or NFE.")
    boolean forceGrid;

    @Option(names = "--t-max", paramLabel = "T", converter = FiniteNumber.class, description = "Start time (default: the process' own, e.g. 1 for vp).")
    Double tMax;

    @Option(names = "--t-min", paramLabel = "T", converter = FiniteNumber.class, description = "End time (default: the process' own, e.g. 1e-3 for vp).")
    Double tMin;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the starting noise (sample i's noise depends only on the seed and i).")
    long seed;

    @Option(names = "--init-noise", paramLabel = "FILE.npy",
            description = "Standard-normal draws z of the state's shape, (COUNT, D...) or (COUNT, 2, D...) for cld, to "
                    + "start from instead of --seed (u_T = prior_std(T) * z, per plane for cld).")
    Path initNoise;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "native", converter = CliEnums.Backends.class,
            completionCandidates = CliEnums.Backends.class,
            description = "Where the solver steps run: ${COMPLETION-CANDIDATES} (see `gddim info`).")
    BackendKind backend;

    @Option(names = "--cuda-graph", paramLabel = "WHEN", defaultValue = "auto",
            description = "Replay each batch as one captured CUDA graph: auto (on with --backend cuda), on, off.")
    String cudaGraph;

    @Option(names = "--batch", paramLabel = "B", description = "Samples per batch (default: about 4M floats per buffer).")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "CPU threads of an ONNX model (ONNX Runtime intra-op); 0 = every core.")
    int threads;

    @Mixin
    SchedulerConfigOptions diffusers;

    /**
     * An explicit {@code --lower-order-final} on a solver without that rule is refused, not ignored
     * ({@code --no-lower-order-final} is refused by {@link SolverSpec} itself); {@code flag} is null when not given.
     */
    static void refuseUnusedLowerOrderFinal(Boolean flag, SolverKind kind) {
        if (Boolean.TRUE.equals(flag) && !kind.hasLowerOrderFinal()) {
            throw new JobException("--lower-order-final applies to dpmpp, unipc-* and deis-logrho, not " + kind
                    + " (which has no final-step order rule)");
        }
    }

    private GraphMode graphMode() {
        for (GraphMode m : GraphMode.values()) {
            if (m.toString().equals(cudaGraph)) {
                return m;
            }
        }
        throw new JobException("--cuda-graph must be auto, on or off, got '" + cudaGraph + "'");
    }

    /** The job of these options for {@code count} samples into {@code out}. */
    SampleJob job(long count, Path out, boolean force) {
        ModelSource source = SampleJob.model(model);
        GraphMode graph = graphMode();
        Boolean lowerOrderFinalFlag = lowerOrderFinal;
        SchedulerConfigOptions.Applied d = diffusers.apply(process, solver, order, lowerOrderFinal, grid, model);
        process = d.process();
        solver = d.solver();
        order = d.order();
        lowerOrderFinal = d.lowerOrderFinal();
        refuseUnusedLowerOrderFinal(lowerOrderFinalFlag, solver);
        grid = d.grid();
        SolverSpec solverSpec = d.solverSpec(SampleJob.solver(solver, order, corrector, lowerOrderFinal,
                lambda == null ? Double.NaN : lambda, param));
        GridKind family = null;
        Path gridFile = null;
        if (grid != null && grid.startsWith("file:") && grid.length() > 5) {
            gridFile = Path.of(grid.substring(5));
        } else if ("ld3".equals(grid)) {
            gridFile = ShippedGrids.find(source, solver, nfe);
        } else if (grid != null) {
            try {
                family = new CliEnums.Grids().convert(grid);
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw new JobException("--grid: " + e.getMessage() + ", file:FILE.json or ld3");
            }
        }
        return new SampleJob(process, source, solverSpec, family, d.nfe(solverSpec, nfe), tMax == null ? Double.NaN : tMax,
                d.tMin(solverSpec, nfe, tMin == null ? Double.NaN : tMin), count, seed, initNoise, backend, graph, batch,
                threads, out, force, gridFile, forceGrid, d.schedule());
    }
}
