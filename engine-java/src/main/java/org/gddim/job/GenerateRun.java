package org.gddim.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.gddim.backend.Backend;
import java.util.stream.Stream;
import org.gddim.model.ScoreModel;

/**
 * Executes {@code gddim generate}: the samples of a {@link SampleJob} as numbered shards ({@link ShardLayout}) of
 * an output folder whose {@link GenerateManifest} is rewritten after each shard. Sample i depends only on the seed
 * and i, so a shard is the same whatever the batch size, the shard's part or the machine; a rerun of the same
 * command verifies the listed shards' checksums, regenerates any that do not match, and makes the rest.
 */
public final class GenerateRun {
    private GenerateRun() {}

    /** What to do with samples whose values go non-finite. */
    public enum OnNan {
        /** Stop the run, naming the samples and the solver step. */
        STOP,
        /** Fill their rows with NaN, list them (sample, step) in the manifest, and go on. */
        SKIP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param shardSize samples per shard
     * @param part this machine's part, 1-based (1 of 1: every shard)
     * @param spaceCheck refuse a run whose output cannot fit on the output file system
     */
    public record Options(int shardSize, int part, int parts, OnNan onNan, boolean spaceCheck) {
        public Options {
            if (onNan == null) {
                throw new JobException("--on-nan must be stop or skip");
            }
        }
    }

    /** What a run did: shards written now, shards found finished (checksums verified), samples made now. */
    public record Result(Path manifest, int shardsWritten, int shardsVerified, long samples, long resumedSamples,
            boolean complete, long nonFinite, double seconds, double samplingSeconds, double guardSeconds) {}

    public static Result execute(SampleJob job, Options options, GenerateListener listener) throws IOException {
        return execute(job, options, listener, (m, b) -> m);
    }

    /** The same, the score model seen through {@code wrap} (tests inject faults there). */
    static Result execute(SampleJob job, Options options, GenerateListener listener,
            BiFunction<ScoreModel, Backend, ScoreModel> wrap)
            throws IOException {
        long start = System.nanoTime();
        ShardLayout layout = new ShardLayout(job.count(), options.shardSize(), options.part(), options.parts());
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), job.schedule(), "generate it");
        int[] dims = setup.data().dims();
        Path dir = job.out();
        OutputFolder.createWritable(dir);
        try (OutputFolder lock = OutputFolder.locked(dir)) {
            Path manifestFile = lock.dir().resolve(OutputFolder.MANIFEST); // held until the run ends
            removeStale(dir, false);
            GenerateManifest found = Files.exists(manifestFile) && !job.force() ? GenerateManifest.read(manifestFile) : null;
            if (options.spaceCheck()) {
                checkSpace(dir, layout, dims, found);
            }
            return JobPipeline.run(job, setup, options.shardSize(), wrap, p -> {
                JsonNode settings = settings(p, options.shardSize(), options.onNan());
                if (found != null && !found.settings().equals(settings)) {
                    throw new JobException(manifestFile + " is from a run with other settings ("
                            + found.differencesFrom(settings)
                            + "); rerun with its settings to continue it, choose another --out, or pass --force to "
                            + "start over");
                }
                if (job.force()) { // only now that the job is known to run
                    removeStale(dir, true);
                }
                GenerateManifest earlier = found;
                return new ShardLoop(p, layout, settings, dims, options.onNan(), listener, manifestFile, start, new long[1])
                        .run(earlier == null ? List.of() : earlier.shards());
            });
        }
    }

    /**
     * Removes what a killed run leaves (temporary files of the atomic writes) and, with {@code earlierRun}, an
     * earlier run's manifest and shards (--force).
     */
    private static void removeStale(Path dir, boolean earlierRun) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                boolean temp = (n.startsWith(".shard-") || n.startsWith("." + OutputFolder.MANIFEST)) && n.contains(".tmp-");
                boolean earlier = earlierRun && (n.equals(OutputFolder.MANIFEST) || n.matches("shard-\\d{6}\\.(npy|png)"));
                if (temp || earlier) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The settings that determine the samples: sample's, without paths and batch size, with the shard layout. */
    static JsonNode settings(JobPipeline.Opened p, int shardSize, OnNan onNan) throws IOException {
        Map<String, Object> s = p.settings();
        s.remove("batch"); // the samples do not depend on it
        SampleJob job = p.job();
        s.put("model", switch (job.model()) { // the file's name: its contents are model_sha256, its folder is the machine's
            case ModelSource.Default d -> "default";
            case ModelSource.GmmFile f -> "gmm:" + f.file().getFileName();
            case ModelSource.OnnxFile f -> "onnx:" + f.file().getFileName();
        });
        if (job.gridFile() != null) {
            s.put("grid", "file:" + job.gridFile().getFileName());
        }
        if (job.initNoise() != null) {
            s.put("noise", "file " + job.initNoise().getFileName());
        }
        s.put("shard_size", shardSize);
        s.put("on_nan", onNan.toString());
        EngineVersion v = EngineVersion.current();
        s.put("engine", v.version()); // not the commit: a rebuild that changes no number must not block a resume
        return new ObjectMapper().readTree(org.gddim.io.JsonFiles.toJson(s));
    }

    /**
     * Refuses at once, with the figures, a run whose remaining shards cannot fit: each is its .npy (a 128-byte header
     * and 4 bytes per value) plus, for image data, at most 3 bytes per pixel of its contact sheet.
     */
    private static void checkSpace(Path dir, ShardLayout layout, int[] dims, GenerateManifest earlier) {
        long have;
        try {
            have = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return; // the file system does not say: the writes themselves will tell
        }
        checkSpace(dir.toString(), have, layout, dims, earlier);
    }

    /**
     * The same check for an output folder named {@code where} with {@code have} free bytes (a cluster's file
     * system: org.gddim.spark); every refusal is a {@link JobException} with the figures.
     */
    public static void checkSpace(String where, long have, ShardLayout layout, int[] dims, GenerateManifest earlier) {
        long dataDim = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
        java.util.Set<Integer> done = new java.util.HashSet<>();
        if (earlier != null) {
            earlier.shards().forEach(s -> done.add(s.index()));
        }
        double need = 0;
        for (int j = layout.firstShard(); j < layout.endShard(); j++) {
            if (done.contains(j)) {
                continue;
            }
            if (layout.endShard() - layout.firstShard() > 1_000_000) { // a closed form for huge requests: instant
                need = (double) (layout.partSamples()) * dataDim * Float.BYTES
                        + (double) (layout.endShard() - layout.firstShard() - done.size()) * (128 + sheetBytes(dims));
                break;
            }
            need += 128 + (double) layout.rows(j) * dataDim * Float.BYTES + sheetBytes(dims);
        }
        if (need > have) {
            throw new JobException(String.format(Locale.ROOT, "--n %d samples of %d floats (shards %d..%d of %d) need "
                    + "about %s in %s, but only %s is free there; lower --n, split the job with --shard I/N, free space, "
                    + "or pass --no-space-check", layout.partSamples(), dataDim, layout.firstShard(),
                    layout.endShard() - 1, layout.shards(), SampleOutputs.bytes(need), where, SampleOutputs.bytes(have)));
        }
    }

    private static double sheetBytes(int[] dims) {
        if (!ShardFiles.hasSheet(dims)) {
            return 0;
        }
        double w = 8 * (dims[2] * 3 + 2) + 2;
        double h = 8 * (dims[1] * 3 + 2) + 2;
        return 3 * w * h;
    }

    /** A duration for people: "4.2 s", "3m05s", "2h10m". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
