package org.gddim.job;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.gddim.backend.Backend;
import org.gddim.backend.GraphCapture;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.solver.GraphSampler;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;

/**
 * The batch loop of a run: batch {@code b} starts from the noise of samples {@code b * batch ..} scaled to the
 * prior at {@code tMax}, runs the plan (replaying one captured graph per state where the backend offers {@link GraphCapture}),
 * and reads the data off the final state. One full-batch state is allocated once and reused; a short last batch
 * gets its own.
 */
public final class BatchLoop implements AutoCloseable {
    private final Plan plan;
    private final ScoreModel model;
    private final Backend backend;
    private final NoiseSource noise;
    private final long seed;
    private final int batch;
    private final int dim; // state elements per sample
    private final int dataDim; // data elements per sample
    private final double[] planeStd; // prior std per state plane at t[0]
    private final DataReadout readout;
    private final Optional<GraphCapture> capture;
    private final Map<SamplerState, GraphSampler> graphs = new IdentityHashMap<>();
    private final float[] buffer;
    private SamplerState full;

    /**
     * @param tMax the time of the prior draw (the prior std is taken there)
     * @param graphs whether to replay captured graphs (the backend must offer {@link Backend#graphCapture()})
     */
    public BatchLoop(Plan plan, ScoreModel model, Backend backend, Process process, double tMax, NoiseSource noise,
            long seed, int batch, boolean graphs) {
        this.plan = plan;
        this.model = model;
        this.backend = backend;
        this.noise = noise;
        this.seed = seed;
        this.batch = batch;
        this.dim = model.stateShape().size();
        this.dataDim = model.shape().size();
        this.planeStd = new double[process.planes()];
        for (int p = 0; p < planeStd.length; p++) {
            planeStd[p] = process.priorStd(tMax, p);
        }
        this.readout = new DataReadout(process, model.shape(), backend, batch, dim);
        this.capture = graphs ? Optional.of(backend.graphCapture().orElseThrow(() -> new JobException(
                "the " + backend.kind() + " backend cannot capture graphs"))) : Optional.empty();
        this.buffer = new float[batch * dim];
    }

    /** Samples batch {@code b} of {@code rows} samples; returns its data (rows, D...) row-major. */
    public float[] run(int b, int rows, StepObserver observer) throws IOException {
        return runFrom((long) b * batch, rows, observer);
    }

    /**
     * Samples {@code [first, first + rows)}, {@code rows <= batch}; returns their data (rows, D...) row-major. A
     * sample depends on its index only (noise keyed by index), so any {@code first} gives the rows a batched run gives.
     */
    public float[] runFrom(long first, int rows, StepObserver observer) throws IOException {
        if (rows < 1 || rows > batch) {
            throw new IllegalArgumentException("a batch of this loop holds 1 to " + batch + " samples, got " + rows);
        }
        SamplerState state = rows == batch ? full : null;
        if (state == null) {
            state = new SamplerState(backend, plan, rows, dim);
            if (rows == batch) {
                full = state;
            }
        }
        float[] x = rows == batch ? buffer : new float[rows * dim];
        noise.fill(first, rows, x);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) planeStd[(i % dim) / dataDim];
        }
        backend.write(state.u(), 0, x);
        state.keyNoise(seed, first);
        if (capture.isPresent()) {
            GraphCapture c = capture.get();
            SamplerState s = state;
            c.keyReplay(first);
            graphs.computeIfAbsent(state, k -> new GraphSampler(plan, model, backend, s, c::capture)).run(observer);
        } else {
            Sampler.run(plan, model, backend, state, observer);
        }
        return readout.read(state.u(), rows);
    }

    @Override
    public void close() {
        graphs.values().forEach(GraphSampler::close);
    }
}
