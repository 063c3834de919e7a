package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import org.gddim.io.AtomicFiles;

/**
 * Where the files of a shard go. {@link #write} stores the bytes {@code content} produces under a shard file name
 * ({@code shard-NNNNNN.npy} or {@code .png}) so that the name only ever holds complete content: a local folder writes
 * to a temporary name and renames ({@link #folder}); a cluster task writes to its task attempt's name and commits
 * by rename when the whole shard is made (org.gddim.spark).
 */
@FunctionalInterface
public interface ShardTarget {
    /** Stores what {@code content} writes as the file {@code name}. */
    void write(String name, AtomicFiles.Writer content) throws IOException;

    /** The shard files straight in {@code dir}, each written atomically. */
    static ShardTarget folder(Path dir) {
        return (name, content) -> AtomicFiles.write(dir.resolve(name), content);
    }
}
