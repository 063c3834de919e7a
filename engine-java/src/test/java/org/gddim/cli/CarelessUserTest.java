package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gddim.io.Npy;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the inputs a careless user was found to get past the checks (issue G, item 5): each one
 * is now refused with one line naming the input, exit code 2, no stack trace and no output files.
 */
class CarelessUserTest {
    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out");
    }

    private Cli sample(String... extra) {
        List<String> args = new ArrayList<>(List.of("sample", "--n", "8", "--progress", "off", "--out", out().toString()));
        if (!List.of(extra).contains("--nfe")) {
            args.addAll(List.of("--nfe", "5"));
        }
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertRefused(Cli r, String... expected) {
        assertEquals(2, r.exit(), "stdout: " + r.out() + "\nstderr: " + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
        assertFalse(r.err().contains("\tat org.gddim"), "no stack trace: " + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    private void assertNoOutput() {
        assertFalse(Files.exists(out().resolve("samples.npy")), "no samples.npy after a refused run");
        assertFalse(Files.exists(out().resolve("manifest.json")), "no manifest.json after a refused run");
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void notANumberIsNotTheDefault() {
        assertRefused(sample("--t-min", "NaN"), "Invalid value for option '--t-min': 'NaN' is not a finite number");
        assertRefused(sample("--t-max", "Infinity"), "Invalid value for option '--t-max': 'Infinity' is not a finite number");
        assertRefused(sample("--solver", "em", "--lambda", "NaN"), "Invalid value for option '--lambda': 'NaN'");
        assertNoOutput();
    }

    @Test
    void absurdNfeIsRefusedBeforeAnyAllocation() {
        assertRefused(sample("--nfe", "2000000000"), "more than the engine plans (at most 100000); lower --nfe");
        assertNoOutput();
    }

    @Test
    void aHugeRequestIsRefusedAtOnceWithTheFigures() {
        long start = System.nanoTime();
        Cli r = Cli.run("sample", "--n", "1000000000000000", "--nfe", "5", "--progress", "off", "--out", out().toString());
        assertRefused(r, "--n 1000000000000000 samples of 2 floats need about", "but only", "is free there");
        assertNoOutput();
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "refused before any sampling");
    }

    @Test
    void coefficientsThatCannotBeComputedAreARefusalNotAnInternalError() {
        // gDDIM's Cholesky frame on a discrete schedule: a coefficient integral over a sub-ulp interval
        assertRefused(sample("--process", "ddpm-linear", "--solver", "gddim", "--param", "L", "--nfe", "6"),
                "cannot plan gddim (order 2, --param L) on ddpm-linear with this grid: quadrature did not converge",
                "use --param R");
        assertNoOutput();
    }

    @Test
    void studyCountsMustBePositive() {
        Path doc = dir.resolve("q.md");
        String gmm = Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json").toString();
        assertRefused(Cli.run("quality", "--model", gmm, "--nfe", "0", "--doc", doc.toString()), "--nfe must be at least 1, got 0");
        assertRefused(Cli.run("quality", "--model", gmm, "--samples", "-1", "--doc", doc.toString()),
                "--samples must be at least 1, got -1");
        assertRefused(Cli.run("atlas", "--nfe", "5,-3", "--doc", doc.toString()), "--nfe must be at least 1, got -3");
        assertFalse(Files.exists(doc));
    }

    @Test
    void gmmJsonWithTrailingJunk() throws IOException {
        Path f = file("junk.json", "{\"weights\": [1], \"means\": [[0, 0]], \"variances\": [[1, 1]]}\n}garbage");
        assertRefused(sample("--model", "gmm:" + f), "model file " + f + ": malformed JSON at line 2");
        assertNoOutput();
    }

    @Test
    void gmmWeightsMustSumToOne() throws IOException {
        Path f = file("w.json", "{\"weights\": [0.3, 0.3], \"means\": [[0, 0], [1, 1]], \"variances\": [[1, 1], [1, 1]]}");
        assertRefused(sample("--model", "gmm:" + f), "model file " + f + ": 'weights' sum to 0.6, not 1");
        assertNoOutput();
    }

    @Test
    void anOnnxFileGivenAsGmm() {
        Path onnx = Fixtures.modelsDir().resolve("gmm/gmm-8d-5-vp.onnx");
        assertRefused(sample("--model", "gmm:" + onnx), "is not a UTF-8 JSON text", "use --model onnx:" + onnx);
        assertNoOutput();
    }

    @Test
    void noiseOfAnotherRankIsRefusedEvenWithTheSameSize() throws IOException {
        Path z = dir.resolve("z.npy");
        Npy.write(z, new long[] {8, 2, 1}, new float[16]);
        assertRefused(sample("--init-noise", z.toString()), "has shape (8, 2, 1)", "need (8, 2)");
        assertNoOutput();
    }

    @Test
    void truncatedNpyHeaderIsDescribedWithoutRawBytes() throws IOException {
        Path good = dir.resolve("good.npy");
        Npy.write(good, new long[] {8, 2}, new float[16]);
        Path z = dir.resolve("z.npy");
        Files.write(z, java.util.Arrays.copyOf(Files.readAllBytes(good), 40));
        Cli r = sample("--init-noise", z.toString());
        assertRefused(r, z + " is truncated: its .npy header declares");
        assertFalse(r.err().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r'), "no control bytes: " + r.err());
        assertNoOutput();
    }

    @Test
    void npyHeaderGarbageIsShownEscaped() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) 54);
        Path z = dir.resolve("z.npy");
        Files.write(z, b.array()); // 54 NUL bytes where the header dict should be
        Cli r = sample("--init-noise", z.toString());
        assertRefused(r, "unreadable .npy header");
        assertFalse(r.err().chars().anyMatch(c -> c == 0), "no NUL bytes: " + r.err());
    }

    @Test
    void exportGmmDoesNotOverwriteWithoutForce() throws IOException {
        Path f = file("model.onnx", "precious");
        assertRefused(Cli.run("export-gmm", "--out", f.toString()), f + " exists; use --force to replace it");
        assertEquals("precious", Files.readString(f));
        assertEquals(0, Cli.run("export-gmm", "--out", f.toString(), "--force").exit());
        assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).equals("precious"));
    }

    @Test
    void onnxMetadataIsCheckedNotIgnored() throws IOException {
        Path onnx = dir.resolve("m.onnx");
        Files.copy(Fixtures.modelsDir().resolve("gmm/gmm-8d-5-vp.onnx"), onnx);
        Path meta = dir.resolve("m.meta.json");
        String base = "\"gddim.prediction\": \"eps\", \"gddim.process\": \"vp\", \"gddim.time_input\": \"t\", "
                + "\"gddim.input_shape\": \"8\"";
        Files.writeString(meta, "{" + base + ", \"gddim.sigma_max\": \"NaN\"}");
        assertRefused(sample("--model", "onnx:" + onnx), "gddim.sigma_max = 'NaN' must be a positive finite number");
        Files.writeString(meta, "{" + base + ", \"gddim.time_scale\": \"NaN\"}");
        assertRefused(sample("--model", "onnx:" + onnx), "gddim.time_scale = 'NaN' must be a positive finite number");
        Files.writeString(meta, "{" + base + ", \"gddim.time_scael\": \"999\"}");
        assertRefused(sample("--model", "onnx:" + onnx), "unknown key gddim.time_scael");
        Files.writeString(meta, "{" + base + ", \"gddim.input_shape\": \"0\"}");
        assertRefused(sample("--model", "onnx:" + onnx), "must be positive integers");
        Files.writeString(meta, "{" + base + ", \"gddim.sigma_min\": \"2\", \"gddim.sigma_max\": \"1\"}");
        assertRefused(sample("--model", "onnx:" + onnx), "gddim.sigma_min = 2.0 is not below gddim.sigma_max = 1.0");
        assertNoOutput();
        Files.writeString(meta, "{" + base + ", \"gddim.info.trained_by\": \"me\"}");
        assertEquals(0, sample("--model", "onnx:" + onnx).exit(), "free-form gddim.info.* notes are accepted");
    }
}
