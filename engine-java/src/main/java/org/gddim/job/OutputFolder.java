package org.gddim.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gddim.io.AtomicFiles;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;

/**
 * The output folder of a job: final files ({@code samples.npy}, {@code manifest.json}, {@code samples.png})
 * and the resumable partial state {@code .gddim-partial/} (the job's settings fingerprint and one atomically
 * written {@code batch-NNNNNN.npy} per finished batch).
 */
final class OutputFolder {
    static final String SAMPLES = "samples.npy";
    static final String MANIFEST = "manifest.json";
    static final String PLOT = "samples.png";
    static final String PARTIAL = ".gddim-partial";

    private final Path dir;
    private final Path partial;

    private OutputFolder(Path dir) {
        this.dir = dir;
        this.partial = dir.resolve(PARTIAL);
    }

    /**
     * Creates (if needed) and checks the folder: it must be a writable directory without earlier results
     * (unless {@code force}), and an unfinished run there must have the same settings (or {@code force}).
     * Returns the folder with its partial state ready; nothing else is written.
     */
    static OutputFolder prepare(Path dir, String fingerprint, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new JobException("--out " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new JobException("--out " + dir + " exists and is not a directory");
        } catch (IOException e) {
            throw new JobException("cannot create output directory " + dir + ": " + AtomicFiles.describe(e), e);
        }
        Path probe = dir.resolve(".gddim-write-test-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException e) {
            throw new JobException("output directory " + dir + " is not writable: " + AtomicFiles.describe(e), e);
        }
        if (Files.exists(dir.resolve(SAMPLES)) && !force) {
            throw new JobException(dir + " already holds " + SAMPLES + " from an earlier run; pass --force to replace it "
                    + "or choose another --out");
        }
        OutputFolder folder = new OutputFolder(dir);
        folder.openPartial(fingerprint, force);
        return folder;
    }

    private void openPartial(String fingerprint, boolean force) {
        Path job = partial.resolve("job.json");
        try {
            if (Files.exists(job)) {
                String old = Files.readString(job).strip();
                if (!old.equals(fingerprint)) {
                    if (!force) {
                        throw new JobException(dir + " holds an unfinished run with different settings; pass --force to "
                                + "discard it, or rerun with its settings (" + job + ") to resume it");
                    }
                    deletePartial();
                }
            }
            Files.createDirectories(partial);
            AtomicFiles.write(job, fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new JobException("cannot prepare " + partial + ": " + AtomicFiles.describe(e), e);
        }
    }

    Path dir() {
        return dir;
    }

    Path batchFile(int index) {
        return partial.resolve(String.format("batch-%06d.npy", index));
    }

    /** Whether batch {@code index} was finished (by this or an earlier run) with {@code rows} rows. */
    boolean batchDone(int index, long rows) {
        Path f = batchFile(index);
        if (!Files.exists(f)) {
            return false;
        }
        try {
            return Npy.readHeader(f).shape()[0] == rows;
        } catch (IOException e) {
            return false;
        }
    }

    /** Streams every batch, in order, into {@code samples.npy} of shape {@code shape}. */
    Path assemble(int batches, long[] shape) throws IOException {
        Path target = dir.resolve(SAMPLES);
        AtomicFiles.write(target, out -> {
            Npy.writeHeader(out, shape);
            for (int i = 0; i < batches; i++) {
                Npy.copyData(batchFile(i), out);
            }
        });
        return target;
    }

    Path writeManifest(Object manifest) throws IOException {
        Path target = dir.resolve(MANIFEST);
        JsonFiles.write(target, manifest);
        return target;
    }

    /** Removes the partial state once the final files are in place. */
    void deletePartial() throws IOException {
        if (!Files.exists(partial)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(partial)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
