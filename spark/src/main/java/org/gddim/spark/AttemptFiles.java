package org.gddim.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gddim.io.AtomicFiles;
import org.gddim.job.ShardFiles;
import org.gddim.job.ShardTarget;

/**
 * The shard files of one task attempt, the way Spark's own output committers do it: each file is written as
 * {@code .NAME.attempt-TAG} in the output folder ({@code TAG} = stage, partition, attempt number and task attempt
 * id, so no two attempts share a name), and {@link #commit} renames them to their final names only once the whole
 * shard is made. A final name therefore only ever holds a complete file of some attempt; since a shard's bytes
 * depend only on the job, every attempt's are the same, and a commit that finds the final file already there with
 * the same CRC32C (a speculative twin committed first) just drops its own copy. A failed attempt deletes what it
 * wrote ({@link #abort}); what a killed one leaves is removed by {@link #sweep} when the job ends.
 */
final class AttemptFiles implements ShardTarget {
    static final String MARK = ".attempt-";

    private final FileSystem fs;
    private final Path dir;
    private final String tag;
    private final List<String> written = new ArrayList<>();

    AttemptFiles(FileSystem fs, Path dir, String tag) {
        this.fs = fs;
        this.dir = dir;
        this.tag = tag;
    }

    /** The attempt's temporary name of the shard file {@code name}. */
    Path attempt(String name) {
        return new Path(dir, "." + name + MARK + tag);
    }

    @Override
    public void write(String name, AtomicFiles.Writer content) throws IOException {
        Path p = attempt(name);
        written.add(name);
        try (OutputStream out = new java.io.BufferedOutputStream(fs.create(p, true), 1 << 16)) {
            content.write(out);
        } catch (IOException e) {
            throw new IOException("cannot write " + p + ": " + AtomicFiles.describe(e), e);
        }
    }

    /** Renames every file this attempt wrote to its final name (see the class doc for a twin's commit). */
    void commit() throws IOException {
        for (String name : written) {
            Path from = attempt(name);
            Path to = new Path(dir, name);
            if (fs.exists(to)) {
                if (crc32c(fs, to).equals(crc32c(fs, from))) { // a twin attempt committed the same bytes
                    fs.delete(from, false);
                    continue;
                }
                fs.delete(to, false); // a stale file of an unlisted, interrupted earlier attempt
            }
            if (!fs.rename(from, to)) {
                throw new IOException("cannot commit " + from + " as " + to + " (rename refused by " + fs.getScheme() + ")");
            }
        }
        written.clear();
    }

    /** Deletes what this attempt wrote and did not commit. */
    void abort() {
        for (String name : written) {
            try {
                fs.delete(attempt(name), false);
            } catch (IOException e) {
                // the job's sweep removes it
            }
        }
        written.clear();
    }

    /** Deletes every attempt file in {@code dir} (what killed attempts left); returns how many. */
    static int sweep(FileSystem fs, Path dir) throws IOException {
        int n = 0;
        for (FileStatus f : fs.listStatus(dir)) {
            if (isAttempt(f.getPath().getName()) && fs.delete(f.getPath(), false)) {
                n++;
            }
        }
        return n;
    }

    static boolean isAttempt(String name) {
        return name.startsWith(".shard-") && name.contains(MARK);
    }

    /** The CRC32C of a file, as the manifest lists it; null if there is no such file. */
    static String crc32c(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return ShardFiles.crc32c(in);
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
