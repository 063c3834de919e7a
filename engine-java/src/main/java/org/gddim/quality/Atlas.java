package org.gddim.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gddim.backend.Backend;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.ScalarProcess;
import org.gddim.process.DiscreteVp;
import org.gddim.reference.ProbabilityFlowReference;
import org.gddim.reference.RhoFrameReference;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.Solver;
import org.gddim.solver.StepObserver;

/**
 * One page of the quality atlas: an exact Gaussian-mixture oracle under one scalar process. Every sample starts
 * from an exact draw of the diffused mixture at the grid's start time ({@link ExactSamples}; one draw per start
 * time from the same seed, so starts at different times share components and noise), not from the prior
 * {@code N(0, sigma_T^2 I)}: the exact flow then carries the start set to an exact draw at t_min, and SW2 to the
 * exact target set measures the solver alone (from the prior, the few tenths of a percent of mass that the
 * prior puts in the wrong mode cost more SW2 than the sampling noise). It holds the target set with its
 * {@link SlicedWasserstein} estimator and noise floor, and the Dormand-Prince references of the probability-flow
 * ODE from the same starts (once per start time: diffusers' leading spacing does not start at T; in the rho frame
 * for discrete schedules, {@link RhoFrameReference}). {@link #evaluate} runs a solver on the backend exactly as {@code gddim sample} does
 * and reports the relative RMS end-point error, the median per-sample relative error and SW2 to the exact set.
 */
public final class Atlas {
    /** A solver's result at one budget; NaN where the budget is below the method's minimum. */
    public record Cell(int nfe, int steps, double error, double median, double sw) {
        static final Cell NONE = new Cell(0, 0, Double.NaN, Double.NaN, Double.NaN);
        /** The method refused the grid or could not plan it (a quadrature that does not converge, say). */
        static final Cell FAILED = new Cell(-1, 0, Double.NaN, Double.NaN, Double.NaN);

        public boolean ran() {
            return nfe > 0;
        }

        public boolean failed() {
            return nfe < 0;
        }
    }

    private final GaussianMixture gmm;
    private final ScalarProcess process;
    private final GmmScore score;
    private final Backend backend;
    private final int samples;
    private final double tol;
    private final long seed;
    private final Map<Double, float[]> starts = new HashMap<>();
    private final SlicedWasserstein distance;
    private final double floor;
    private final double floorSd;
    private final Map<Double, double[]> references = new HashMap<>();
    private double referenceSeconds;

