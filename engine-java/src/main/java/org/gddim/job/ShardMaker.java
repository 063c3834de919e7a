package org.gddim.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;

/**
 * The shard maker of a cluster task: one {@code generate} job opened once (backend, ONNX session, plan, noise,
 * batch loop) and kept open across tasks, each of which makes whole shards of the job's layout into a
 * {@link ShardTarget} of its own. Shard j is the same bytes as {@code gddim generate} writes (sample i depends only
 * on the seed and i; the same batches), and {@link #settings} is the manifest's settings object, so a cluster's
 * folder is the one a single machine makes. Not thread-safe: one task at a time per maker.
 */
public final class ShardMaker implements AutoCloseable {
    private final JobPipeline.Held held;
    private final BatchLoop loop;
    private final ShardLoop shards;

    private ShardMaker(JobPipeline.Held held, ShardLoop shards) {
        this.held = held;
        this.loop = held.opened().loop();
        this.shards = shards;
    }

    /**
     * Opens {@code job} (its count is the whole job's) in shards of {@code shardSize}, its CUDA backend on device
     * {@code cudaDevice} (ignored on CPU backends). Every refusal is the {@link JobException} that {@code generate}
     * gives for the same options.
     */
    public static ShardMaker open(SampleJob job, int shardSize, GenerateRun.OnNan onNan, int cudaDevice) throws IOException {
        ShardLayout layout = ShardLayout.whole(job.count(), shardSize);
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), job.schedule(), "generate it");
        JobPipeline.Held held = JobPipeline.open(job, setup, shardSize, (m, b) -> m, cudaDevice);
        try {
            JsonNode settings = GenerateRun.settings(held.opened(), shardSize, onNan);
            return new ShardMaker(held, new ShardLoop(held.opened(), layout, settings, setup.data().dims(), onNan,
                    GenerateListener.NONE, null, System.nanoTime(), new long[1]));
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** The manifest's settings object of this job (what a resume and {@code merge} compare). */
    public JsonNode settings() {
        return shards.settings();
    }

    /** The job's shard layout (one machine's: every shard). */
    public ShardLayout layout() {
        return shards.layout();
    }

    /** The data shape of one sample (C, H, W or D). */
    public int[] dims() {
        return shards.dims().clone();
    }

    /** The method's name, for progress lines. */
    public String method() {
        return held.opened().plan().method();
    }

    /**
     * Makes shard {@code j} into {@code target} (its .npy, then its contact sheet for image data) and returns its
     * manifest entry. A sample that goes non-finite stops with a {@link JobException} naming it and the step, or,
     * with {@code --on-nan skip}, is listed in the entry.
     */
    public GenerateManifest.Shard make(int j, ShardTarget target) throws IOException {
        if (j < 0 || j >= layout().shards()) {
            throw new JobException("shard " + j + " is outside 0.." + (layout().shards() - 1) + " of this job");
        }
        try {
            return shards.shard(loop, target, j, 0);
        } catch (NativeException | CudaException e) {
            throw new IOException("the " + held.opened().job().backend() + " backend failed in shard " + j + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            loop.close();
        } finally {
            held.close();
        }
    }
}
