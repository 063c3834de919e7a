package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gddim.backend.BackendKind;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.ld3.GridOptimiser;
import org.gddim.ld3.Ld3Job;
import org.gddim.ld3.Ld3Listener;
import org.gddim.ld3.Ld3Run;
import org.gddim.ld3.Ld3Settings;
import org.gddim.ld3.SoftBall;
import org.gddim.ld3.TeacherCache;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.SolverKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gddim ld3}: learn a solver's time grid for a model (LD3, docs/ld3.md) and write grid.json. */
@Command(name = "ld3", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        showDefaultValues = true, description = {"Learn the N+1 times of an N-NFE solve (LD3, Tong et al. 2025) so that its "
                + "endpoints match a many-NFE teacher's from the same noise; write them to FILE.json for `gddim sample "
                + "--grid file:FILE.json`. Teacher pairs are cached in --cache, so a second run starts in seconds.%n"})
final class Ld3Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--process", paramLabel = "PROCESS", defaultValue = "vp", converter = CliEnums.Processes.class,
            completionCandidates = CliEnums.Processes.class, description = "Forward process: ${COMPLETION-CANDIDATES}.")
    ProcessKind process;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "default",
            description = "Score model: default, gmm:FILE.json or onnx:FILE.onnx (as in `gddim sample`).")
    String model;

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "dpmpp", converter = CliEnums.Solvers.class,
            completionCandidates = CliEnums.Solvers.class,
            description = "Student solver (deterministic): ${COMPLETION-CANDIDATES}.")
    SolverKind solver;

    @Option(names = "--order", paramLabel = "Q", description = "Student order (as in `gddim sample`; default: the solver's).")
    Integer order;

    @Option(names = "--corrector", paramLabel = "MODE", converter = CliEnums.Correctors.class,
            completionCandidates = CliEnums.Correctors.class,
            description = "Student corrector: ${COMPLETION-CANDIDATES} (default: pec for unipc-*, none otherwise).")
    Corrector corrector;

    @Option(names = "--lower-order-final", negatable = true,
            description = "dpmpp, unipc-* and deis-logrho: lower the order of the last steps. Default: on.")
    Boolean lowerOrderFinal;

    @Option(names = "--nfe", paramLabel = "N", defaultValue = "5", description = "Student NFE budget.")
    int nfe;

    @Option(names = "--teacher-solver", paramLabel = "SOLVER", defaultValue = "unipc-bh2", converter = CliEnums.Solvers.class,
            description = "Teacher solver (deterministic).")
    SolverKind teacherSolver;

    @Option(names = "--teacher-order", paramLabel = "Q", description = "Teacher order (default: the solver's).")
    Integer teacherOrder;

    @Option(names = "--teacher-nfe", paramLabel = "N", defaultValue = "20", description = "Teacher NFE budget.")
    int teacherNfe;

    @Option(names = "--teacher-grid", paramLabel = "GRID", converter = CliEnums.Grids.class,
            description = "Teacher grid (default: edm for edm, logsnr for other processes with a noise level, quadratic else).")
    GridKind teacherGrid;

    @Option(names = "--train-samples", paramLabel = "S", defaultValue = "50", description = "Training pairs.")
    int trainSamples;

    @Option(names = "--val-samples", paramLabel = "V", defaultValue = "50", description = "Validation pairs.")
    int valSamples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the pairs' noise (samples 0..S+V-1) and of the optimiser.")
    long seed;

    @Option(names = "--optimiser", paramLabel = "NAME", defaultValue = "cmaes",
            description = "cmaes (derivative-free, Hipparchus) or fd-rmsprop (finite-difference gradients, RMSprop).")
    String optimiser;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "4",
            description = "Optimiser restarts from the best checkpoint (the first on the logits only).")
    int rounds;

    @Option(names = "--evaluations", paramLabel = "E", defaultValue = "300",
            description = "Training-loss evaluations (solves of the training set) per round.")
    int evaluations;

    @Option(names = "--patience", paramLabel = "P", defaultValue = "8",
            description = "Iterations without a better validation loss that end a round.")
    int patience;

    @Option(names = "--hard", description = "Hard loss: no soft ball around the training noise (default: soft, r = 0.001 D/N^2).")
    boolean hard;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "native", converter = CliEnums.Backends.class,
            completionCandidates = CliEnums.Backends.class, description = "Where the solver steps run: native or java.")
    BackendKind backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "CPU threads of an ONNX model; 0 = every core.")
    int threads;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Teacher-pair cache (default: $XDG_CACHE_HOME/gddim/ld3, or ~/.cache/gddim/ld3).")
    Path cache;

    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "The learned grid (written atomically).")
    Path out;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "Progress bar on stderr: auto (a bar on a terminal, plain lines otherwise), on, off.")
    String progress;

    @Override
    public Integer call() throws IOException {
        GridOptimiser opt;
        try {
            opt = GridOptimiser.named(optimiser);
        } catch (IllegalArgumentException e) {
            throw new JobException("--optimiser: " + e.getMessage());
        }
        Ld3Settings settings;
        try {
            settings = new Ld3Settings(opt, rounds, Math.min(1, rounds - 1), evaluations, patience, 0.5, !hard, 4,
                    SoftBall.GAMMA, seed);
        } catch (IllegalArgumentException e) {
            throw new JobException("--rounds, --evaluations, --patience must be at least 1: " + e.getMessage());
        }
        JobOptions.refuseUnusedLowerOrderFinal(lowerOrderFinal, solver);
        GridKind tg = teacherGrid != null ? teacherGrid : process == ProcessKind.EDM ? GridKind.EDM
                : process.hasNoiseLevel() ? GridKind.LOGSNR : GridKind.QUADRATIC;
        Ld3Job job = new Ld3Job(process, ModelSource.parse(model), solver, order != null ? order : solver.defaultOrder(),
                corrector != null ? corrector : solver.defaultCorrector(), lowerOrderFinal == null || lowerOrderFinal, nfe,
                teacherSolver, teacherOrder != null ? teacherOrder : teacherSolver.defaultOrder(),
                teacherSolver.defaultCorrector(), teacherNfe, tg, trainSamples, valSamples, settings, backend, threads,
                cache != null ? cache : TeacherCache.defaultDir(System.getenv()), out);
        var err = spec.commandLine().getErr();
        Ld3Listener listener = switch (progress) {
            case "on" -> new Ld3Progress(null);
            case "off" -> Ld3Listener.NONE;
            case "auto" -> ProgressListener.interactive() ? new Ld3Progress(null) : new Ld3Progress(err);
            default -> throw new JobException("--progress must be auto, on or off, got '" + progress + "'");
        };
        Ld3Run.Result r = Ld3Run.execute(job, listener);
        var w = spec.commandLine().getOut();
        w.printf("teacher pairs: %s (%s, %.1f s)%n", r.teacherFile(), r.teacherCached() ? "cached" : "generated", r.teacherSeconds());
        w.printf("validation loss %.4e -> %.4e (initial grid -> learned) after %d evaluations, %.1f s of training%n",
                r.training().initialValLoss(), r.training().bestValLoss(), r.training().evaluations(), r.training().seconds());
        w.printf("solver times  %s%n", java.util.Arrays.toString(r.grid().solverTimes()));
        w.printf("network times %s%n", java.util.Arrays.toString(r.grid().networkTimes()));
        w.printf("wrote %s (%.1f s)%n", out, r.seconds());
        return 0;
    }
}
