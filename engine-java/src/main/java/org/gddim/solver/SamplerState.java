package org.gddim.solver;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;

/**
 * The mutable state of a run, allocated once on a backend (llama3.java's State): the plan's buffer table,
 * each {@code (B, D...)}, buffer {@link Plan#U} being the state, plus a noise buffer for stochastic plans.
 * Buffers start zeroed and belong to the backend (freed when it closes). The noise of sample {@code i} of the
 * batch is keyed by {@code (seed, stream, firstSample + i)}, so it does not depend on the batching.
 */
public final class SamplerState {
    private final int batch;
    private final int dim;
    private final Buffer[] buffers;
    private final Buffer noise;
    private long seed;
    private long firstSample;

    /** State for {@code batch} samples of {@code dim} elements each, sized for {@code plan}. */
    public SamplerState(Backend backend, Plan plan, int batch, int dim) {
        this.batch = batch;
        this.dim = dim;
        long elements = (long) batch * dim;
        this.buffers = new Buffer[plan.buffers()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = backend.allocate(elements);
        }
        this.noise = plan.stochastic() ? backend.allocate(elements) : null;
    }

    public int batch() {
        return batch;
    }

    public int dim() {
        return dim;
    }

    /** Elements of each buffer, batch * D. */
    public long elements() {
        return (long) batch * dim;
    }

    /** The state u: write the prior draw here before a run, read the samples after it. */
    public Buffer u() {
        return buffers[Plan.U];
    }

    /** Keys the noise of stochastic steps: this batch holds samples {@code firstSample ..} of a run seeded {@code seed}. */
    public void keyNoise(long seed, long firstSample) {
        this.seed = seed;
        this.firstSample = firstSample;
    }

    long seed() {
        return seed;
    }

    long firstSample() {
        return firstSample;
    }

    Buffer buffer(int i) {
        return buffers[i];
    }

    Buffer noise() {
        return noise;
    }
}
