package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.Plan;

/**
 * Executes a {@link SampleJob}: validates every input (model, plan, noise file, backend) before touching the
 * output folder, then runs the {@link BatchLoop} into {@link SampleOutputs}, each batch an atomic shard, so an
 * interrupted job resumes where it stopped and a failed one loses nothing already finished.
 */
public final class SampleRun {
    private SampleRun() {}

    /** What a finished job produced; {@code method} is the plan's method and settings. */
    public record Result(Path samples, Path manifest, Path plot, String method, int nfe, int steps, long resumedSamples,
            double seconds) {}

    public static Result execute(SampleJob job, RunListener listener) throws IOException {
        long start = System.nanoTime();
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), job.schedule(), "sample it");
        return JobPipeline.run(job, setup, Integer.MAX_VALUE, (m, b) -> m, p -> {
            Map<String, Object> settings = p.settings();
            try (SampleOutputs outputs = SampleOutputs.prepare(job.out(), settings, job.force(), job.count(), p.batch(),
                    p.model().shape().dims())) {
                return sample(job, start, p, settings, outputs, listener);
            }
        });
    }

    /** The batch loop into {@code outputs} (which already holds the batches of an interrupted run), then the outputs. */
    private static Result sample(SampleJob job, long start, JobPipeline.Opened p, Map<String, Object> settings,
            SampleOutputs outputs, RunListener listener) throws IOException {
        Plan plan = p.plan();
        Process process = p.process();
        int batch = p.batch();
        TimeGrid grid = plan.grid();
        long done = outputs.resumedSamples();
        listener.begin((long) outputs.batches() * grid.steps(), done / batch * grid.steps(), plan.method());
        double sampling = 0;
        try (BatchLoop loop = p.loop()) {
            for (int b = 0; b < outputs.batches(); b++) {
                if (outputs.done(b)) {
                    continue;
                }
                long t0 = System.nanoTime();
                float[] data;
                try {
                    data = loop.run(b, outputs.rows(b), (step, steps, t) -> listener.step());
                } catch (NativeException | CudaException e) {
                    throw new IOException("the " + job.backend() + " backend failed in batch " + b + ": " + e.getMessage(), e);
                }
                sampling += (System.nanoTime() - t0) / 1e9;
                outputs.write(b, data);
            }
            listener.end();
        }
        double samplingSeconds = sampling;
        double[] seconds = new double[1];
        SampleOutputs.Files files = outputs.finish(job.count() + " samples, " + process.name() + ", " + plan.method()
                + ", NFE " + plan.nfe() + ", " + (job.gridFile() != null ? "learned" : job.grid()) + " grid", names -> {
                    seconds[0] = (System.nanoTime() - start) / 1e9;
                    return RunManifest.manifest(settings, job.count(), plan, done, samplingSeconds, seconds[0], names);
                });
        return new Result(files.samples(), files.manifest(), files.plot(), plan.method(), plan.nfe(), grid.steps(), done,
                seconds[0]);
    }
}
