package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gddim.job.JobException;
import org.gddim.job.RunListener;
import org.gddim.job.SampleJob;
import org.gddim.job.SampleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gddim sample}: draw samples and write samples.npy, manifest.json and (2-D data) samples.png. */
@Command(name = "sample", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false, showDefaultValues = true,
        description = {"Draw samples from a diffusion model and write OUT/samples.npy (float32, shape (N, D...)), "
                + "OUT/manifest.json and, for 2-D data, OUT/samples.png.",
                "The output is the data part of the state at t_min (no extra denoising step): x for cld, the "
                        + "inverse DCT for bdm. An interrupted run resumes when started again with the same settings.%n"})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions options;

    @Option(names = "--n", paramLabel = "COUNT", defaultValue = "1000", description = "Number of samples.")
    long count;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--force", description = "Replace earlier results in DIR and discard an unfinished run there.")
    boolean force;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "Progress bar on stderr: auto (when stderr is a terminal), on, off.")
    String progress;

    @Override
    public Integer call() throws IOException {
        SampleJob job = options.job(count, out, force);
        RunListener listener = switch (progress) {
            case "on" -> new ProgressListener();
            case "off" -> RunListener.NONE;
            case "auto" -> ProgressListener.interactive() ? new ProgressListener() : RunListener.NONE;
            default -> throw new JobException("--progress must be auto, on or off, got '" + progress + "'");
        };
        SampleRun.Result r = SampleRun.execute(job, listener);
        var w = spec.commandLine().getOut();
        w.printf("wrote %s (%d samples, %s, NFE %d, %d steps, %.2f s%s)%n", r.samples(), count, r.method(),
                r.nfe(), r.steps(), r.seconds(), r.resumedSamples() > 0 ? ", resumed after " + r.resumedSamples() + " samples" : "");
        w.printf("wrote %s%n", r.manifest());
        if (r.plot() != null) {
            w.printf("wrote %s%n", r.plot());
        }
        return 0;
    }
}
