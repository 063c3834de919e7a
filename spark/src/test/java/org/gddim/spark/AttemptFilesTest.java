package org.gddim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol of task attempts on a {@code file:} folder, without Spark. */
class AttemptFilesTest {
    @TempDir
    Path dir;

    private AttemptFiles attempt(String tag) throws IOException {
        org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir.toUri());
        FileSystem fs = MakeShard.fileSystem(d, Map.of());
        return new AttemptFiles(fs, d, tag);
    }

    private static byte[] bytes(int seed) {
        byte[] b = new byte[100_000];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void speculativeTwinsCommitOneFileAndLeaveNothingElse() throws IOException {
        AttemptFiles a = attempt("1-3-0-11");
        AttemptFiles b = attempt("1-3-1-12");
        a.write("shard-000003.npy", out -> out.write(bytes(1)));
        b.write("shard-000003.npy", out -> out.write(bytes(1)));
        a.commit();
        b.commit(); // finds a's identical file: drops its own
        assertArrayEquals(bytes(1), Files.readAllBytes(dir.resolve("shard-000003.npy")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the final file (no .crc sidecar, no attempt file)");
        }
    }

    @Test
    void aStaleUnlistedFileIsReplacedAndAbortedOrKilledAttemptsVanish() throws IOException {
        Files.write(dir.resolve("shard-000000.npy"), bytes(2)); // a killed earlier run's file, not in any manifest
        AttemptFiles a = attempt("0-0-0-1");
        a.write("shard-000000.npy", out -> out.write(bytes(3)));
        a.commit();
        assertArrayEquals(bytes(3), Files.readAllBytes(dir.resolve("shard-000000.npy")));

        AttemptFiles failed = attempt("0-1-0-2");
        failed.write("shard-000001.npy", out -> out.write(bytes(4)));
        failed.abort();
        AttemptFiles killed = attempt("0-2-0-3");
        killed.write("shard-000002.npy", out -> out.write(bytes(5)));
        assertEquals(1, AttemptFiles.sweep(killed.attempt("x").getFileSystem(new org.apache.hadoop.conf.Configuration()),
                new org.apache.hadoop.fs.Path(dir.toUri())));
        try (var s = Files.list(dir)) {
            assertEquals(java.util.List.of("shard-000000.npy"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
