package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gddim.job.MergeRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gddim merge}: the parts of one generate job into one folder (docs/batch.md). */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Join the output folders of the parts of one `gddim generate` job (--shard I/N) into OUT: the same "
                + "shards and manifest.json, byte for byte, as one machine makes.",
                "Every input is checked first: the same settings, each shard once, none missing, every file matching its "
                        + "CRC32C; a refusal names the setting, shard or file.%n"})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Output folders of gddim generate.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--force", description = "Replace a manifest and shards already in the output folder.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        MergeRun.Result r = MergeRun.execute(inputs, out, force);
        spec.commandLine().getOut().printf("wrote %d shards (%d samples) and %s%n", r.shards(), r.samples(), r.manifest());
        return 0;
    }
}
