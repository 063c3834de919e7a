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
 * and reads the data off the final state. One state per batch size is allocated once and reused (the full batch and
 * the few short ones: the last batch of a run, of a shard).
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
    private final Map<Integer, SamplerState> states = new java.util.HashMap<>(); // by rows: the full batch and the few short ones

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
        return runAt((long) b * batch, rows, observer);
    }

    /**
     * Samples {@code first .. first + rows - 1} (rows at most the batch size) as one batch; returns their data
     * (rows, D...) row-major. What a sample becomes depends only on its index, not on the batch it is run in.
     */
    public float[] runAt(long first, int rows, StepObserver observer) throws IOException {
        SamplerState state = prime(first, rows);
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

    /**
     * Runs {@code first .. first + rows - 1} again (never as a graph) with a check of the whole state after every step:
     * for each row, the first step (1-based, as {@link StepObserver}) after which a value of that sample's state was
     * not finite, or 0. The diagnosis of a batch whose output was not finite: a host read per step, so only then.
     */
    public int[] firstNonFiniteSteps(long first, int rows) throws IOException {
        SamplerState state = prime(first, rows);
        float[] u = new float[rows * dim];
        int[] bad = new int[rows];
        Sampler.run(plan, model, backend, state, (step, steps, t) -> {
            backend.read(state.u(), 0, u);
            for (int r = 0; r < rows; r++) {
                for (int i = r * dim; bad[r] == 0 && i < (r + 1) * dim; i++) {
                    if (!Float.isFinite(u[i])) {
                        bad[r] = step;
                    }
                }
            }
        });
        return bad;
    }

    /** The state for {@code rows} samples (allocated once per size), holding the prior draw of samples {@code first ..}. */
    private SamplerState prime(long first, int rows) throws IOException {
        if (rows < 1 || rows > batch) {
            throw new IllegalArgumentException("a batch holds 1 to " + batch + " samples, got " + rows);
        }
        SamplerState state = states.computeIfAbsent(rows, r -> new SamplerState(backend, plan, r, dim));
        float[] x = rows == batch ? buffer : new float[rows * dim];
        noise.fill(first, rows, x);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) planeStd[(i % dim) / dataDim];
        }
        backend.write(state.u(), 0, x);
        state.keyNoise(seed, first);
        return state;
    }

    @Override
    public void close() {
        graphs.values().forEach(GraphSampler::close);
    }
}
