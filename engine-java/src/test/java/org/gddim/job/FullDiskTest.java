package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gddim.backend.BackendKind;
import org.gddim.io.Npy;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while a run writes (issue G item 5), on a real small file system: a 256 KiB tmpfs, mounted
 * where the test may (root; skipped otherwise, with the reason). Another writer takes the free space after the
 * second batch; the run stops with one message naming the file and the cause, leaves only complete batches and no
 * final file, and the same job finishes once the space is back, byte-identical to an uninterrupted run.
 */
class FullDiskTest {
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

    private static SampleJob job(Path out) {
        return new SampleJob(ProcessKind.VP, new ModelSource.GmmFile(Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json")),
                new SolverSpec(SolverKind.GDDIM, 2, Corrector.NONE, true, Double.NaN, EpsFrame.R), GridKind.LOGSNR, 5,
                Double.NaN, Double.NaN, 2000, 7, null, BackendKind.NATIVE, GraphMode.AUTO, 250, 0, out, false);
    }

    /** Fills the file system with {@code filler} at the {@code at}-th step: another writer taking the space. */
    private static RunListener fillDiskAt(int at, Path filler) {
        return new RunListener() {
            int steps;

            @Override
            public void begin(long totalSteps, long doneSteps, String label) {}

            @Override
            public void step() {
                if (++steps == at) {
                    SmallDisk.fill(filler);
                }
            }

            @Override
            public void end() {}
        };
    }

    @Test
    void aDiskThatFillsUpStopsTheRunCleanlyAndTheSameJobFinishesOnceSpaceIsBack() throws Exception {
        Path reference = dir.resolve("reference");
        SampleRun.execute(job(reference), RunListener.NONE);
        byte[] want = Files.readAllBytes(reference.resolve("samples.npy")); // 64 kB of samples

        Path disk = smallDisk(256);
        Path out = disk.resolve("out");
        Path filler = disk.resolve("filler");
        IOException e = assertThrows(IOException.class, () -> SampleRun.execute(job(out), fillDiskAt(2 * 5 + 2, filler)));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains(out.toString()),
                e.getMessage());
        assertFalse(Files.exists(out.resolve("samples.npy")), "no partial samples.npy");
        assertFalse(Files.exists(out.resolve("manifest.json")));
        int kept = 0;
        try (var partial = Files.list(out.resolve(".gddim-partial"))) {
            for (Path f : partial.filter(f -> f.getFileName().toString().startsWith("batch-")).toList()) {
                assertEquals(250, Npy.readHeader(f).shape()[0], "every batch file left is complete: " + f);
                kept++;
            }
        }
        assertEquals(2, kept, "the two batches finished before the disk filled up are kept");

        Files.delete(filler); // space is back
        SampleRun.Result r = SampleRun.execute(job(out), RunListener.NONE);
        assertEquals(500, r.resumedSamples());
        assertArrayEquals(want, Files.readAllBytes(out.resolve("samples.npy")), "byte-identical to an uninterrupted run");
    }
}
