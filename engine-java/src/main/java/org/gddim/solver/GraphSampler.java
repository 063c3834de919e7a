package org.gddim.solver;

import java.util.function.Function;
import org.gddim.backend.Backend;
import org.gddim.backend.Replay;
import org.gddim.model.ScoreModel;

/**
 * Runs a plan as one captured graph: the first {@link #run} captures the whole loop of {@link Sampler#run}
 * (every model call and fused step) through {@code capture}, later runs replay it. Backends that can capture
 * (the CUDA backend) pass their capture function; the noise of each replay is re-keyed by {@code keyNoise}
 * before launch. The observer sees all steps of a replay at once, after its launch.
 */
public final class GraphSampler implements AutoCloseable {
    private final Plan plan;
    private final ScoreModel model;
    private final Backend backend;
    private final SamplerState state;
    private final Function<Runnable, Replay> capture;
    private Replay replay;

    public GraphSampler(Plan plan, ScoreModel model, Backend backend, SamplerState state,
            Function<Runnable, Replay> capture) {
        this.plan = plan;
        this.model = model;
        this.backend = backend;
        this.state = state;
        this.capture = capture;
    }

    /** Runs the plan on the state (capturing on first use); noise keyed by {@code state.keyNoise}. */
    public void run(StepObserver observer) {
        if (replay == null) {
            replay = capture.apply(() -> Sampler.run(plan, model, backend, state, StepObserver.NONE));
        }
        replay.launch();
        int steps = plan.grid().steps();
        for (int i = 1; i <= steps; i++) {
            observer.onStep(i, steps, plan.grid().at(i));
        }
    }

    @Override
    public void close() {
        if (replay != null) {
            replay.close();
        }
    }
}
