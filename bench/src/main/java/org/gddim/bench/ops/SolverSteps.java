package org.gddim.bench.ops;

import java.util.ArrayList;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Vp;
import org.gddim.quality.MethodSpec;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Op;
import org.gddim.solver.Plan;

/**
 * One grid step of a solver as the engine runs it, for the per-solver benchmark: the solver's real plan (VP
 * linear, logSNR grid, {@link #STEPS} steps) and, of its steady-state step {@link #STEP}, every fused step
 * between the model calls (the calls themselves are not timed). Buffers are the plan's own table, so the steps
 * read and write exactly what they do in a run. Memory traffic: each fused step reads its source and k terms
 * and writes its destination, 4 (k + 2) bytes per element; a step whose destination is not its source (DPM-Solver++'s
 * data prediction, a Runge-Kutta stage) also pays the write-allocate read of that line on a CPU.
 */
public final class SolverSteps {
    public static final int STEPS = 20;
    public static final int STEP = 10;

    /** Solvers of the benchmark: {@code @Param} name and the method (gddim quality syntax). */
    public static final List<String[]> SOLVERS = List.of(
            new String[] {"ddim", "ddim"}, new String[] {"euler", "euler"}, new String[] {"edm-heun", "edm-heun"},
            new String[] {"prk", "prk"}, new String[] {"plms", "plms"}, new String[] {"ipndm4", "ipndm:4"},
            new String[] {"deis-tab3", "deis-tab:3"}, new String[] {"deis-rhork3", "deis-rhork:3"},
            new String[] {"dpmpp2m", "dpmpp:2"}, new String[] {"dpmpp3m", "dpmpp:3"},
            new String[] {"unipc2-bh2", "unipc-bh2:2"}, new String[] {"unipc3-bh1", "unipc-bh1:3"});

    private final String name;
    private final ScalarProcess process;
    private final Plan plan;
    private final List<Op.Step> steps;

    private SolverSteps(String name, ScalarProcess process, Plan plan, List<Op.Step> steps) {
        this.name = name;
        this.process = process;
        this.plan = plan;
        this.steps = steps;
    }

    /** The steady-state step of the solver named {@code param} (a {@link #SOLVERS} name). */
    public static SolverSteps of(String param) {
        String method = SOLVERS.stream().filter(s -> s[0].equals(param)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown solver '" + param + "'"))[1];
        var solver = MethodSpec.parse(method).solver();
        boolean edmFrame = param.equals("euler") || param.equals("edm-heun");
        ScalarProcess p = edmFrame ? Edm.standard() : Vp.linear();
        GridKind kind = edmFrame ? GridKind.EDM : GridKind.LOGSNR;
        TimeGrid grid = TimeGrids.make(kind, p, p.defaultTMax(), p.defaultTMin(), STEPS);
        Plan plan = solver.plan(p, grid);
        int perStep = (solver.plan(p, TimeGrids.make(kind, p, p.defaultTMax(), p.defaultTMin(), 2 * STEPS)).nfe() - plan.nfe())
                / STEPS;
        List<Op> ops = plan.ops();
        int first = -1; // the last call at t[STEP]: a Runge-Kutta step's final stage also evaluates there
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof Op.Eval e && e.t() == grid.at(STEP)) {
                first = i;
            }
        }
        List<Op.Step> steps = new ArrayList<>();
        int evals = 0;
        for (int i = first; i < ops.size(); i++) {
            if (ops.get(i) instanceof Op.Eval && ++evals > perStep) {
                break;
            }
            if (ops.get(i) instanceof Op.Step s) {
                steps.add(s);
            }
        }
        return new SolverSteps(param, p, plan, steps);
    }

    public String name() {
        return name;
    }

    public ScalarProcess process() {
        return process;
    }

    public Plan plan() {
        return plan;
    }

    /** The fused steps of one grid step, in order. */
    public List<Op.Step> steps() {
        return steps;
    }

    /** Bytes per element of one grid step, each read and write counted once: sum of 4 (k + 2). */
    public int usefulBytes() {
        return steps.stream().mapToInt(s -> 4 * (s.terms().length + 2)).sum();
    }

    /** Fused steps whose destination is not their source (each also pays a write-allocate read). */
    public int outOfPlace() {
        return (int) steps.stream().filter(s -> s.dst() != s.src()).count();
    }

    /** The plan's buffer table, each of {@code n} floats filled from its own seed. */
    public Buffer[] allocate(Backend backend, long n) {
        Buffer[] b = new Buffer[plan.buffers()];
        for (int i = 0; i < b.length; i++) {
            b[i] = BenchData.filled(backend, n, BenchData.EPS_SEED + 31L * i);
        }
        return b;
    }

    /** Runs the grid step's fused steps on {@code buffers}. */
    public void run(Backend backend, Buffer[] buffers, long n) {
        for (Op.Step s : steps) {
            Buffer[] terms = new Buffer[s.terms().length];
            for (int j = 0; j < terms.length; j++) {
                terms[j] = buffers[s.terms()[j]];
            }
            backend.step(plan.structure(), n, buffers[s.dst()], buffers[s.src()], s.psi(), terms, s.c(), terms.length, null, null);
        }
    }
}
