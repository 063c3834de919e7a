package org.gddim.solver;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.model.ScoreModel;

/**
 * Runs a {@link Plan}: the whole sampling loop of every solver. Each Eval is one model call into an eps
 * slot; each Step is one fused kernel on the backend. Nothing is allocated and nothing is computed on the
 * host between them.
 */
public final class Sampler {
    private Sampler() {}

    /** Runs {@code plan} on {@code state} (its u holds the prior draw; afterwards, the samples). */
    public static void run(Plan plan, ScoreModel model, Backend backend, SamplerState state, StepObserver observer) {
        Buffer[] eps = new Buffer[plan.slots()];
        int steps = plan.grid().steps();
        int step = 0;
        for (Op op : plan.ops()) {
            switch (op) {
                case Op.Eval e -> model.eps(state.register(e.src()), e.t(), state.slot(e.slot()), state.batch());
                case Op.Step s -> {
                    for (int j = 0; j < s.slots().length; j++) {
                        eps[j] = state.slot(s.slots()[j]);
                    }
                    backend.step(plan.structure(), state.elements(), state.register(s.dst()), state.register(s.src()),
                            s.psi(), eps, s.c(), s.slots().length);
                    if (s.dst() == Register.U) {
                        observer.onStep(++step, steps, s.t());
                    }
                }
            }
        }
    }
}
