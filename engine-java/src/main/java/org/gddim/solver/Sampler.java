package org.gddim.solver;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.model.ScoreModel;

/**
 * Runs a {@link Plan}: the whole sampling loop of every solver. Each Eval is one model call; each Step is one
 * fused kernel on the backend (preceded, for a stochastic step, by the noise draw). Nothing is allocated and
 * nothing is computed on the host between them.
 */
public final class Sampler {
    private Sampler() {}

    /** Runs {@code plan} on {@code state} (its u holds the prior draw; afterwards, the samples). */
    public static void run(Plan plan, ScoreModel model, Backend backend, SamplerState state, StepObserver observer) {
        Buffer[] terms = new Buffer[plan.buffers()];
        int steps = plan.grid().steps();
        int step = 0;
        for (Op op : plan.ops()) {
            switch (op) {
                case Op.Eval e -> model.eps(state.buffer(e.src()), e.t(), state.buffer(e.dst()), state.batch());
                case Op.Step s -> {
                    for (int j = 0; j < s.terms().length; j++) {
                        terms[j] = state.buffer(s.terms()[j]);
                    }
                    Buffer z = null;
                    if (s.noise() != null) {
                        z = state.noise();
                        backend.normal(z, state.seed(), s.noise().stream(), state.firstSample(), state.batch(), state.dim());
                    }
                    backend.step(plan.structure(), state.elements(), state.dim(), state.buffer(s.dst()),
                            state.buffer(s.src()), s.psi(), terms, s.c(), s.terms().length, z,
                            s.noise() == null ? null : s.noise().s());
                    if (s.dst() == Plan.U) {
                        observer.onStep(++step, steps, s.t());
                    }
                }
            }
        }
    }
}
