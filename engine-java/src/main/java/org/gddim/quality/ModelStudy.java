package org.gddim.quality;

import java.util.ArrayList;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.model.ScoreModel;
import org.gddim.process.ScalarProcess;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;

/**
 * Sample quality and speed of a trained image model: for each (method, NFE), {@code n} samples from the same
 * Philox noise, their Frechet distance in a classifier's feature space against the real data's statistics, and
 * the sampling throughput (images per second of wall time, model included) on the given backend.
 */
public final class ModelStudy {
    private ModelStudy() {}

    /** One (method, NFE) cell: the samples (n, D), the distance, and images per second. */
    public record Cell(String method, int nfe, float[] samples, double distance, double imagesPerSecond) {}

    public static List<Cell> run(ScoreModel model, ScalarProcess process, List<MethodSpec> methods, int[] nfes,
            GridKind grid, int n, long seed, ImageFeatures features, Backend backend) {
        int d = model.shape().size();
        float[] start = new float[n * d];
        GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, n, d, start, 0);
        double std = process.priorStd(process.defaultTMax());
        for (int i = 0; i < start.length; i++) {
            start[i] *= (float) std;
        }
        FrechetDistance.Stats reference = features.referenceStats();
        List<Cell> cells = new ArrayList<>();
        for (MethodSpec m : methods) {
            for (int nfe : nfes) {
                if (nfe < m.solver().minNfe()) {
                    continue;
                }
                TimeGrid g = TimeGrids.make(grid, process, process.defaultTMax(), process.defaultTMin(), m.solver().stepsFor(nfe));
                Plan plan = m.solver().plan(process, g);
                SamplerState state = new SamplerState(backend, plan, n, d);
                backend.write(state.u(), 0, start);
                long t0 = System.nanoTime();
                Sampler.run(plan, model, backend, state, StepObserver.NONE);
                float[] x = new float[n * d];
                backend.read(state.u(), 0, x);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double distance = FrechetDistance.between(FrechetDistance.of(features.features(x, n)), reference);
                cells.add(new Cell(m.name(), plan.nfe(), x, distance, n / seconds));
            }
        }
        return cells;
    }
}
