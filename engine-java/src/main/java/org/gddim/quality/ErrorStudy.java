package org.gddim.quality;

import java.util.ArrayList;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.backend.BackendKind;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.ScalarProcess;
import org.gddim.reference.ProbabilityFlowReference;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;

/**
 * End-point error of every (method, grid, NFE) against the Dormand-Prince reference of the probability-flow
 * ODE (tolerance 1e-11) from the same Philox noise; the solvers run on the chosen backend exactly as
 * {@code gddim sample} runs them. Three statistics: the relative RMS error {@code ||x - x_ref|| / ||x_ref||}
 * over all samples; the median over samples of the per-sample relative error; and the number of mode flips,
 * samples whose most responsible mixture component at t_min differs from the reference's. On multimodal data
 * a few samples near a boundary between modes land in another mode at low NFE; each flip adds an O(1) error,
 * so the RMS is dominated by flips while the median shows the typical sample.
 */
public final class ErrorStudy {
    private ErrorStudy() {}

    /** Errors of one method on one grid; entries are NaN (flips -1) where the budget is below the method's minimum. */
    public record Row(String method, GridKind grid, int[] nfe, int[] usedNfe, double[] rms, double[] median, int[] flips) {}

    public record Result(List<Row> rows, int samples, long seed, double referenceSeconds, double solverSeconds) {}

    public static Result run(ScalarProcess process, GaussianMixture gmm, List<MethodSpec> methods, List<GridKind> grids,
            int[] nfes, int samples, long seed, BackendKind backendKind) {
        GmmScore score = new GmmScore(gmm, process);
        int dim = gmm.dim();
        double tMax = process.defaultTMax();
        double tMin = process.defaultTMin();
        float[] z = new float[samples * dim];
        GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, samples, dim, z, 0);
        double[] xT = new double[z.length];
        float[] start = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            start[i] = (float) (process.priorStd(tMax) * z[i]);
            xT[i] = start[i];
        }
        long t0 = System.nanoTime();
        double[] ref = new ProbabilityFlowReference(process, score, 1e-11).solve(xT, samples, tMax, tMin);
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        GmmScore.Evaluator ev = score.evaluator();
        int[] refMode = new int[samples];
        for (int s = 0; s < samples; s++) {
            refMode[s] = ev.component(java.util.Arrays.copyOfRange(ref, s * dim, (s + 1) * dim), tMin);
        }
        List<Row> rows = new ArrayList<>();
        long t1 = System.nanoTime();
        try (Backend backend = Backends.open(backendKind)) {
            for (GridKind grid : grids) {
                for (MethodSpec m : methods) {
                    double[] rms = new double[nfes.length];
                    double[] median = new double[nfes.length];
                    int[] flips = new int[nfes.length];
                    int[] used = new int[nfes.length];
                    for (int i = 0; i < nfes.length; i++) {
                        if (nfes[i] < m.solver().minNfe()) {
                            rms[i] = Double.NaN;
                            median[i] = Double.NaN;
                            flips[i] = -1;
                            continue;
                        }
                        TimeGrid g = TimeGrids.make(grid, process, tMax, tMin, m.solver().stepsFor(nfes[i]));
                        Plan plan = m.solver().plan(process, g);
                        used[i] = plan.nfe();
                        SamplerState state = new SamplerState(backend, plan, samples, dim);
                        backend.write(state.u(), 0, start);
                        Sampler.run(plan, score, backend, state, StepObserver.NONE);
                        float[] x = new float[start.length];
                        backend.read(state.u(), 0, x);
                        rms[i] = relativeRms(x, ref);
                        double[] per = new double[samples];
                        double[] row = new double[dim];
                        for (int s = 0; s < samples; s++) {
                            double num = 0;
                            double den = 0;
                            for (int j = 0; j < dim; j++) {
                                row[j] = x[s * dim + j];
                                num += (row[j] - ref[s * dim + j]) * (row[j] - ref[s * dim + j]);
                                den += ref[s * dim + j] * ref[s * dim + j];
                            }
                            per[s] = Math.sqrt(num / den);
                            flips[i] += ev.component(row, tMin) == refMode[s] ? 0 : 1;
                        }
                        java.util.Arrays.sort(per);
                        median[i] = per[samples / 2];
                    }
                    rows.add(new Row(m.name(), grid, nfes.clone(), used, rms, median, flips));
                }
            }
        }
        return new Result(rows, samples, seed, refSeconds, (System.nanoTime() - t1) / 1e9);
    }

    static double relativeRms(float[] x, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - ref[i]) * (x[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }
}
