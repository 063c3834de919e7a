package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted job keeps its finished batches and a rerun with the same settings resumes from them. */
class SampleRunResumeTest {
    @TempDir
    Path dir;

    private SampleJob job(Path out, long seed, boolean force) {
        return new SampleJob(ProcessKind.VP, new ModelSource.Default(),
                new SolverSpec(SolverKind.GDDIM, 2, Corrector.NONE, true, Double.NaN, org.gddim.solver.EpsFrame.R), GridKind.LOGSNR, 6, Double.NaN, Double.NaN, 40, seed, null,
                BackendKind.NATIVE, GraphMode.AUTO, 16, 0, out, force);
    }


    @Test
    void anInterruptedJobResumesAndMatchesAnUninterruptedOne() throws IOException {
        Path full = dir.resolve("full");
        SampleRun.execute(job(full, 9, false), RunListener.NONE);
        Path resumed = dir.resolve("resumed");
        assertThrows(IllegalStateException.class, () -> SampleRun.execute(job(resumed, 9, false), Interruptions.afterSteps(2 * 6 + 3)));
        assertTrue(Files.exists(resumed.resolve(".gddim-partial/batch-000001.npy")), "two finished batches kept");
        assertTrue(!Files.exists(resumed.resolve("samples.npy")));
        SampleRun.Result r = SampleRun.execute(job(resumed, 9, false), RunListener.NONE);
        assertEquals(32, r.resumedSamples());
        assertArrayEquals(Npy.readAll(full.resolve("samples.npy")), Npy.readAll(resumed.resolve("samples.npy")));
    }

    @Test
    void anUnfinishedRunWithOtherSettingsIsNotSilentlyMixedIn() {
        Path out = dir.resolve("o");
        assertThrows(IllegalStateException.class, () -> SampleRun.execute(job(out, 1, false), Interruptions.afterSteps(7)));
        var e = assertThrows(JobException.class, () -> SampleRun.execute(job(out, 2, false), RunListener.NONE));
        assertTrue(e.getMessage().contains("holds an unfinished run with different settings"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SampleRun.execute(job(out, 2, true), Interruptions.afterSteps(3)));
    }
}
