package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;
import org.gddim.rng.GaussianNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gddim sample` end to end: outputs, determinism across batch sizes, backends and noise sources. */
class SampleCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesSamplesManifestAndPlot() throws IOException {
        Path out = dir.resolve("run");
        Cli r = Cli.run("sample", "--n", "64", "--seed", "3", "--nfe", "10", "--out", out.toString(), "--progress", "off");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + out.resolve("samples.npy")), r.out());
        Npy.Header h = Npy.readHeader(out.resolve("samples.npy"));
        assertArrayEquals(new long[] {64, 2}, h.shape());
        for (float x : Npy.readAll(out.resolve("samples.npy"))) {
            assertTrue(Float.isFinite(x) && Math.abs(x) < 10, "sample value " + x);
        }
        JsonNode m = JsonFiles.read(out.resolve("manifest.json"));
        assertEquals("gddim-run-manifest", m.get("format").asText());
        assertEquals(10, m.get("settings").get("nfe").asInt());
        assertEquals("gddim q=2", m.get("settings").get("method").asText());
        assertEquals(11, m.get("grid_times").size());
        assertTrue(Files.size(out.resolve("samples.png")) > 1000);
        assertFalse(Files.exists(out.resolve(".gddim-partial")), "partial state removed after success");
    }

    @Test
    void samplesDoNotDependOnBatchSize() throws IOException {
        float[] a = sample("a", "--batch", "64");
        float[] b = sample("b", "--batch", "7");
        assertArrayEquals(a, b);
    }

    @Test
    void javaAndNativeBackendsAgreeToFloatTolerance() throws IOException {
        float[] nat = sample("n", "--backend", "native");
        float[] java = sample("j", "--backend", "java");
        for (int i = 0; i < nat.length; i++) {
            assertEquals(java[i], nat[i], 1e-4 * (1 + Math.abs(java[i])), "element " + i);
        }
    }

    @Test
    void initNoiseFileGivesTheSameSamplesAsTheSeedThatDrewIt() throws IOException {
        float[] z = new float[64 * 2];
        GaussianNoise.fill(5, GaussianNoise.PRIOR_STREAM, 0, 64, 2, z, 0);
        Path noise = dir.resolve("z.npy");
        Npy.write(noise, new long[] {64, 2}, z);
        assertArrayEquals(sample("seeded", "--seed", "5"), sample("file", "--init-noise", noise.toString()));
    }

    @Test
    void theOnnxExportOfTheOracleSamplesLikeTheOracle() throws IOException {
        Path onnx = dir.resolve("gmm.onnx");
        Cli export = Cli.run("export-gmm", "--model", "default", "--process", "vp", "--out", onnx.toString());
        assertEquals(0, export.exit(), export.err());
        float[] exact = sample("exact");
        float[] viaOnnx = sample("onnx", "--model", "onnx:" + onnx, "--threads", "1");
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], viaOnnx[i], 1e-4 * (1 + Math.abs(exact[i])), "element " + i);
        }
    }

    @Test
    void ddimAndGddimOrderOneAgree() throws IOException {
        float[] ddim = sample("d", "--solver", "ddim");
        float[] gddim = sample("g", "--solver", "gddim", "--order", "1");
        for (int i = 0; i < ddim.length; i++) {
            assertEquals(ddim[i], gddim[i], 2e-6 * (1 + Math.abs(ddim[i])));
        }
    }

    private float[] sample(String name, String... extra) throws IOException {
        Path out = dir.resolve(name);
        String[] base = {"sample", "--n", "64", "--nfe", "8", "--out", out.toString(), "--progress", "off"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Cli r = Cli.run(args);
        assertEquals(0, r.exit(), r.err());
        return Npy.readAll(out.resolve("samples.npy"));
    }
}
