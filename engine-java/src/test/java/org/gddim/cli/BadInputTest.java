package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gddim.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input gives one clear message naming the problem, a non-zero exit, and no output files (the output
 * folder is only created once every input has been checked).
 */
class BadInputTest {
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

    private void assertRefused(Cli r, int exit, String... expected) {
        assertEquals(exit, r.exit(), "stdout: " + r.out() + "\nstderr: " + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
        assertFalse(Files.exists(out().resolve("samples.npy")), "no samples.npy after a refused run");
        assertFalse(Files.exists(out().resolve("manifest.json")), "no manifest.json after a refused run");
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void malformedJson() throws IOException {
        Path f = file("bad.json", "{\"weights\": [1],\n \"means\": [[0, 0]\n");
        assertRefused(sample("--model", "gmm:" + f), 2, "model file " + f + ": malformed JSON at line");
        assertFalse(Files.exists(out()), "the output folder is not even created");
    }

    @Test
    void inconsistentJson() throws IOException {
        Path f = file("k.json", "{\"weights\": [0.5, 0.5], \"means\": [[0, 0]], \"variances\": [[1, 1]]}");
        assertRefused(sample("--model", "gmm:" + f), 2, "'means' has 1 entries but 'weights' has 2");
    }

    @Test
    void nonPositiveDefiniteCovariance() throws IOException {
        Path f = file("npd.json", "{\"weights\": [1], \"means\": [[0, 0]], \"covariances\": [[[1, 2], [2, 1]]]}");
        assertRefused(sample("--model", "gmm:" + f), 2, "covariances[0] is not positive definite");
    }

    @Test
    void missingModelFile() {
        assertRefused(sample("--model", "gmm:" + dir.resolve("nope.json")), 2, "does not exist");
    }

    @Test
    void unknownModelKind() {
        assertRefused(sample("--model", "onnx"), 2, "unknown model 'onnx'");
    }

    @Test
    void wrongNoiseShape() throws IOException {
        Path z = dir.resolve("z.npy");
        Npy.write(z, new long[] {8, 3}, new float[24]);
        assertRefused(sample("--init-noise", z.toString()), 2, "has shape (8, 3)", "need (8, 2)");
    }

    @Test
    void nanInNoise() throws IOException {
        Path z = dir.resolve("z.npy");
        float[] data = new float[16];
        data[11] = Float.NaN;
        Npy.write(z, new long[] {8, 2}, data);
        assertRefused(sample("--init-noise", z.toString()), 2, "element 11 (sample 5, index 1) is NaN");
    }

    @Test
    void infInNoise() throws IOException {
        Path z = dir.resolve("z.npy");
        float[] data = new float[16];
        data[0] = Float.POSITIVE_INFINITY;
        Npy.write(z, new long[] {8, 2}, data);
        assertRefused(sample("--init-noise", z.toString()), 2, "element 0 (sample 0, index 0) is Infinity");
    }

    @Test
    void noiseFileThatIsNotNpy() throws IOException {
        Path z = file("z.npy", "hello");
        assertRefused(sample("--init-noise", z.toString()), 2, "is not a .npy file");
    }

    @Test
    void unknownFlag() {
        assertRefused(sample("--frobnicate", "3"), 2, "Unknown options: '--frobnicate'");
    }

    @Test
    void unknownProcess() {
        assertRefused(sample("--process", "cld2"), 2, "'cld2' is not one of vp, vp-cosine, ve, edm, cld, bdm, fdm-vp, fdm-ve, fdm-edm");
    }

    @Test
    void sscsIsCldsSampler() {
        assertRefused(sample("--process", "vp", "--solver", "sscs"), 2, "sscs is the sampler of CLD");
    }

    @Test
    void ddimNeedsAnIsotropicProcess() {
        assertRefused(sample("--process", "cld", "--solver", "ddim"), 2, "ddim is defined for isotropic processes, not cld");
    }

    @Test
    void cldHasNoNoiseLevelForTheLogsnrGrid() {
        assertRefused(sample("--process", "cld", "--grid", "logsnr"), 2, "the logsnr grid needs a scalar noise level");
    }

    @Test
    void stochasticGddimIsFirstOrder() {
        assertRefused(sample("--lambda", "0.5", "--order", "2"), 2, "stochastic gDDIM (--lambda > 0) is implemented at order 1");
    }

    @Test
    void paramIsForGddim() {
        assertRefused(sample("--solver", "em", "--param", "L"), 2, "--param applies to gddim only");
        assertRefused(sample("--param", "X"), 2, "'X' is not one of R, L");
    }

    @Test
    void lambdaMustBeNonNegative() {
        assertRefused(sample("--solver", "em", "--lambda", "-1"), 2, "--lambda must be a finite number >= 0");
        assertRefused(sample("--solver", "sscs", "--process", "cld", "--lambda", "0.5"), 2, "--lambda does not apply");
    }

    @Test
    void bdmNeedsImages() {
        assertRefused(sample("--process", "bdm"), 2, "bdm needs image data of shape (C, H, W)");
    }

    @Test
    void bdmNeedsCovariancesDiagonalInTheDctBasis() throws IOException {
        Path f = file("img.json", "{\"weights\": [1], \"means\": [[0, 0, 0, 0]], \"shape\": [1, 2, 2], "
                + "\"variances\": [[0.1, 0.2, 0.1, 0.1]]}");
        assertRefused(sample("--process", "bdm", "--model", "gmm:" + f), 2, "diagonal in the DCT basis");
    }

    @Test
    void nfeBelowOrder() {
        assertRefused(sample("--nfe", "2", "--order", "3"), 2, "--nfe 2 is less than 3");
    }

    @Test
    void ddimWithAnOrder() {
        assertRefused(sample("--solver", "ddim", "--order", "2"), 2, "ddim has order 1");
    }

    @Test
    void badBatch() {
        assertRefused(sample("--batch", "0"), 2, "--batch must be at least 1");
    }

    @Test
    void tMinAboveTMax() {
        assertRefused(sample("--t-min", "0.5", "--t-max", "0.2"), 2, "--t-min 0.5 must be below --t-max 0.2");
    }

    @Test
    void unwritableOutputDirectory() throws IOException {
        Path blocker = file("plain-file", "x");
        Cli r = Cli.run("sample", "--n", "8", "--nfe", "5", "--progress", "off", "--out", blocker.resolve("sub").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cannot create output directory " + blocker.resolve("sub")), r.err());
    }

    @Test
    void outputPathThatIsAFile() throws IOException {
        Path f = file("out.txt", "x");
        Cli r = Cli.run("sample", "--n", "8", "--nfe", "5", "--progress", "off", "--out", f.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("exists and is not a directory"), r.err());
    }

    @Test
    void cudaGraphsNeedTheCudaBackend() {
        assertRefused(sample("--cuda-graph", "on", "--backend", "native"), 2, "--cuda-graph on needs --backend cuda");
    }

    @Test
    void cudaBackendWithoutAGpuSaysWhy() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                org.gddim.bindings.Cuda.probe() instanceof org.gddim.bindings.Cuda.Unusable, "a GPU is present");
        assertRefused(sample("--backend", "cuda"), 2, "backend 'cuda' is unavailable: ");
        assertFalse(Files.exists(out()), "nothing written");
    }

    @Test
    void earlierResultsAreNotOverwrittenWithoutForce() {
        assertEquals(0, sample().exit());
        Cli again = sample();
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already holds samples.npy"), again.err());
        assertEquals(0, sample("--force").exit());
    }
}
