package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What protects a run's output folder (issue G item 5; resume fingerprints: job/ResumeFingerprintTest): one run at a
 * time per folder; an empty --out is refused; --force leaves no stale plot behind. A disk that fills up during a
 * run: job/FullDiskTest.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

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
}
