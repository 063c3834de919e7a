package org.gddim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.gddim.job.GenerateManifest;
import org.gddim.job.JobException;

/**
 * The output folder of a Spark generate job on a Hadoop file system: the same files as {@code gddim generate}'s
 * ({@code manifest.json}, {@code shard-NNNNNN.npy/.png}) plus, while the job runs, its tasks' attempt files.
 * {@link #prepare} refuses a foreign folder (files but no generate manifest, or another kind of manifest) and a
 * folder of a run with other settings, exactly as the CLI does; the manifest is replaced atomically (written to a
 * temporary name, renamed over the old one).
 */
final class OutputDir {
    static final String MANIFEST = "manifest.json";

    private final FileSystem fs;
    private final Path dir;
    private final Configuration conf;

    OutputDir(FileSystem fs, Path dir, Configuration conf) {
        this.fs = fs;
        this.dir = dir;
        this.conf = conf;
    }

    Path dir() {
        return dir;
    }

    FileSystem fs() {
        return fs;
    }

    /**
     * Creates the folder if needed and returns the earlier run's manifest to continue (null: a new run), after
     * checking it is this job's; with {@code force}, an earlier run's manifest and shards are deleted instead.
     */
    GenerateManifest prepare(JsonNode settings, boolean force) throws IOException {
        if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
            throw new JobException("--out " + dir + " is a file, not a folder");
        }
        fs.mkdirs(dir);
        Path manifestFile = new Path(dir, MANIFEST);
        String text = read(manifestFile);
        List<String> foreign = new ArrayList<>();
        for (FileStatus f : fs.listStatus(dir)) {
            String n = f.getPath().getName();
            boolean ours = n.equals(MANIFEST) || n.matches("shard-\\d{6}\\.(npy|png)") || AttemptFiles.isAttempt(n)
                    || n.startsWith("." + MANIFEST + ".tmp-");
            if (!ours) {
                foreign.add(n + (f.isDirectory() ? "/" : ""));
            }
        }
        if (text == null && !foreign.isEmpty()) {
            throw new JobException("--out " + dir + " is not a gddim generate folder: it holds " + foreign.getFirst()
                    + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "") + " but no " + MANIFEST
                    + "; choose a new or empty folder");
        }
        GenerateManifest found = text == null ? null : GenerateManifest.parse(text, manifestFile.toString());
        if (!foreign.isEmpty()) {
            throw new JobException("--out " + dir + " holds " + foreign.getFirst() + (foreign.size() > 1 ? " and "
                    + (foreign.size() - 1) + " more" : "") + " beside the generate manifest; a generate folder holds only "
                    + "its shards and manifest: move them away or choose another folder");
        }
        if (force) {
            for (FileStatus f : fs.listStatus(dir)) {
                fs.delete(f.getPath(), false);
            }
            return null;
        }
        if (found != null && !found.settings().equals(settings)) {
            throw new JobException(manifestFile + " is from a run with other settings (" + found.differencesFrom(settings) + "); rerun with its settings to continue it, choose another --out, or pass --force to "
                    + "start over");
        }
        return found;
    }

    /** Replaces the manifest atomically. */
    void write(GenerateManifest m) throws IOException {
        Path tmp = new Path(dir, "." + MANIFEST + ".tmp-driver");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(m.toJson().getBytes(StandardCharsets.UTF_8));
        }
        FileContext.getFileContext(dir.toUri(), conf).rename(tmp, new Path(dir, MANIFEST), Options.Rename.OVERWRITE);
    }

    /** Free bytes on the folder's file system, or -1 if it does not say. */
    long remaining() {
        try {
            return fs.getStatus(dir).getRemaining();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private String read(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
