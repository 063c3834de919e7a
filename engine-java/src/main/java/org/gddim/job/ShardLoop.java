package org.gddim.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.gddim.bindings.CudaException;
import org.gddim.bindings.NativeException;
import org.gddim.io.Npy;

/**
 * The shard loop of one opened generate job: the listed shards of this part verified by their CRC32C, then each
 * missing shard made batch by batch through the NaN/Inf guard, written, and listed in the manifest, which is
 * rewritten after every shard. {@code guardNanos[0]} accumulates the guard's time.
 */
record ShardLoop(JobPipeline.Opened p, ShardLayout layout, JsonNode settings, int[] dims, GenerateRun.OnNan onNan,
        GenerateListener listener, Path manifestFile, long start, long[] guardNanos) {
    GenerateRun.Result run(List<GenerateManifest.Shard> listed) throws IOException {
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
                GenerateManifest.Shard s = shard(loop, ShardTarget.folder(dir), j, made == 0 ? layout.partSamples() - resumed : 0);
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
        return new GenerateRun.Result(manifestFile, written, verified, made, resumed, m.complete(), nonFinite,
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
    GenerateManifest.Shard shard(BatchLoop loop, ShardTarget target, int j, long estimateFor) throws IOException {
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
        String crc = ShardFiles.write(target, ShardLayout.shardFile(j), shape, out -> {
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
                            + "start-up included); estimated run time for the %d samples to make: %s", n, s, n / s, left,
                            GenerateRun.duration(s * left / n)));
                }
                if (images != null && done < shown) {
                    System.arraycopy(data, 0, images, done * dataDim, Math.min(n, shown - done) * dataDim);
                }
                Npy.writeFloats(out, data, 0, data.length);
                done += n;
                listener.samples(n);
            }
        });
        String sheetCrc = sheet ? ShardFiles.writeSheet(target, ShardLayout.sheetFile(j), images, dims, shown) : null;
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
        if (onNan == GenerateRun.OnNan.SKIP) {
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
