package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gddim.backend.BackendKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during generate, on a real 256 KiB tmpfs (mounted where the test may: root; skipped
 * otherwise, with the reason), as FullDiskTest does for sample: another writer takes the free space in the middle of
 * a shard. The run stops with one line naming the file and the cause, every shard the manifest lists matches its
 * checksum, no temporary file is left, and the same command finishes once the space is back, byte-identical to an
 * uninterrupted run.
 */
class GenerateFullDiskTest {
    @TempDir
    Path dir;

    private SmallDisk disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    private Path smallDisk(int kib) throws Exception {
        disk = SmallDisk.mount(dir, kib);
        return disk.path();
    }

    /** Fills the file system with {@code filler} after the {@code at}-th batch: another writer taking the space. */
    private static GenerateListener fillDiskAfter(int at, Path filler) {
        return new GenerateListener() {
            int batches;

            public void begin(long total, long done, String label) {}

            public void samples(int count) {
                if (++batches == at) {
                    SmallDisk.fill(filler);
                }
            }

            public void note(String line) {}

            public void end() {}
        };
    }

    @Test
    void aDiskThatFillsUpStopsCleanlyAndTheSameCommandFinishesOnceSpaceIsBack() throws Exception {
        Path reference = dir.resolve("reference");
        GenerateRun.execute(Generates.job(reference, 2000, 250, BackendKind.NATIVE, 7), Generates.whole(500),
                GenerateListener.NONE);
        Map<String, byte[]> want = Generates.files(reference); // 64 kB of samples in 4 shards

        Path out = smallDisk(256).resolve("out");
        Path filler = out.getParent().resolve("filler");
        IOException e = assertThrows(IOException.class, () -> GenerateRun.execute(Generates.job(out, 2000, 250,
                BackendKind.NATIVE, 7), Generates.whole(500), fillDiskAfter(5, filler))); // in the middle of shard 2
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains(out.toString())
                && e.getMessage().contains("rerun the same command") && e.getMessage().lines().count() == 1, e.getMessage());
        GenerateManifest m = GenerateManifest.read(out.resolve("manifest.json"));
        assertEquals(2, m.shards().size(), "the two shards finished before the disk filled up are listed");
        for (GenerateManifest.Shard s : m.shards()) {
            assertEquals(s.crc32c(), ShardFiles.crc32c(out.resolve(s.file())), s.file() + " is intact");
        }
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temporary file is left");
        }

        Files.delete(filler); // space is back
        GenerateRun.Result r = GenerateRun.execute(Generates.job(out, 2000, 250, BackendKind.NATIVE, 7), Generates.whole(500),
                GenerateListener.NONE);
        assertEquals(1000, r.resumedSamples());
        Map<String, byte[]> got = Generates.files(out);
        assertEquals(want.keySet(), got.keySet());
        for (String f : want.keySet()) {
            assertArrayEquals(want.get(f), got.get(f), f + " is byte-identical to an uninterrupted run's");
        }
    }
}
