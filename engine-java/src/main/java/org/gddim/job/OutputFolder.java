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
final class OutputFolder implements AutoCloseable {
    static final String SAMPLES = "samples.npy";
    static final String MANIFEST = "manifest.json";
    static final String PLOT = "samples.png";
    static final String PARTIAL = ".gddim-partial";
    /** Held (an advisory file lock) by the one run writing into the folder; the empty file stays. */
    static final String LOCK = ".gddim-lock";

    private final Path dir;
    private final Path partial;
    private final java.nio.channels.FileChannel lockChannel;
    private final java.nio.channels.FileLock lock;

    private OutputFolder(Path dir, java.nio.channels.FileChannel lockChannel, java.nio.channels.FileLock lock) {
        this.dir = dir;
        this.partial = dir.resolve(PARTIAL);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Releases the folder's lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    /** Takes the folder's lock, or refuses: another run (this or another process) is writing there. */
    static OutputFolder locked(Path dir) {
        java.nio.channels.FileChannel ch;
        try {
            ch = java.nio.channels.FileChannel.open(dir.resolve(LOCK), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JobException("cannot create the lock file in " + dir + ": " + AtomicFiles.describe(e), e);
        }
        java.nio.channels.FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by another run in this JVM
        } catch (IOException e) {
            closeQuietly(ch);
            throw new JobException("cannot lock " + dir.resolve(LOCK) + ": " + AtomicFiles.describe(e), e);
        }
        if (lock == null) {
            closeQuietly(ch);
            throw new JobException("another run is writing into " + dir + " (it holds " + LOCK + "); wait for it to "
                    + "finish or choose another --out");
        }
        return new OutputFolder(dir, ch, lock);
    }

    private static void closeQuietly(java.nio.channels.FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    /** Creates {@code dir} if needed and checks that it is a writable directory (named in every refusal as --out). */
    static void createWritable(Path dir) {
        if (dir.toString().isBlank()) {
            throw new JobException("--out is empty; name the output folder (e.g. --out out/run)");
        }
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
    }

    /**
     * Creates (if needed) and checks the folder: it must be a writable directory without earlier results
     * (unless {@code force}), and an unfinished run there must have the same settings (or {@code force}).
     * Returns the folder with its partial state ready; nothing else is written.
     */
    static OutputFolder prepare(Path dir, String fingerprint, boolean force) {
        createWritable(dir);
        if (Files.exists(dir.resolve(SAMPLES)) && !force) {
            throw new JobException(dir + " already holds " + SAMPLES + " from an earlier run; pass --force to replace it "
                    + "or choose another --out");
        }
        OutputFolder folder = locked(dir);
        try {
            folder.openPartial(fingerprint, force);
        } catch (RuntimeException e) {
            try {
                folder.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return folder;
    }

    private void openPartial(String fingerprint, boolean force) {
        Path job = partial.resolve("job.json");
        try {
            if (Files.exists(job)) {
                String old = Files.readString(job).strip();
                if (!old.equals(fingerprint)) {
                    if (!force) {
                        throw new JobException(dir + " holds an unfinished run with different settings ("
                                + differences(old, fingerprint) + "); pass --force to discard it, or rerun with its "
                                + "settings (" + job + ") to resume it");
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

    /** The top-level keys whose values differ between two settings objects, e.g. "model_sha256, seed". */
    static String differences(String oldJson, String newJson) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var a = mapper.readTree(oldJson);
            var b = mapper.readTree(newJson);
            java.util.Set<String> keys = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            List<String> differ = new ArrayList<>();
            for (String k : keys) {
                if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                    differ.add(k + (a.has(k) ? "" : " (new)"));
                }
            }
            return differ.isEmpty() ? "formatting only" : "differing: " + String.join(", ", differ);
        } catch (IOException e) {
            return "its settings file is unreadable";
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
