package org.gddim.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.model.DataMarginal;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.Process;
import org.gddim.reference.ProbabilityFlowReference;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Deterministic and stochastic samplers on one footing, on an exact GMM oracle: every method starts from the same
 * N prior draws (Philox), runs on the backend as {@code gddim sample} runs it, and is scored by the Fréchet
 * distance (FD) between the sample moments of its data plane at t_min (CLD's x, BDM's DCT coefficients, which
 * have the pixels' FD) and the exact moments there ({@link GmmScore#dataMarginal}). The FD of N exact samples is
 * the floor that sampling noise alone gives. Deterministic methods also get their median per-sample relative
 * end-point error against the Dormand-Prince reference (tol 1e-10) on the first {@code pathwise} samples.
 */
public final class DistributionStudy {
    private DistributionStudy() {}

    /** A method to run: its table name, the solver, and whether it is deterministic (then it gets a path error). */
    public record Method(String name, org.gddim.solver.Solver solver, boolean deterministic) {}

    /** Entries NaN where the budget is below the method's minimum or the metric does not apply. */
    public record Row(String method, int[] usedNfe, double[] fd, double[] pathError, double seconds) {}

    public record Result(List<Row> rows, int[] nfe, double floorFd, double exactTrace, int samples, int pathwise,
            long seed, double referenceSeconds) {}

    public static Result run(Process process, GaussianMixture gmm, GridKind gridKind, List<Method> methods, int[] nfes,
            int samples, int pathwise, long seed, BackendKind backendKind) {
        GmmScore score = new GmmScore(gmm, process);
        int dim = score.stateShape().size();
        int d = gmm.dim();
        double tMax = process.defaultTMax();
        double tMin = process.defaultTMin();
        float[] start = new float[samples * dim];
        GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, samples, dim, start, 0);
        for (int i = 0; i < start.length; i++) {
            start[i] *= (float) process.priorStd(tMax, (i % dim) / d);
        }
        DataMarginal exact = score.dataMarginal(tMin);
        double[] mu = exact.mean();
        double[][] cov = exact.covariance();
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        float[] exactSamples = sample(exact, samples, seed);
        double floor = FrechetDistance.of(FrechetDistance.mean(exactSamples, samples, d),
                FrechetDistance.covariance(exactSamples, samples, d), mu, cov);
        long t0 = System.nanoTime();
        double[] ref = null;
        boolean anyDeterministic = methods.stream().anyMatch(Method::deterministic);
        if (pathwise > 0 && anyDeterministic) {
            double[] head = new double[pathwise * dim];
            for (int i = 0; i < head.length; i++) {
                head[i] = start[i];
            }
            ref = new ProbabilityFlowReference(process, score, 1e-10).solve(head, pathwise, tMax, tMin);
        }
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        List<Row> rows = new ArrayList<>();
        try (Backend backend = Backends.open(backendKind)) {
            for (Method m : methods) {
                long t1 = System.nanoTime();
                int[] used = new int[nfes.length];
                double[] fd = new double[nfes.length];
                double[] path = new double[nfes.length];
                for (int i = 0; i < nfes.length; i++) {
                    fd[i] = Double.NaN;
                    path[i] = Double.NaN;
                    if (nfes[i] < m.solver().minNfe()) {
                        continue;
                    }
                    TimeGrid grid = TimeGrids.make(gridKind, process, tMax, tMin, m.solver().stepsFor(nfes[i]));
                    Plan plan = m.solver().plan(process, grid);
                    used[i] = plan.nfe();
                    SamplerState state = new SamplerState(backend, plan, samples, dim);
                    backend.write(state.u(), 0, start);
                    state.keyNoise(seed, 0);
                    Sampler.run(plan, score, backend, state, StepObserver.NONE);
                    float[] u = new float[samples * dim];
                    backend.read(state.u(), 0, u);
                    float[] data = new float[samples * d];
                    for (int b = 0; b < samples; b++) {
                        System.arraycopy(u, b * dim, data, b * d, d);
                    }
                    fd[i] = FrechetDistance.of(FrechetDistance.mean(data, samples, d), FrechetDistance.covariance(data, samples, d),
                            mu, cov);
                    if (ref != null && m.deterministic()) {
                        path[i] = medianRelativeError(data, ref, pathwise, d, dim);
                    }
                }
                rows.add(new Row(m.name(), used, fd, path, (System.nanoTime() - t1) / 1e9));
            }
        }
        return new Result(rows, nfes.clone(), floor, trace, samples, ref == null ? 0 : pathwise, seed, refSeconds);
    }

    /**
     * The median over the first {@code count} samples of {@code ||x - ref|| / ||ref||} on the data plane (robust to
     * the few samples that a small error sends to another mode; quality.md's VP study shows both).
     */
    static double medianRelativeError(float[] data, double[] ref, int count, int d, int dim) {
        double[] per = new double[count];
        for (int b = 0; b < count; b++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < d; i++) {
                double r = ref[b * dim + i];
                double e = data[b * d + i] - r;
                num += e * e;
                den += r * r;
            }
            per[b] = Math.sqrt(num / den);
        }
        java.util.Arrays.sort(per);
        return per[count / 2];
    }

    /** {@code count} exact draws of the mixture (component by weight, then its Cholesky factor), seeded. */
    static float[] sample(DataMarginal law, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int k = law.weights().length;
        int d = law.means()[0].length;
        RealMatrix[] l = new RealMatrix[k];
        for (int c = 0; c < k; c++) {
            RealMatrix m = new Array2DRowRealMatrix(law.covariances()[c]);
            l[c] = new CholeskyDecomposition(m.add(m.transpose()).scalarMultiply(0.5), 1e-10, 1e-300).getL();
        }
        float[] out = new float[count * d];
        double[] z = new double[d];
        for (int b = 0; b < count; b++) {
            double r = rng.nextDouble();
            int c = 0;
            while (c < k - 1 && (r -= law.weights()[c]) > 0) {
                c++;
            }
            for (int i = 0; i < d; i++) {
                z[i] = rng.nextGaussian();
            }
            double[] x = l[c].operate(z);
            for (int i = 0; i < d; i++) {
                out[b * d + i] = (float) (law.means()[c][i] + x[i]);
            }
        }
        return out;
    }
}