    /**
     * @param samples sample count of every set (start noise, exact target, noise-floor set)
     * @param directions SW directions
     * @param tol DOP853 tolerance of the references
     */
    public Atlas(GaussianMixture gmm, ScalarProcess process, Backend backend, int samples, long seed, int directions, double tol) {
        this.gmm = gmm;
        this.process = process;
        this.score = new GmmScore(gmm, process);
        this.backend = backend;
        this.samples = samples;
        this.tol = tol;
        this.seed = seed;
        int d = gmm.dim();
        double tMin = process.defaultTMin();
        this.distance = new SlicedWasserstein(ExactSamples.draw(gmm, process, tMin, samples, seed + 1), d, directions, seed + 2);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < FLOOR_SETS; i++) {
            double v = distance.distance(ExactSamples.draw(gmm, process, tMin, samples, seed + 3 + i));
            sum += v;
            sum2 += v * v;
        }
        this.floor = sum / FLOOR_SETS;
        this.floorSd = Math.sqrt(Math.max(0, sum2 / FLOOR_SETS - floor * floor));
    }

    /** Independent exact sets whose SW2 to the target give the noise floor. */
    public static final int FLOOR_SETS = 8;

    /**
     * The noise floor: the mean SW2 from {@link #FLOOR_SETS} independent exact sets of this size to the target set,
     * what an exact sampler would score. A single pair is a noisy draw of it ({@link #floorSd}).
     */
    public double floor() {
        return floor;
    }

    /** The standard deviation of those SW2 values: the noise of every SW2 figure of the page. */
    public double floorSd() {
        return floorSd;
    }

    public ScalarProcess process() {
        return process;
    }

    public int samples() {
        return samples;
    }

    /** Seconds spent on references so far. */
    public double referenceSeconds() {
        return referenceSeconds;
    }

    /** The grid of {@code kind} for {@code steps} steps over the process' default range. */
    public TimeGrid grid(GridKind kind, int steps) {
        return TimeGrids.make(kind, process, process.defaultTMax(), process.defaultTMin(), steps);
    }

    /** {@code solver} with the most steps of {@code kind} that fit {@code nfe}. */
    public Cell evaluate(Solver solver, GridKind kind, int nfe) {
        if (nfe < solver.minNfe()) {
            return Cell.NONE;
        }
        try {
            return evaluate(solver, grid(kind, solver.stepsFor(nfe)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            System.err.println(solver.describe() + " on the " + kind + " grid at NFE " + nfe + ": " + e.getMessage());
            return Cell.FAILED;
        }
    }

    /** {@code solver} on {@code grid}; diverged runs give infinite errors. */
    public Cell evaluate(Solver solver, TimeGrid grid) {
        Plan plan = solver.plan(process, grid);
        double[] ref = reference(grid.at(0));
        float[] start = start(grid.at(0));
        SamplerState state = new SamplerState(backend, plan, samples, gmm.dim());
        backend.write(state.u(), 0, start);
        Sampler.run(plan, score, backend, state, StepObserver.NONE);
        float[] x = new float[start.length];
        backend.read(state.u(), 0, x);
        int d = gmm.dim();
        double num = 0;
        double den = 0;
        double[] per = new double[samples];
        boolean finite = true;
        for (int s = 0; s < samples; s++) {
            double n = 0;
            double r = 0;
            for (int j = s * d; j < (s + 1) * d; j++) {
                finite &= Float.isFinite(x[j]);
                n += (x[j] - ref[j]) * (x[j] - ref[j]);
                r += ref[j] * ref[j];
            }
            num += n;
            den += r;
            per[s] = Math.sqrt(n / r);
        }
        if (!finite) {
            return new Cell(plan.nfe(), grid.steps(), Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        java.util.Arrays.sort(per);
        return new Cell(plan.nfe(), grid.steps(), Math.sqrt(num / den), per[samples / 2], distance.distance(x));
    }

    /** The start set at time {@code t0}: an exact draw of the diffused mixture, in float32 as a run holds it. */
    private float[] start(double t0) {
        return starts.computeIfAbsent(t0, t -> {
            double[] x = ExactSamples.draw(gmm, process, t, samples, seed);
            float[] f = new float[x.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) x[i];
            }
            return f;
        });
    }

    private double[] reference(double t0) {
        return references.computeIfAbsent(t0, t -> {
            long begin = System.nanoTime();
            float[] start = start(t);
            double[] xT = new double[start.length];
            for (int i = 0; i < xT.length; i++) {
                xT[i] = start[i];
            }
            double[] ref = process instanceof DiscreteVp // piecewise in t: integrate where the flow is smooth
                    ? new RhoFrameReference(process, score, tol).solve(xT, samples, t, process.defaultTMin())
                    : new ProbabilityFlowReference(process, score, tol).solve(xT, samples, t, process.defaultTMin());
            referenceSeconds += (System.nanoTime() - begin) / 1e9;
            return ref;
        });
    }

    /** Every method on every grid at every budget: {@code rows[grid][method][nfe]}. */
    public List<List<Cell[]>> matrix(List<GridKind> grids, List<MethodSpec> methods, int[] nfes) {
        List<List<Cell[]>> out = new ArrayList<>();
        for (GridKind g : grids) {
            List<Cell[]> rows = new ArrayList<>();
            for (MethodSpec m : methods) {
                Cell[] cells = new Cell[nfes.length];
                for (int i = 0; i < nfes.length; i++) {
                    cells[i] = evaluate(m.solver(), g, nfes[i]);
                }
                rows.add(cells);
            }
            out.add(rows);
        }
        return out;
    }
}
