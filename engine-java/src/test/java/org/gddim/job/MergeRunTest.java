package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gddim.backend.BackendKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * N machines' parts (--shard I/N into separate folders) merged equal one machine's folder byte for byte; merge
 * refuses gaps, overlaps, parts of another job (naming the setting) and files that do not match their checksum,
 * before it writes anything.
 */
class MergeRunTest {
    @TempDir
    Path dir;

    private Map<String, byte[]> one;

    private Path part(String name, int i, int n, long seed) throws IOException {
        Path out = dir.resolve(name);
        GenerateRun.execute(Generates.job(out, 1000, 40, BackendKind.NATIVE, seed), Generates.part(90, i, n),
                GenerateListener.NONE);
        return out;
    }

    @BeforeEach
    void oneMachine() throws IOException {
        Path out = dir.resolve("one");
        GenerateRun.execute(Generates.job(out, 1000, 40, BackendKind.NATIVE, 4), Generates.whole(90), GenerateListener.NONE);
        one = Generates.files(out);
    }

    @Test
    void mergedPartsAreByteIdenticalToOneMachine() throws IOException {
        List<Path> parts = List.of(part("p3", 3, 4, 4), part("p1", 1, 4, 4), part("p2", 2, 4, 4), part("p4", 4, 4, 4));
        MergeRun.Result r = MergeRun.execute(parts, dir.resolve("merged"), false);
        assertEquals(12, r.shards());
        Map<String, byte[]> merged = Generates.files(dir.resolve("merged"));
        assertEquals(one.keySet(), merged.keySet());
        for (String f : one.keySet()) {
            assertArrayEquals(one.get(f), merged.get(f), f);
        }
        assertTrue(GenerateManifest.read(dir.resolve("merged/manifest.json")).complete());
    }

    @Test
    void gapsOverlapsForeignPartsAndCorruptFilesAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path p1 = part("p1", 1, 3, 4);
        Path p2 = part("p2", 2, 3, 4);
        Path p3 = part("p3", 3, 3, 4);
        Path out = dir.resolve("merged");
        var gap = assertThrows(JobException.class, () -> MergeRun.execute(List.of(p1, p3), out, false));
        assertTrue(gap.getMessage().contains("miss shards 4..7 (samples 360..719)"), gap.getMessage());
        var overlap = assertThrows(JobException.class, () -> MergeRun.execute(List.of(p1, p2, p3, dir.resolve("one")),
                out, false));
        assertTrue(overlap.getMessage().startsWith("shard 0 (samples 0..89) is in both"), overlap.getMessage());
        Path foreign = part("q2", 2, 3, 5);
        var seed = assertThrows(JobException.class, () -> MergeRun.execute(List.of(p1, foreign, p3), out, false));
        assertTrue(seed.getMessage().contains("other settings") && seed.getMessage().contains("differing: noise, seed"),
                seed.getMessage());
        Files.write(p2.resolve("shard-000005.npy"), new byte[] {0, 0, 0});
        var crc = assertThrows(JobException.class, () -> MergeRun.execute(List.of(p1, p2, p3), out, false));
        assertTrue(crc.getMessage().startsWith(p2.resolve("shard-000005.npy") + " does not match its CRC32C"),
                crc.getMessage());
        assertFalse(Files.exists(out.resolve("manifest.json")));
        assertFalse(Files.exists(out.resolve("shard-000000.npy")), "nothing written by a refused merge");

        GenerateRun.execute(Generates.job(p2, 1000, 40, BackendKind.NATIVE, 4), Generates.part(90, 2, 3),
                GenerateListener.NONE); // the part's own command repairs it
        MergeRun.execute(List.of(p1, p2, p3), out, false);
        for (String f : one.keySet()) {
            assertArrayEquals(one.get(f), Generates.files(out).get(f), f);
        }
    }
}
