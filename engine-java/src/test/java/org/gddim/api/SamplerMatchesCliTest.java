package org.gddim.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gddim.backend.BackendKind;
import org.gddim.cli.Main;
import org.gddim.io.Npy;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.SolverKind;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API's sample i is the CLI's row i, bit for bit on the CPU: {@code gddim sample} is run in-process (cli/Main) into
 * a temporary folder with one batch size, and the sampler, with another batch size, is asked for the same rows as one
 * array, as odd pieces out of order, into a direct FloatBuffer and through generate. Deterministic, stochastic (noise
 * keyed per sample and step) and CLD (two-plane state, x read out) jobs on the 8-D mixture of models/gmm.
 */
class SamplerMatchesCliTest {
    private static final int N = 37;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1} q={2} lambda={3} on {4}")
    @CsvSource({"vp, gddim, 3, NaN, native, 16, 5", "vp, gddim, 1, 1.0, native, 8, 13", "cld, gddim, 2, NaN, native, 10, 9",
            "edm, dpmpp, 2, NaN, java, 37, 6"})
    void everyRowEqualsTheCliRow(String process, String solver, int order, double lambda, String backend, int cliBatch,
            int apiBatch) throws IOException {
        String gmm = Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json").toString();
        Path out = tmp.resolve("cli");
        List<String> args = new ArrayList<>(List.of("sample", "--process", process, "--model", "gmm:" + gmm, "--solver",
                solver, "--order", "" + order, "--nfe", "10", "--n", "" + N, "--seed", "7", "--backend", backend,
                "--batch", "" + cliBatch, "--out", out.toString(), "--progress", "off"));
        if (!Double.isNaN(lambda)) {
            args.addAll(List.of("--lambda", "" + lambda));
        }
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        float[] cli = Npy.readAll(out.resolve("samples.npy"));

        ProcessKind kind = ProcessKind.valueOf(process.toUpperCase(java.util.Locale.ROOT));
        try (Sampler sampler = Sampler.builder().process(kind).model("gmm:" + gmm)
                .solver(org.gddim.job.SampleJob.solver(SolverKind.valueOf(solver.toUpperCase(java.util.Locale.ROOT)),
                        order, null, null, lambda, null))
                .nfe(10).seed(7).backend(BackendKind.valueOf(backend.toUpperCase(java.util.Locale.ROOT)))
                .batch(apiBatch).open()) {
            int d = sampler.sampleSize();
            assertEquals(8, d);
            assertEquals(N * d, cli.length);
            assertArrayEquals(cli, sampler.sample(0, N), "one call");

            float[] pieces = new float[N * d]; // odd ranges, last first: each row depends on its index only
            int[][] ranges = {{30, 7}, {1, 3}, {4, 26}, {0, 1}};
            for (int[] r : ranges) {
                sampler.sample(r[0], r[1], pieces, r[0] * d);
            }
            assertArrayEquals(cli, pieces, "pieces");

            FloatBuffer direct = ByteBuffer.allocateDirect(4 * (N - 11) * d + 4).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            direct.put(-1f);
            sampler.sample(11, N - 11, direct);
            assertEquals(direct.capacity(), direct.position());
            float[] tail = new float[(N - 11) * d];
            direct.position(1).get(tail);
            assertArrayEquals(Arrays.copyOfRange(cli, 11 * d, N * d), tail, "direct buffer");

            float[] streamed = new float[N * d];
            sampler.generate(N, (first, count, samples) -> System.arraycopy(samples, 0, streamed, (int) first * d,
                    count * d), null);
            assertArrayEquals(cli, streamed, "generate");
        }
    }

    @org.junit.jupiter.api.Test
    void anOnnxNetworkMatchesTheCliAtTheSameBatch() throws IOException {
        String onnx = "onnx:" + Fixtures.modelsDir().resolve("mnist-edm.onnx");
        Path out = tmp.resolve("cli-onnx");
        int exit = Main.run(new String[] {"sample", "--process", "edm", "--model", onnx, "--solver", "dpmpp", "--nfe", "4",
                "--n", "3", "--batch", "3", "--threads", "1", "--seed", "2", "--out", out.toString(), "--progress", "off"},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, exit);
        try (Sampler sampler = Sampler.builder().process(ProcessKind.EDM).model(onnx).solver(SolverKind.DPMPP, null)
                .nfe(4).batch(3).threads(1).seed(2).open()) {
            assertArrayEquals(new int[] {1, 28, 28}, sampler.sampleShape());
            float[] rows = new float[3 * 784]; // one batch of 3, as the CLI ran it
            sampler.sample(0, 3, java.nio.FloatBuffer.wrap(rows));
            assertArrayEquals(Npy.readAll(out.resolve("samples.npy")), rows);
        }
    }

    @ParameterizedTest(name = "grid {0}")
    @CsvSource({"uniform", "quadratic"})
    void gridFamiliesMatchTheCli(String grid) throws IOException {
        String gmm = Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json").toString();
        Path out = tmp.resolve("cli-" + grid);
        int exit = Main.run(new String[] {"sample", "--model", "gmm:" + gmm, "--grid", grid, "--nfe", "6", "--n", "9",
                "--out", out.toString(), "--progress", "off"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertEquals(0, exit);
        try (Sampler sampler = Sampler.builder().model("gmm:" + gmm).grid(GridKind.valueOf(grid.toUpperCase(
                java.util.Locale.ROOT))).nfe(6).open()) {
            assertArrayEquals(Npy.readAll(out.resolve("samples.npy")), sampler.sample(0, 9));
        }
    }
}
