package org.gddim.ld3;

import java.util.HashMap;
import java.util.Map;
import org.gddim.backend.Backend;
import org.gddim.job.DataReadout;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;

/**
 * Runs a plan from given standard-normal starts and reads the data endpoints off the final states, exactly as
 * {@code gddim sample} does ({@code u_T = priorStd z} per plane, float32 buffers, the process' readout). Sampler
 * states and readouts are allocated once per (buffer count, batch) and reused, so a training run of thousands of
 * solves allocates nothing per solve. Not thread-safe.
 */
public final class Endpoints {
    private final Process process;
    private final ScoreModel model;
    private final Backend backend;
    private final int dim;
    private final int dataDim;
    private final double[] planeStd;
    private final Map<Long, SamplerState> states = new HashMap<>();
    private final Map<Integer, DataReadout> readouts = new HashMap<>();
    private long modelCalls;

    /** Solves of {@code model} under {@code process} starting at {@code tMax}, on {@code backend}. */
    public Endpoints(Process process, ScoreModel model, Backend backend, double tMax) {
        this.process = process;
        this.model = model;
        this.backend = backend;
        this.dim = model.stateShape().size();
        this.dataDim = model.shape().size();
        this.planeStd = new double[process.planes()];
        for (int p = 0; p < planeStd.length; p++) {
            planeStd[p] = process.priorStd(tMax, p);
        }
    }

    /** Elements of one state, D_state. */
    public int stateDim() {
        return dim;
    }

    /** Elements of one data endpoint, D. */
    public int dataDim() {
        return dataDim;
    }

    /** Network evaluations so far (per sample: one call on a batch of B counts B). */
    public long modelCalls() {
        return modelCalls;
    }

    /** The endpoints (count, D) of {@code plan} from the starts {@code z[first .. first + count)} of (S, D_state). */
    public float[] run(Plan plan, float[] z, int first, int count) {
        if (plan.stochastic()) {
            throw new IllegalArgumentException(plan.method() + " adds noise; LD3 learns grids of deterministic solvers");
        }
        SamplerState state = states.computeIfAbsent(((long) plan.buffers() << 32) | count,
                k -> new SamplerState(backend, plan, count, dim));
        float[] x = new float[count * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (planeStd[(i % dim) / dataDim] * z[first * dim + i]);
        }
        backend.write(state.u(), 0, x);
        Sampler.run(plan, model, backend, state, StepObserver.NONE);
        modelCalls += (long) plan.nfe() * count;
        return readouts.computeIfAbsent(count, c -> new DataReadout(process, model.shape(), backend, c, dim)).read(state.u(), count);
    }
}
