package org.gddim.solver;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;

/**
 * The mutable state of a run, allocated once on a backend (llama3.java's State): the state u (B, D...),
 * the predictor's output when the plan needs one, and the eps ring {@code eps[slot]} (B, D...). Ring slots
 * start zeroed so zero-weight terms never multiply garbage (spec pitfall P11). Buffers belong to the
 * backend and are freed when it closes.
 */
public final class SamplerState {
    private final int batch;
    private final long elements;
    private final Buffer u;
    private final Buffer uPred;
    private final Buffer[] eps;

    /** State for {@code batch} samples of {@code dim} elements each, sized for {@code plan}. */
    public SamplerState(Backend backend, Plan plan, int batch, int dim) {
        this.batch = batch;
        this.elements = (long) batch * dim;
        this.u = backend.allocate(elements);
        this.uPred = plan.usesPrediction() ? backend.allocate(elements) : null;
        this.eps = new Buffer[plan.slots()];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = backend.allocate(elements);
        }
    }

    public int batch() {
        return batch;
    }

    /** Elements of each buffer, batch * D. */
    public long elements() {
        return elements;
    }

    /** The state u: write the prior draw here before a run, read the samples after it. */
    public Buffer u() {
        return u;
    }

    Buffer register(Register r) {
        return switch (r) {
            case U -> u;
            case U_PRED -> uPred;
        };
    }

    Buffer slot(int i) {
        return eps[i];
    }
}
