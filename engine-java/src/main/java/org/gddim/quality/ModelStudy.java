package org.gddim.quality;

import java.util.ArrayList;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.model.ScoreModel;
import org.gddim.job.DataReadout;
import org.gddim.process.NoiseLevel;
import org.gddim.process.Process;
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
 * the sampling throughput (images per second of wall time, model included) on the given backend. Any process:
 * the start is the prior (per plane for cld), the data the process' readout of the final state; processes
 * without a scalar noise level (cld) use the quadratic grid whatever {@code grid} says.
 */
public final class ModelStudy {
    private ModelStudy() {}

    /** One (method, NFE) cell: the samples (n, D), the distance, and images per second; NaN and no samples when the method refuses the process. */
    public record Cell(String method, int nfe, float[] samples, double distance, double imagesPerSecond) {}

    public static List<Cell> run(ScoreModel model, Process process, List<MethodSpec> methods, int[] nfes,
            GridKind grid, int n, long seed, ImageFeatures features, Backend backend) {
        int d = model.shape().size();
        int dim = model.stateShape().size();
        float[] start = new float[n * dim];
        GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, n, dim, start, 0);
        for (int i = 0; i < start.length; i++) {
            start[i] *= (float) process.priorStd(process.defaultTMax(), (i % dim) / d);
        }
        GridKind kind = process instanceof NoiseLevel ? grid : GridKind.QUADRATIC;
        DataReadout readout = new DataReadout(process, model.shape(), backend, n, dim);
        FrechetDistance.Stats reference = features.referenceStats();
        List<Cell> cells = new ArrayList<>();
        for (MethodSpec m : methods) {
            for (int nfe : nfes) {
                if (nfe < m.solver().minNfe()) {
                    continue;
                }
                TimeGrid g = TimeGrids.make(kind, process, process.defaultTMax(), process.defaultTMin(), m.solver().stepsFor(nfe));
                Plan plan;
                try {
                    plan = m.solver().plan(process, g);
                } catch (IllegalArgumentException e) { // the method is not defined for this process (e.g. ddim on cld)
                    cells.add(new Cell(m.name(), nfe, null, Double.NaN, Double.NaN));
                    continue;
                }
                SamplerState state = new SamplerState(backend, plan, n, dim);
                backend.write(state.u(), 0, start);
                long t0 = System.nanoTime();
                Sampler.run(plan, model, backend, state, StepObserver.NONE);
                float[] x = readout.read(state.u(), n);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double distance = FrechetDistance.between(FrechetDistance.of(features.features(x, n)), reference);
                cells.add(new Cell(m.name(), plan.nfe(), x, distance, n / seconds));
            }
        }
        return cells;
    }
}
