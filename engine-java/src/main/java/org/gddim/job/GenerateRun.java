package org.gddim.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.gddim.backend.Backend;
import java.util.stream.Stream;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;
import org.gddim.io.Npy;
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
        ModelSetup setup = ModelSetup.of(job.model(), job.process(), "generate it");
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
                JsonNode settings = settings(p, options);
                if (found != null && !found.settings().equals(settings)) {
                    throw new JobException(manifestFile + " is from a run with other settings ("
                            + OutputFolder.differences(found.settings().toString(), settings.toString())
                            + "); rerun with its settings to continue it, choose another --out, or pass --force to "
                            + "start over");
                }
                if (job.force()) { // only now that the job is known to run
                    removeStale(dir, true);
                }
                GenerateManifest earlier = found;
                return new Shards(p, layout, settings, dims, options.onNan(), listener, manifestFile, start, new long[1])
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
    private static JsonNode settings(JobPipeline.Opened p, Options options) throws IOException {
        Map<String, Object> s = p.settings();
        s.remove("batch"); // the samples do not depend on it
        SampleJob job = p.job();
        s.put("model", job.model().toString().replaceFirst(":.*", "") + (job.model() instanceof ModelSource.Default
                ? "" : ":" + job.model().toString().replaceFirst("^[a-z]+:", "").replaceFirst(".*/", "")));
        if (job.gridFile() != null) {
            s.put("grid", "file:" + job.gridFile().getFileName());
        }
        if (job.initNoise() != null) {
            s.put("noise", "file " + job.initNoise().getFileName());
        }
        s.put("shard_size", options.shardSize());
        s.put("on_nan", options.onNan().toString());
        EngineVersion v = EngineVersion.current();
        s.put("engine", v.version()); // not the commit: a rebuild that changes no number must not block a resume
        return new ObjectMapper().readTree(org.gddim.io.JsonFiles.toJson(s));
    }

    /**
     * Refuses at once, with the figures, a run whose remaining shards cannot fit: each is its .npy (a 128-byte header
     * and 4 bytes per value) plus, for image data, at most 3 bytes per pixel of its contact sheet.
     */
    private static void checkSpace(Path dir, ShardLayout layout, int[] dims, GenerateManifest earlier) {
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
        long have;
        try {
            have = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return; // the file system does not say: the writes themselves will tell
        }
        if (need > have) {
            throw new JobException(String.format(Locale.ROOT, "--n %d samples of %d floats (shards %d..%d of %d) need "
                    + "about %s in %s, but only %s is free there; lower --n, split the job with --shard I/N, free space, "
                    + "or pass --no-space-check", layout.partSamples(), dataDim, layout.firstShard(),
                    layout.endShard() - 1, layout.shards(), bytes(need), dir, bytes(have)));
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

    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    /** A duration for people: "4.2 s", "3m05s", "2h10m". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** The shard loop of one opened job. */
    private record Shards(JobPipeline.Opened p, ShardLayout layout, JsonNode settings, int[] dims, OnNan onNan,
            GenerateListener listener, Path manifestFile, long start, long[] guardNanos) {
        Result run(List<GenerateManifest.Shard> listed) throws IOException {
            Path dir = manifestFile.getParent();
            TreeMap<Integer, GenerateManifest.Shard> shards = new TreeMap<>();
            int verified = 0;
            long resumed = 0;
            for (GenerateManifest.Shard s : listed) {
                boolean mine = s.index() >= layout.firstShard() && s.index() < layout.endShard();
                if (mine && !intact(dir, s)) {
                    listener.note(s.file() + (s.sheet() != null ? " or " + s.sheet() : "") + " is missing or does not match "
                            + "its CRC32C in " + manifestFile.getFileName() + ": regenerating shard " + s.index());
                    continue;
                }
                shards.put(s.index(), s);
                if (mine) {
                    verified++;
                    resumed += s.count();
                }
            }
            listener.begin(layout.partSamples(), resumed, p.plan().method());
            int written = 0;
            double sampling = 0;
            long made = 0;
            long nonFinite = 0;
            try (BatchLoop loop = p.loop()) {
                for (int j = layout.firstShard(); j < layout.endShard(); j++) {
                    if (shards.containsKey(j)) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    GenerateManifest.Shard s = shard(loop, dir, j, made == 0 ? layout.partSamples() - resumed : 0);
                    sampling += (System.nanoTime() - t0) / 1e9;
                    made += s.count();
                    nonFinite += s.nonFinite().size();
                    shards.put(j, s);
                    new GenerateManifest(settings, new ArrayList<>(shards.values())).write(manifestFile);
                    written++;
                }
            } catch (IOException e) {
                throw new IOException(org.gddim.io.AtomicFiles.describe(e) + "; every finished shard is kept (listed in "
                        + manifestFile + "): rerun the same command to continue", e);
            } finally {
                listener.end();
            }
            if (written == 0) { // nothing to make: the manifest still says what the folder holds
                new GenerateManifest(settings, new ArrayList<>(shards.values())).write(manifestFile);
            }
            GenerateManifest m = new GenerateManifest(settings, new ArrayList<>(shards.values()));
            return new Result(manifestFile, written, verified, made, resumed, m.complete(), nonFinite,
                    (System.nanoTime() - start) / 1e9, sampling, guardNanos[0] / 1e9);
        }

        private static boolean intact(Path dir, GenerateManifest.Shard s) throws IOException {
            return s.crc32c().equals(ShardFiles.crc32c(dir.resolve(s.file()))) && (s.sheet() == null
                    || s.sheetCrc32c().equals(ShardFiles.crc32c(dir.resolve(s.sheet()))));
        }

        /**
         * Makes shard {@code j}: its batches streamed into the .npy, then its contact sheet; {@code estimateFor} > 0 for
         * the run's first shard: the run-time estimate for that many samples is told after its first batch.
         */
        private GenerateManifest.Shard shard(BatchLoop loop, Path dir, int j, long estimateFor) throws IOException {
            long first = layout.first(j);
            int rows = layout.rows(j);
            int dataDim = p.model().shape().size();
            boolean sheet = ShardFiles.hasSheet(dims);
            int shown = Math.min(rows, ShardFiles.SHEET_SAMPLES);
            float[] images = sheet ? new float[shown * dataDim] : null;
            List<GenerateManifest.NonFinite> bad = new ArrayList<>();
            long[] shape = new long[dims.length + 1];
            shape[0] = rows;
            for (int i = 0; i < dims.length; i++) {
                shape[i + 1] = dims[i];
            }
            String crc = ShardFiles.write(dir.resolve(ShardLayout.shardFile(j)), shape, out -> {
                for (int done = 0; done < rows; ) {
                    int n = Math.min(p.batch(), rows - done);
                    long t0 = System.nanoTime();
                    float[] data;
                    try {
                        data = loop.runAt(first + done, n, (step, steps, t) -> listener.step(n, step, steps));
                    } catch (NativeException | CudaException e) {
                        throw new IOException("the " + p.job().backend() + " backend failed at samples " + (first + done)
                                + "..: " + e.getMessage(), e);
                    }
                    long g = System.nanoTime();
                    guard(loop, first + done, n, data, dataDim, bad);
                    guardNanos[0] += System.nanoTime() - g;
                    if (estimateFor > 0 && done == 0) { // the run's first batch
                        double s = (System.nanoTime() - t0) / 1e9;
                        long left = estimateFor;
                        listener.note(String.format(Locale.ROOT, "first batch: %d samples in %.2f s (%.0f samples/s, "
                                + "start-up included); estimated run time for this part's %d samples: %s", n, s, n / s, left,
                                duration(s * left / n)));
                    }
                    if (images != null && done < shown) {
                        System.arraycopy(data, 0, images, done * dataDim, Math.min(n, shown - done) * dataDim);
                    }
                    Npy.writeFloats(out, data, 0, data.length);
                    done += n;
                    listener.samples(n);
                }
            });
            String sheetCrc = sheet ? ShardFiles.writeSheet(dir.resolve(ShardLayout.sheetFile(j)), images, dims, shown) : null;
            return new GenerateManifest.Shard(j, first, rows, ShardLayout.shardFile(j), crc,
                    sheet ? ShardLayout.sheetFile(j) : null, sheetCrc, bad);
        }

        /**
         * The NaN/Inf guard: one pass over the batch's output; only when it finds a non-finite value is the batch
         * replayed with a check after every step, to name the step where each bad sample first went non-finite.
         */
        private void guard(BatchLoop loop, long first, int rows, float[] data, int dataDim,
                List<GenerateManifest.NonFinite> bad) throws IOException {
            boolean finite = true;
            for (float v : data) {
                finite &= Float.isFinite(v); // no branch in the hot loop
            }
            if (finite) {
                return;
            }
            int steps = p.plan().grid().steps();
            int[] at = loop.firstNonFiniteSteps(first, rows);
            List<GenerateManifest.NonFinite> found = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                boolean rowBad = at[r] > 0;
                for (int i = r * dataDim; !rowBad && i < (r + 1) * dataDim; i++) {
                    rowBad = !Float.isFinite(data[i]);
                }
                if (rowBad) {
                    found.add(new GenerateManifest.NonFinite(first + r, at[r] > 0 ? at[r] : steps));
                    Arrays.fill(data, r * dataDim, (r + 1) * dataDim, Float.NaN);
                }
            }
            if (onNan == OnNan.SKIP) {
                bad.addAll(found);
                return;
            }
            int step = found.stream().mapToInt(GenerateManifest.NonFinite::step).min().orElse(steps);
            List<Long> atStep = found.stream().filter(f -> f.step() == step).map(GenerateManifest.NonFinite::sample).toList();
            throw new JobException(String.format(Locale.ROOT, "%d sample(s) went non-finite (NaN or Inf): first after "
                    + "solver step %d of %d (t = %.6g), samples %s%s%s; the model or the settings are numerically "
                    + "unstable. Finished shards are kept; --on-nan skip lists such samples in the manifest and goes on",
                    found.size(), step, steps, p.plan().grid().at(step), list(atStep),
                    found.size() > atStep.size() ? " (" + (found.size() - atStep.size()) + " more at later steps)" : "",
                    ""));
        }

        private static String list(List<Long> samples) {
            String s = samples.stream().limit(20).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
            return samples.size() > 20 ? s + ", ... (" + samples.size() + " in all)" : s;
        }
    }
}
