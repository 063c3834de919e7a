package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;
import org.gddim.io.Plots;

/**
 * The outputs part of a run: {@code count} samples of shape {@code dims} written batch by batch as atomic shards of
 * an {@link OutputFolder} (so a resumed run skips the finished ones), then assembled into {@code samples.npy}, drawn
 * ({@code samples.png}: an image grid for (C, H, W) data with C = 1 or 3, a scatter plot for 2-D data) and described
 * by {@code manifest.json}. Nothing here knows how the samples were made: batch loops of any product write here.
 */
public final class SampleOutputs implements AutoCloseable {
    private final OutputFolder folder;
    private final long count;
    private final int batch;
    private final int[] dims; // one sample's data shape (D...)
    private final int dataDim;

    private SampleOutputs(OutputFolder folder, long count, int batch, int[] dims) {
        this.folder = folder;
        this.count = count;
        this.batch = batch;
        this.dims = dims.clone();
        int d = 1;
        for (int n : dims) {
            d *= n;
        }
        this.dataDim = d;
    }

    /**
     * Checks and opens {@code out} for {@code count} samples in batches of {@code batch}; {@code settings} (the values
     * that determine the samples) is the resume fingerprint: an unfinished run with other settings is refused unless
     * {@code force}. Writes nothing but the folder's partial state.
     */
    public static SampleOutputs prepare(Path out, Map<String, Object> settings, boolean force, long count, int batch,
            int[] dims) {
        SampleOutputs outputs = new SampleOutputs(OutputFolder.prepare(out, JsonFiles.toJson(settings), force), count,
                batch, dims);
        try {
            outputs.checkSpace();
        } catch (RuntimeException e) {
            try {
                outputs.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return outputs;
    }

    /**
     * Refuses, with the figures, a run whose outputs cannot fit: the batches and the assembled samples.npy are each
     * {@code count * D * 4} bytes (float32), and both exist just before the batches are removed.
     */
    private void checkSpace() {
        double need = 2.0 * count * dataDim * Float.BYTES;
        long have;
        try {
            have = java.nio.file.Files.getFileStore(folder.dir()).getUsableSpace();
        } catch (IOException e) {
            return; // the file system does not say: the writes themselves will tell
        }
        if (need > have) {
            throw new JobException(String.format(java.util.Locale.ROOT, "--n %d samples of %d floats need about %s "
                    + "in %s (the batches and samples.npy), but only %s is free there; lower --n or free space",
                    count, dataDim, bytes(need), folder.dir(), bytes(have)));
        }
    }

    /** A size for people: "7.3 TiB". */
    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", b, units[u]);
    }

    /** Releases the output folder (its lock). */
    @Override
    public void close() throws IOException {
        folder.close();
    }

    /** Number of batches. */
    public int batches() {
        return (int) ((count + batch - 1) / batch);
    }

    /** Samples in batch {@code b} (the last one may be short). */
    public int rows(int b) {
        return (int) Math.min(batch, count - (long) b * batch);
    }

    /** Whether batch {@code b} was finished by an earlier run. */
    public boolean done(int b) {
        return folder.batchDone(b, rows(b));
    }

    /** Samples an earlier, interrupted run already wrote. */
    public long resumedSamples() {
        long done = 0;
        for (int b = 0; b < batches(); b++) {
            if (done(b)) {
                done += rows(b);
            }
        }
        return done;
    }

    /** Writes batch {@code b}'s data, (rows, D...) row-major, refusing non-finite values. */
    public void write(int b, float[] data) throws IOException {
        checkFinite(data, (long) b * batch);
        Npy.write(folder.batchFile(b), shape(rows(b)), data);
    }

    /** What {@link #finish} wrote. */
    public record Files(Path samples, Path plot, Path manifest) {}

    /**
     * Assembles the samples, draws the plot ({@code scatterTitle} for 2-D data) and writes the manifest that
     * {@code manifest} builds from the outputs' names, then removes the partial state.
     */
    public Files finish(String scatterTitle, java.util.function.Function<List<String>, Map<String, Object>> manifest)
            throws IOException {
        Path samples = folder.assemble(batches(), shape(count));
        Path plot;
        try {
            plot = plot(samples, scatterTitle);
            if (plot == null) {
                java.nio.file.Files.deleteIfExists(folder.dir().resolve(OutputFolder.PLOT)); // an earlier run's (--force)
            }
        } catch (IOException | RuntimeException e) {
            // samples.npy without its manifest would make a rerun refuse the folder: take it back; the finished
            // batches stay in the partial state, so the same command finishes the job once the cause is gone
            java.nio.file.Files.deleteIfExists(samples);
            throw new IOException("could not write " + folder.dir().resolve(OutputFolder.PLOT) + ": "
                    + (e instanceof IOException io ? org.gddim.io.AtomicFiles.describe(io) : e.toString())
                    + "; every finished batch is kept: rerun the same command to finish", e);
        }
        List<String> outputs = plot == null ? List.of(samples.getFileName().toString())
                : List.of(samples.getFileName().toString(), plot.getFileName().toString());
        Path manifestFile = folder.writeManifest(manifest.apply(outputs));
        folder.deletePartial();
        return new Files(samples, plot, manifestFile);
    }

    private Path plot(Path samples, String scatterTitle) throws IOException {
        if (dims.length == 3 && (dims[0] == 1 || dims[0] == 3)) { // images (C, H, W): a grid of the first 64
            int shown = (int) Math.min(count, 64);
            float[] images = new float[shown * dataDim];
            Npy.readRows(samples, Npy.readHeader(samples), 0, shown, images);
            Path plot = folder.dir().resolve(OutputFolder.PLOT);
            Plots.imageGrid(plot, images, dims, shown, 8, -1, 1, 3);
            return plot;
        }
        if (dataDim == 2) {
            int shown = (int) Math.min(count, 20_000);
            float[] xy = new float[shown * 2];
            Npy.readRows(samples, Npy.readHeader(samples), 0, shown, xy);
            Path plot = folder.dir().resolve(OutputFolder.PLOT);
            Plots.scatter(plot, scatterTitle + " (" + shown + " shown)", xy, shown);
            return plot;
        }
        return null;
    }

    private long[] shape(long rows) {
        long[] s = new long[dims.length + 1];
        s[0] = rows;
        for (int i = 0; i < dims.length; i++) {
            s[i + 1] = dims[i];
        }
        return s;
    }

    private void checkFinite(float[] x, long firstSample) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            throw new JobException("sampling produced " + bad + " non-finite values (first in sample "
                    + (firstSample + first / dataDim) + "); the model or the settings are numerically unstable. "
                    + "Finished batches are kept for a resumed run");
        }
    }
}
