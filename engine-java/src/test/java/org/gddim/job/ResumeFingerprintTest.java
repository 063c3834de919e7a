package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run trusts contents, not paths (issue G item 5): a model or noise file changed between the
 * interruption and the rerun is refused by name, instead of mixing rows of two models under one manifest.
 */
class ResumeFingerprintTest {
    @TempDir
    Path dir;

    private SampleJob job(ModelSource model, Path noise, Path out) {
        return new SampleJob(ProcessKind.VP, model, new SolverSpec(SolverKind.GDDIM, 2, Corrector.NONE, true, Double.NaN,
                EpsFrame.R), GridKind.LOGSNR, 6, Double.NaN, Double.NaN, 40, 3, noise, BackendKind.NATIVE, GraphMode.AUTO,
                16, 0, out, false);
    }


    private static String mixture(double shift) {
        return "{\"weights\": [0.5, 0.5], \"means\": [[" + shift + ", 0], [1, 1]], \"variances\": [[0.1, 0.1], [0.2, 0.2]]}";
    }

    @Test
    void aModelFileChangedSinceTheInterruptionIsRefused() throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, mixture(0));
        Path out = dir.resolve("out");
        ModelSource source = new ModelSource.GmmFile(model);
        assertThrows(IllegalStateException.class, () -> SampleRun.execute(job(source, null, out), Interruptions.afterSteps(2 * 6 + 3)));
        Files.writeString(model, mixture(-3)); // the same path, another mixture
        JobException e = assertThrows(JobException.class, () -> SampleRun.execute(job(source, null, out), RunListener.NONE));
        assertTrue(e.getMessage().contains("differing: model_sha256"), e.getMessage());

        Files.writeString(model, mixture(0)); // the original content again: it resumes
        SampleRun.execute(job(source, null, out), RunListener.NONE);
        Path fresh = dir.resolve("fresh");
        SampleRun.execute(job(source, null, fresh), RunListener.NONE);
        assertArrayEquals(Npy.readAll(fresh.resolve("samples.npy")), Npy.readAll(out.resolve("samples.npy")));
    }

    @Test
    void aNoiseFileChangedSinceTheInterruptionIsRefused() throws IOException {
        Path noise = dir.resolve("z.npy");
        float[] z = new float[40 * 2];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) Math.sin(i + 1.0);
        }
        Npy.write(noise, new long[] {40, 2}, z);
        Path out = dir.resolve("out");
        ModelSource source = new ModelSource.Default();
        assertThrows(IllegalStateException.class, () -> SampleRun.execute(job(source, noise, out), Interruptions.afterSteps(2 * 6 + 3)));
        z[70] = 2.5f; // a row of the last batch changes, the file's path and shape do not
        Npy.write(noise, new long[] {40, 2}, z);
        JobException e = assertThrows(JobException.class, () -> SampleRun.execute(job(source, noise, out), RunListener.NONE));
        assertTrue(e.getMessage().contains("differing: noise_sha256"), e.getMessage());
    }
}
