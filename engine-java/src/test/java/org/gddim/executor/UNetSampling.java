package org.gddim.executor;

import org.gddim.backend.Backend;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.process.ProcessKind;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Corrector;
import org.gddim.solver.GDdim;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;

/**
 * The GPU-vs-CPU sampling comparison of the shipped U-Nets: one fixed run (gDDIM q = 2, no corrector, logSNR grid
 * over the process' default time range, {@link #NFE} evaluations, {@link #COUNT} samples from seed {@link #SEED}'s
 * noise times the prior std), the same code with only the score model and backend swapped: ONNX Runtime on the
 * native backend for the reference stored as models/ort-reference/STEM.sample.npy ({@code OrtReferenceFilesTest}),
 * the engine's GPU executor on the cuda backend in {@code GpuExecutorTest}. Samples are (COUNT, 1, 28, 28) floats.
 */
final class UNetSampling {
    private UNetSampling() {}

    static final int NFE = 10;
    static final int COUNT = 4;
    static final long SEED = 0;

    /** The process each shipped U-Net was trained for (its gddim.process metadata). */
    static Process process(String model) {
        return (model.contains("vp") ? ProcessKind.VP : ProcessKind.EDM).create(1, 28, 28);
    }

    /** Runs the fixed plan with {@code model} on {@code backend}; returns the final state. */
    static float[] sample(ScoreModel model, Backend backend, Process process) {
        double tMax = process.defaultTMax();
        Plan plan = new GDdim(2, Corrector.NONE).plan(process, TimeGrids.make(GridKind.LOGSNR, process, tMax,
                process.defaultTMin(), NFE));
        int dim = model.stateShape().size();
        float[] x = new float[COUNT * dim];
        GaussianNoise.fill(SEED, 0, 0, COUNT, dim, x, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) process.priorStd(tMax);
        }
        model.prepare(plan.evalTimes(), COUNT);
        SamplerState state = new SamplerState(backend, plan, COUNT, dim);
        backend.write(state.u(), 0, x);
        Sampler.run(plan, model, backend, state, StepObserver.NONE);
        float[] out = new float[x.length];
        backend.read(state.u(), 0, out);
        return out;
    }
}
