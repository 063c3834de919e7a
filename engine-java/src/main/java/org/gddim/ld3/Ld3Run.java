package org.gddim.ld3;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.io.AtomicFiles;
import org.gddim.job.EngineVersion;
import org.gddim.job.JobException;
import org.gddim.job.ModelSetup;
import org.gddim.job.ModelSource;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.model.OnnxScoreModel;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;
import org.gddim.schedule.GridFile;

/**
 * Executes an {@link Ld3Job}: opens the model and the process, gets the teacher pairs (from the cache, or runs the
 * teacher and stores them), trains, and writes {@code grid.json} atomically. Every input is checked before the
 * teacher runs; nothing is written on a refusal.
 */
public final class Ld3Run {
    private Ld3Run() {}

    /** What a run produced. */
    public record Result(GridFile grid, Ld3Trainer.Result training, boolean teacherCached, Path teacherFile,
            double teacherSeconds, double seconds) {}

    public static Result execute(Ld3Job job, Ld3Listener listener) throws IOException {
        long start = System.nanoTime();
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), "learn its grid");
        Process process = setup.process();
        GaussianMixture gmm = setup.gmm();
        String hash = (job.model().sha256());
        try (Backend backend = Backends.open(job.backend())) {
            OnnxScoreModel network = null;
            try {
                ScoreModel model;
                if (job.model() instanceof ModelSource.OnnxFile f) {
                    network = OnnxScoreModel.open(f.file(), process, job.threads() > 0 ? job.threads()
                            : Runtime.getRuntime().availableProcessors());
                    model = network.scoreModel(backend);
                } else {
                    model = new GmmScore(gmm, process);
                }
                return learn(job, process, model, backend, hash, listener, start);
            } finally {
                if (network != null) {
                    network.close();
                }
            }
        } catch (IOException e) {
            throw new IOException(AtomicFiles.describe(e), e);
        }
    }

    private static Result learn(Ld3Job job, Process process, ScoreModel model, Backend backend, String hash,
            Ld3Listener listener, long start) throws IOException {
        double tMax = process.defaultTMax();
        double tMin = process.defaultTMin();
        Solver solver = job.studentSolver();
        Solver teacher = job.teacher();
        LogitGrid grid = LogitGrid.of(process, tMax, tMin, solver.stepsFor(job.nfe()));
        Plan teacherPlan;
        TimeGrid teacherGrid;
        try {
            Plan first = solver.plan(process, grid.grid(Ld3Parameters.initial(grid.steps()).theta()));
            if (first.stochastic()) {
                throw new JobException(solver.describe() + " adds noise; LD3 learns grids of deterministic solvers");
            }
            teacherGrid = TimeGrids.make(job.teacherGrid(), process, tMax, tMin, teacher.stepsFor(job.teacherNfe()));
            teacherPlan = teacher.plan(process, teacherGrid);
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage(), e);
        }
        if (teacherPlan.stochastic()) {
            throw new JobException("--teacher-solver " + teacher.describe() + " adds noise; the teacher must solve the ODE");
        }
        Endpoints endpoints = new Endpoints(process, model, backend, tMax);
        Map<String, Object> teacherInfo = new LinkedHashMap<>();
        teacherInfo.put("solver", job.teacherSolver().toString());
        teacherInfo.put("order", job.teacherOrder());
        teacherInfo.put("corrector", job.teacherCorrector().toString());
        teacherInfo.put("method", teacher.describe());
        teacherInfo.put("nfe", teacherPlan.nfe());
        teacherInfo.put("grid", job.teacherGrid().toString());
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("format", "gddim-ld3-teacher/1");
        key.put("model_sha256", hash);
        key.put("process", process.name());
        key.put("t_max", tMax);
        key.put("t_min", tMin);
        key.put("teacher", teacherInfo);
        key.put("teacher_times", teacherGrid.t());
        key.put("seed", job.settings().seed());
        key.put("count", job.trainSamples() + job.valSamples());
        key.put("backend", job.backend().toString());
        long t0 = System.nanoTime();
        TeacherCache.Lookup pairs = new TeacherCache(job.cache()).get(key, () -> TeacherPairs.generate(endpoints, teacherPlan,
                job.settings().seed(), job.trainSamples() + job.valSamples()));
        double teacherSeconds = (System.nanoTime() - t0) / 1e9;
        TeacherPairs train = pairs.pairs().slice(0, job.trainSamples());
        TeacherPairs val = pairs.pairs().slice(job.trainSamples(), job.valSamples());
        Student student = new Student(process, solver, grid, endpoints);
        Ld3Trainer.Result r = Ld3Trainer.train(student, train, val, job.settings(), listener);
        double seconds = (System.nanoTime() - start) / 1e9;
        GridFile file = new GridFile(process.name(), job.model().toString(), hash, job.solver().toString(), job.order(),
                job.corrector().toString(), job.lowerOrderFinal(), solver.describe(), job.nfe(), grid.mode().toString(),
                student.solverTimes(r.best()), student.networkTimes(r.best()), r.best().theta(), r.best().s(),
                info(job, teacherInfo, r, pairs.cached(), teacherSeconds, seconds));
        file.write(job.out());
        return new Result(file, r, pairs.cached(), pairs.file(), teacherSeconds, seconds);
    }

    private static Map<String, Object> info(Ld3Job job, Map<String, Object> teacher, Ld3Trainer.Result r, boolean cached,
            double teacherSeconds, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("teacher", teacher);
        Map<String, Object> t = new LinkedHashMap<>();
        Ld3Settings s = job.settings();
        t.put("train_samples", job.trainSamples());
        t.put("val_samples", job.valSamples());
        t.put("seed", s.seed());
        t.put("distance", "l2 (mean squared error per data dimension)");
        t.put("optimiser", s.optimiser().describe());
        t.put("rounds", s.rounds());
        t.put("logit_rounds", s.logitRounds());
        t.put("evaluations_per_round", s.evaluationsPerRound());
        t.put("patience", s.patience());
        t.put("soft", s.soft());
        t.put("gamma", s.gamma());
        t.put("radius", r.radius());
        t.put("initial_train_loss", r.initialTrainLoss());
        t.put("initial_val_loss", r.initialValLoss());
        t.put("best_val_loss", r.bestValLoss());
        t.put("evaluations", r.evaluations());
        t.put("teacher_cached", cached);
        t.put("teacher_seconds", teacherSeconds);
        t.put("training_seconds", r.seconds());
        t.put("wall_seconds", seconds);
        List<Map<String, Object>> history = new ArrayList<>();
        for (Ld3Trainer.Iteration it : r.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("iteration", it.iteration());
            h.put("round", it.round());
            h.put("train_loss", it.trainLoss());
            h.put("val_loss", it.valLoss());
            h.put("evaluations", it.evaluations());
            h.put("seconds", it.seconds());
            history.add(h);
        }
        t.put("history", history);
        m.put("training", t);
        EngineVersion v = EngineVersion.current();
        m.put("engine", Map.of("version", v.version(), "commit", v.commit()));
        m.put("created", Instant.now().toString());
        return m;
    }
}
