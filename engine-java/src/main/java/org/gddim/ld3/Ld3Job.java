package org.gddim.ld3;

import java.nio.file.Path;
import org.gddim.backend.BackendKind;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;

/**
 * One {@code gddim ld3} run, validated once: the student (solver, settings, NFE), the teacher (solver, settings,
 * NFE, grid), the data (train + validation pairs from {@code seed}), the training settings, the backend, the
 * teacher cache folder and the output file. What needs files is checked by {@link Ld3Run}.
 */
public record Ld3Job(ProcessKind process, ModelSource model, SolverKind solver, int order, Corrector corrector,
        boolean lowerOrderFinal, int nfe, SolverKind teacherSolver, int teacherOrder, Corrector teacherCorrector,
        int teacherNfe, GridKind teacherGrid, int trainSamples, int valSamples, Ld3Settings settings, BackendKind backend,
        int threads, Path cache, Path out) {
    public Ld3Job {
        if (process == null || model == null || solver == null || teacherSolver == null || teacherGrid == null || out == null) {
            throw new JobException("process, model, solver, teacher solver, teacher grid and --out are required");
        }
        if (backend == BackendKind.CUDA) {
            throw new JobException("ld3 runs on the CPU backends (native, java) in this version");
        }
        if (trainSamples < 1 || valSamples < 1) {
            throw new JobException("--train-samples and --val-samples must be at least 1, got " + trainSamples + " and " + valSamples);
        }
        if (teacherGrid.discrete()) {
            throw new JobException("--teacher-grid " + teacherGrid + " is an integer-timestep spacing; use uniform, quadratic, "
                    + "logsnr or edm");
        }
        if (!process.hasNoiseLevel() && (teacherGrid == GridKind.LOGSNR || teacherGrid == GridKind.EDM)) {
            throw new JobException("the " + teacherGrid + " teacher grid needs a scalar noise level, which " + process
                    + " does not have; use --teacher-grid quadratic or uniform");
        }
        Solver s = create(solver, order, corrector, lowerOrderFinal, "--solver");
        Solver t = create(teacherSolver, teacherOrder, teacherCorrector, true, "--teacher-solver");
        if (s.stepsFor(nfe) < 2) {
            throw new JobException("--nfe " + nfe + " gives " + s.describe() + " " + Math.max(0, s.stepsFor(nfe))
                    + " step(s); LD3 needs at least 2 steps (it learns the interior times)");
        }
        if (t.stepsFor(teacherNfe) < 1) {
            throw new JobException("--teacher-nfe " + teacherNfe + " is below the smallest budget of " + t.describe());
        }
        if (teacherNfe <= nfe) {
            throw new JobException("--teacher-nfe " + teacherNfe + " must exceed the student's --nfe " + nfe
                    + " (the teacher is the many-step solve the student learns to match)");
        }
    }

    /** The student solver. */
    public Solver studentSolver() {
        return create(solver, order, corrector, lowerOrderFinal, "--solver");
    }

    /** The teacher solver. */
    public Solver teacher() {
        return create(teacherSolver, teacherOrder, teacherCorrector, true, "--teacher-solver");
    }

    private static Solver create(SolverKind kind, int order, Corrector corrector, boolean lowerOrderFinal, String flag) {
        if (kind == SolverKind.EM || kind == SolverKind.SSCS) {
            throw new JobException(flag + " " + kind + " samples the reverse SDE; LD3 learns grids of deterministic solvers "
                    + "(the probability-flow ODE), e.g. gddim, dpmpp, unipc-bh2, ipndm, ddim");
        }
        try {
            return kind.create(order, corrector, lowerOrderFinal);
        } catch (IllegalArgumentException e) {
            throw new JobException(flag + ": " + e.getMessage());
        }
    }
}
