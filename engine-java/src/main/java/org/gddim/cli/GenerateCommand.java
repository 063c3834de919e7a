package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gddim.job.GenerateRun;
import org.gddim.job.JobException;
import org.gddim.job.SampleJob;
import org.gddim.job.ShardLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gddim generate}: data-set scale sampling into checksummed shards (docs/batch.md). */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        showDefaultValues = true,
        description = {"Generate COUNT samples into numbered shards OUT/shard-NNNNNN.npy (float32, (S, D...), the last one "
                + "shorter), a contact sheet OUT/shard-NNNNNN.png per shard for image data, and OUT/manifest.json "
                + "(settings, sample range and CRC32C of every shard), rewritten after each shard (docs/batch.md).",
                "Sample i depends only on the seed and i. Rerun the same command after an interruption: finished shards are "
                        + "verified and kept. --shard I/N makes part I of N; `gddim merge` joins the parts.%n"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobOptions options;

    @Option(names = "--n", paramLabel = "COUNT", required = true, description = "Number of samples of the whole job.")
    Long count;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    String out; // a path here; a Hadoop path or URI for gddim-spark

    @Option(names = "--shard-size", paramLabel = "S", defaultValue = "10000", description = "Samples per shard.")
    int shardSize;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1",
            description = "Make only part I of N (1-based): a contiguous run of whole shards, so N machines split one "
                    + "job; join their folders with `gddim merge`.")
    String shard;

    @Option(names = "--on-nan", paramLabel = "WHAT", defaultValue = "stop",
            description = "Samples that go non-finite: stop (name the samples and the solver step) or skip (their rows "
                    + "are NaN, listed in the manifest with the step, and the run goes on).")
    String onNan;

    @Option(names = "--no-space-check", description = "Start even if the output does not fit the free space of DIR's file system.")
    boolean noSpaceCheck;

    @Option(names = "--force", description = "Discard the manifest and shards of an earlier run in DIR and start over.")
    boolean force;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "Progress on stderr: auto (a bar on a terminal, else a plain line every 10 s), on (the bar), "
                    + "lines, off.")
    String progress;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10", hidden = true,
            description = "Seconds between the plain progress lines.")
    double interval;

    @Override
    public Integer call() throws IOException {
        GenerateArgs a = arguments();
        GenerateRun.Result r = GenerateRun.execute(a.job(), a.options(), a.listener(spec.commandLine().getErr()));
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %d shard(s) (%d samples) in %.2f s (%.0f samples/s while sampling, %.3f s of it the "
                + "NaN guard)%s%s%n", r.shardsWritten(), r.samples(), r.seconds(),
                r.samplingSeconds() > 0 ? r.samples() / r.samplingSeconds() : 0.0, r.guardSeconds(),
                r.shardsVerified() > 0 ? "; " + r.shardsVerified() + " finished shard(s) verified and kept" : "",
                r.nonFinite() > 0 ? "; " + r.nonFinite() + " non-finite sample(s) listed in the manifest" : "");
        w.printf("wrote %s (%s)%n", r.manifest(), r.complete() ? "complete" : "part " + shard + " of the job");
        return 0;
    }

    /** The parsed and checked options (every refusal a {@link JobException}). */
    GenerateArgs arguments() {
        SampleJob job = options.job(count, Path.of(out), force);
        int[] part = ShardLayout.parsePart(shard);
        GenerateRun.OnNan nan = switch (onNan) {
            case "stop" -> GenerateRun.OnNan.STOP;
            case "skip" -> GenerateRun.OnNan.SKIP;
            default -> throw new JobException("--on-nan must be stop or skip, got '" + onNan + "'");
        };
        if (!java.util.List.of("on", "lines", "off", "auto").contains(progress)) {
            throw new JobException("--progress must be auto, on, lines or off, got '" + progress + "'");
        }
        return new GenerateArgs(job, new GenerateRun.Options(shardSize, part[0], part[1], nan, !noSpaceCheck), out,
                progress, interval);
    }
}
