package org.gddim.testing;

import org.gddim.backend.Backend;
import org.gddim.backend.DType;
import org.gddim.backend.JavaScalar;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.Solver;
import org.gddim.solver.StepObserver;

/** Runs a solver end to end on a backend from given start states (B, D) and returns the end states. */
public final class Runs {
    private Runs() {}

    public static double[] run(Solver solver, Process process, TimeGrid grid, ScoreModel model, Backend backend,
            double[] xT, int batch) {
        Plan plan = solver.plan(process, grid);
        int d = model.stateShape().size();
        SamplerState state = new SamplerState(backend, plan, batch, d);
        float[] f = new float[xT.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) xT[i];
        }
        if (backend.dtype() == DType.F64) {
            ((org.gddim.backend.HostBuffer) state.u()).write(0, xT);
        } else {
            backend.write(state.u(), 0, f);
        }
        Sampler.run(plan, model, backend, state, StepObserver.NONE);
        double[] out = new double[xT.length];
        ((org.gddim.backend.HostBuffer) state.u()).read(0, out);
        return out;
    }

    /** Same, on a float64 reference backend (no float32 rounding floor). */
    public static double[] runF64(Solver solver, Process process, TimeGrid grid, ScoreModel model, double[] xT,
            int batch) {
        try (JavaScalar backend = new JavaScalar(DType.F64)) {
            return run(solver, process, grid, model, backend, xT, batch);
        }
    }
}
