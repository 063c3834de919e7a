package org.gddim.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gddim.backend.BackendKind;
import org.gddim.process.ProcessKind;
import org.gddim.solver.SolverKind;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The API's refusals (one line, the CLI's text), its progress counts, and the sink's and the close's rules. */
class SamplerContractTest {
    private static final String GMM = "gmm:" + Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json");

    private static String refusal(SamplerBuilder b) {
        GddimException e = assertThrows(GddimException.class, b::open);
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badSettingsAreRefusedWithTheClisMessage() {
        assertEquals("a model is required: model(\"default\"), model(\"gmm:FILE.json\") or model(\"onnx:FILE.onnx\")",
                refusal(Sampler.builder()));
        assertEquals("--nfe must be at least 1, got 0", refusal(Sampler.builder().model(GMM).nfe(0)));
        assertTrue(refusal(Sampler.builder().model(GMM).process(ProcessKind.VP).solver(SolverKind.SSCS, null))
                .startsWith("sscs is the sampler of CLD"));
        assertTrue(refusal(Sampler.builder().model("gmm:no/such/file.json")).contains("no/such/file.json"));
        GddimException parse = assertThrows(GddimException.class, () -> Sampler.builder().model("gmm"));
        assertTrue(parse.getMessage().startsWith("unknown model 'gmm'"), parse.getMessage());
        assertThrows(GddimException.class, () -> Sampler.builder().solver(SolverKind.DDIM, 3));
    }

    @Test
    void generateStreamsBatchesInOrderAndCountsEveryStep() throws IOException {
        try (Sampler sampler = Sampler.builder().model(GMM).nfe(8).batch(4).backend(BackendKind.NATIVE).open()) {
            List<long[]> batches = new ArrayList<>();
            List<Progress> told = new ArrayList<>();
            sampler.generate(100, 10, (first, count, samples) -> {
                assertEquals(count * sampler.sampleSize(), samples.length);
                batches.add(new long[] {first, count});
            }, told::add);
            assertArrayEquals(new long[] {100, 4, 104, 4, 108, 2},
                    batches.stream().flatMapToLong(java.util.Arrays::stream).toArray());
            int steps = sampler.steps();
            assertEquals(3 * steps + 3, told.size()); // every step of 3 batches, and once after each batch
            Progress last = told.getLast();
            assertEquals(10, last.samplesDone());
            assertEquals(3L * steps, last.stepsDone());
            assertEquals(last.stepsTotal(), last.stepsDone());
            assertEquals(1.0, last.fraction());
            assertEquals(4, told.get(steps).samplesDone()); // after the first batch's last step, the first delivery
        }
    }

    @Test
    void aShortBatchRunsAsPowersOfTwoAndItsStepsAreCounted() throws IOException {
        try (Sampler sampler = Sampler.builder().model(GMM).nfe(6).batch(8).open()) {
            List<Progress> told = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            sampler.generate(15, (first, count, samples) -> counts.add(count), told::add);
            assertEquals(List.of(8, 7), counts);
            long steps = (1 + 3) * (long) sampler.steps(); // 8, then 7 = 4 + 2 + 1
            assertEquals(steps, told.getLast().stepsTotal());
            assertEquals(steps, told.getLast().stepsDone());
            assertEquals(steps + 2, told.size());
        }
    }

    @Test
    void aSinkErrorStopsTheRunAndTheSamplerStaysUsable() throws IOException {
        try (Sampler sampler = Sampler.builder().model(GMM).nfe(5).batch(3).open()) {
            int[] calls = {0};
            IOException thrown = new IOException("disk full");
            IOException seen = assertThrows(IOException.class, () -> sampler.generate(9, (first, count, samples) -> {
                if (++calls[0] == 2) {
                    throw thrown;
                }
            }, null));
            assertSame(thrown, seen);
            assertEquals(2, calls[0]);
            assertEquals(sampler.sample(3, 3).length, 3 * sampler.sampleSize());
        }
    }

    @Test
    void badArgumentsAndAClosedSamplerAreRefused() {
        Sampler sampler = Sampler.builder().model(GMM).nfe(4).open();
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(0, 3, new float[3 * 8 - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(0, 1, new float[16], 9));
        assertEquals(0, sampler.sample(5, 0).length);
        sampler.close();
        sampler.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> sampler.sample(0, 1));
    }

    @Test
    void samplersOnTwoThreadsAndOneSharedSamplerGiveTheSequentialSamples() throws Exception {
        float[] a;
        float[] b;
        try (Sampler one = Sampler.builder().model(GMM).nfe(6).batch(16).seed(3).open()) {
            a = one.sample(0, 64);
            b = one.sample(64, 64);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (Sampler s1 = Sampler.builder().model(GMM).nfe(6).batch(16).seed(3).open();
                Sampler s2 = Sampler.builder().model(GMM).nfe(6).batch(16).seed(3).open()) {
            var fa = pool.submit(() -> s1.sample(0, 64));
            var fb = pool.submit(() -> s2.sample(64, 64));
            assertArrayEquals(a, fa.get(), "own sampler, thread 1");
            assertArrayEquals(b, fb.get(), "own sampler, thread 2");
            var ga = pool.submit(() -> s1.sample(0, 64)); // one sampler shared: the calls take turns
            var gb = pool.submit(() -> s1.sample(64, 64));
            assertArrayEquals(a, ga.get(), "shared sampler, thread 1");
            assertArrayEquals(b, gb.get(), "shared sampler, thread 2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedThreadStopsGenerateBetweenBatches() {
        try (Sampler sampler = Sampler.builder().model(GMM).nfe(4).batch(2).open()) {
            int[] delivered = {0};
            GddimException e = assertThrows(GddimException.class, () -> sampler.generate(10, (first, count, s) -> {
                delivered[0]++;
                Thread.currentThread().interrupt();
            }, null));
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
            assertEquals(1, delivered[0]);
            assertEquals("generate was interrupted after 2 of 10 samples", e.getMessage());
        }
    }
}
