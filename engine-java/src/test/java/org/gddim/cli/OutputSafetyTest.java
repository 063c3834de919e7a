package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gddim.io.Npy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What protects a run's output folder (issue G item 5; resume fingerprints: job/ResumeFingerprintTest): one run at a
 * time per folder; an empty --out is refused; a full disk (a small tmpfs, where the test
 * may mount one) stops the run cleanly and the same command finishes it once space is back, byte-identical to an
 * uninterrupted run; --force leaves no stale plot behind.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Cli sample(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("sample", "--nfe", "5", "--progress", "off", "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void emptyOutIsRefused() {
        Cli r = sample(Path.of(""), "--n", "4");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out is empty"), r.err());
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefusedWhileTheFirstHoldsIt() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        try (FileChannel ch = FileChannel.open(out.resolve(".gddim-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            assertTrue(held.isValid(), "the test holds the folder, as a running job would");
            Cli r = sample(out, "--n", "4");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("another run is writing into " + out), r.err());
            assertFalse(Files.exists(out.resolve("samples.npy")));
        }
        assertEquals(0, sample(out, "--n", "4").exit(), "free again once the first run is gone");
    }

    @Test
    void forceOverAnEarlierRunLeavesNoStalePlot() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, sample(out, "--n", "8").exit()); // the 2-D default mixture: a scatter plot
        assertTrue(Files.exists(out.resolve("samples.png")));
        Path model = org.gddim.testing.Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json");
        assertEquals(0, sample(out, "--n", "8", "--model", "gmm:" + model, "--force").exit()); // 8-D: no plot
        assertFalse(Files.exists(out.resolve("samples.png")), "the earlier run's plot is not left beside new samples");
    }

    /** Mounts a tmpfs of {@code kib} KiB at a fresh folder, or skips the test where that is not allowed. */
    private Path smallDisk(int kib) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a small tmpfs here (needs root): full-disk test skipped");
        mounted = mount;
        return mount;
    }

    @Test
    void aFullDiskStopsCleanlyAndTheSameCommandFinishesOnceSpaceIsBack() throws Exception {
        Path reference = dir.resolve("reference");
        Path model = org.gddim.testing.Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json");
        String[] args = {"--model", "gmm:" + model, "--n", "2000", "--batch", "250"};
        assertEquals(0, sample(reference, args).exit());
        byte[] want = Files.readAllBytes(reference.resolve("samples.npy")); // 64 kB of samples

        Path disk = smallDisk(192);
        Path out = disk.resolve("out");
        Path filler = disk.resolve("filler");
        Files.write(filler, new byte[160 * 1024]); // room for some batches, not for all of them and samples.npy
        Cli full = sample(out, args);
        assertNotEquals(0, full.exit(), "a full disk fails the run");
        assertTrue(full.err().contains("No space left on device") || full.err().contains("no space"), full.err());
        assertFalse(full.err().contains("\tat org.gddim"), "one message, no stack trace: " + full.err());
        assertFalse(Files.exists(out.resolve("samples.npy")), "no partial samples.npy");
        assertFalse(Files.exists(out.resolve("manifest.json")));
        try (var partial = Files.list(out.resolve(".gddim-partial"))) {
            for (Path f : partial.filter(f -> f.getFileName().toString().startsWith("batch-")).toList()) {
                assertEquals(250, Npy.readHeader(f).shape()[0], "every batch file left is complete: " + f);
            }
        }

        Files.delete(filler); // space is back
        Cli resumed = sample(out, args);
        assertEquals(0, resumed.exit(), resumed.err());
        assertArrayEquals(want, Files.readAllBytes(out.resolve("samples.npy")), "byte-identical to an uninterrupted run");
    }
}
