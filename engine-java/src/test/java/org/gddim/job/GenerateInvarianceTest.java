package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample i of generate is a function of (seed, i) alone: bit-identical (float32 bits) whatever the batch size, the shard
 * size, the split into --shard parts or the ONNX thread count, and equal to what sample writes; across backends
 * (java vs native C) the same noise gives values within float32 rounding of each other (not the same bits: the C
 * kernels contract multiply-adds).
 */
class GenerateInvarianceTest {
    @TempDir
    Path dir;

    private float[] generate(String name, SampleJob job, GenerateRun.Options options) throws IOException {
        GenerateRun.execute(job, options, GenerateListener.NONE);
        return Generates.samples(dir.resolve(name));
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                throw new AssertionError(what + ": element " + i + " (sample " + i / 8 + ") is " + got[i] + ", want " + want[i]);
            }
        }
    }

    @Test
    void batchSizeShardSizeAndShardLayoutChangeNoBit() throws IOException {
        long n = 1000;
        float[] want = generate("a", Generates.job(dir.resolve("a"), n, 100, BackendKind.NATIVE, 5), Generates.whole(100));
        assertEquals(n * 8, want.length);
        assertSameBits(want, generate("b", Generates.job(dir.resolve("b"), n, 7, BackendKind.NATIVE, 5), Generates.whole(100)),
                "batch 7");
        assertSameBits(want, generate("c", Generates.job(dir.resolve("c"), n, 64, BackendKind.NATIVE, 5), Generates.whole(333)),
                "batch 64, shards of 333");
        assertSameBits(want, generate("d", Generates.job(dir.resolve("d"), n, null, BackendKind.NATIVE, 5), Generates.whole(1000)),
                "one shard, default batch");
        for (int p = 1; p <= 3; p++) { // three parts into one folder: the shards of one machine
            GenerateRun.execute(Generates.job(dir.resolve("e"), n, 50, BackendKind.NATIVE, 5), Generates.part(90, p, 3),
                    GenerateListener.NONE);
        }
        assertSameBits(want, Generates.samples(dir.resolve("e")), "parts 1..3 of 3, shards of 90");

        SampleRun.execute(Generates.job(dir.resolve("s"), n, 128, BackendKind.NATIVE, 5), RunListener.NONE);
        assertSameBits(want, Npy.readAll(dir.resolve("s/samples.npy")), "gddim sample's samples.npy");
    }

    @Test
    void aStochasticSolverDrawsTheSameNoisePerSampleWhateverTheBatching() throws IOException {
        SolverSpec em = new SolverSpec(SolverKind.GDDIM, 1, Corrector.NONE, true, 1.0, EpsFrame.R); // stochastic gDDIM
        java.util.function.BiFunction<String, Integer, SampleJob> job = (name, batch) -> new SampleJob(ProcessKind.VP,
                new ModelSource.GmmFile(Generates.GMM), em, GridKind.LOGSNR, 8, Double.NaN, Double.NaN, 300, 11, null,
                BackendKind.NATIVE, GraphMode.AUTO, batch, 0, dir.resolve(name), false);
        float[] want = generate("x", job.apply("x", 300), Generates.whole(300));
        assertSameBits(want, generate("y", job.apply("y", 13), Generates.whole(40)), "stochastic, batch 13, shards of 40");
    }

    @Test
    void theJavaAndNativeBackendsAgreeToFloatRounding() throws IOException {
        float[] c = generate("n", Generates.job(dir.resolve("n"), 200, 50, BackendKind.NATIVE, 2), Generates.whole(100));
        float[] java = generate("j", Generates.job(dir.resolve("j"), 200, 50, BackendKind.JAVA, 2), Generates.whole(100));
        double worst = 0;
        for (int i = 0; i < c.length; i++) {
            worst = Math.max(worst, Math.abs(c[i] - java[i]) / (1 + Math.abs(c[i])));
        }
        assertEquals(0, worst, 2e-5, "largest |native - java| / (1 + |x|)");
    }

    @Test
    void theOnnxThreadCountChangesNoBit() throws IOException {
        java.util.function.BiFunction<String, Integer, SampleJob> job = (name, threads) -> new SampleJob(ProcessKind.EDM,
                new ModelSource.OnnxFile(Fixtures.modelsDir().resolve("mnist-edm.onnx")),
                new SolverSpec(SolverKind.DPMPP, 2, Corrector.NONE, true, Double.NaN, EpsFrame.R), GridKind.EDM, 3,
                Double.NaN, Double.NaN, 6, 4, null, BackendKind.NATIVE, GraphMode.AUTO, threads == 1 ? 6 : 4, threads,
                dir.resolve(name), false);
        float[] one = generate("t1", job.apply("t1", 1), Generates.whole(6));
        assertArrayEquals(one, generate("t2", job.apply("t2", 2), Generates.whole(4)), "2 threads, batch 4, shards of 4");
    }
}
