package org.gddim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gddim.diffusers.SchedulerConfig;
import org.gddim.diffusers.SchedulerConfigException;
import org.gddim.diffusers.SchedulerMapping;
import org.gddim.io.Npy;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.model.ModelMetadata;
import org.gddim.model.ModelSpecException;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers that read user files: every input is either accepted with a
 * consistent result or refused with the parser's own exception, whose message is one printable line naming the
 * input. Anything else (another exception, a hang, a result that breaks its own invariants) is a finding.
 *
 * <p>Under plain JUnit (`make test`) each target replays its corpus, {@code src/test/resources/org/gddim/fuzz/
 * ParserFuzzTestInputs/<target>/} (seeds and every past finding, kept in the repository). With {@code JAZZER_FUZZ=1}
 * one target is fuzzed for its {@code maxDuration}: `make test` does that for each target once (a bounded run),
 * `make fuzz` repeatedly, growing {@code engine-java/.cifuzz-corpus/} (not committed).
 */
class ParserFuzzTest {
    private static final String NAME = "fuzz-input.npy";

    /** A refusal's message: starts with the input's name, one line, printable. */
    private static void assertGoodMessage(Exception e, String name) {
        String m = e.getMessage();
        assertTrue(m != null && m.startsWith(name), "message names the input: " + m);
        assertTrue(m.chars().allMatch(c -> c >= 0x20 && c != 0x7f), "one printable line: " + m);
    }

    @FuzzTest(maxDuration = "5s")
    void npyHeader(FuzzedDataProvider data) {
        long extra = data.consumeLong(0, 1L << 40); // the file may be longer than the bytes given
        byte[] first = data.consumeRemainingAsBytes();
        long size = first.length + extra;
        try {
            Npy.Header h = Npy.parseHeader(first, size, NAME);
            assertTrue(h.dataOffset() <= size, "data starts inside the file");
            long elements = 1;
            for (long d : h.shape()) {
                assertTrue(d >= 0, "dimensions are non-negative");
                elements = Math.multiplyExact(elements, d);
            }
            assertEquals(elements, h.size());
            assertTrue(elements <= (size - h.dataOffset()) / 4, "the file holds every element");
        } catch (Npy.NpyFormatException e) {
            assertGoodMessage(e, NAME);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void gmmJson(byte[] data) {
        String source = "model file fuzz.json";
        try {
            GaussianMixture g = GmmJson.parse(new String(data, StandardCharsets.UTF_8), source);
            double sum = 0;
            for (double w : g.weights()) {
                assertTrue(w > 0 && Double.isFinite(w), "weights are positive");
                sum += w;
            }
            assertEquals(1.0, sum, 1e-9, "weights are normalised");
            assertEquals(g.dim(), g.shape().size(), "the shape covers the dimension");
            for (double[] m : g.means()) {
                assertEquals(g.dim(), m.length);
            }
        } catch (ModelSpecException e) {
            assertGoodMessage(e, source);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void ld3GridFile(byte[] data) {
        Path file = Path.of("grid.json");
        try {
            org.gddim.schedule.GridFile g = org.gddim.schedule.GridFile.parse(new String(data, StandardCharsets.UTF_8), file);
            double[] t = g.solverTimes();
            assertEquals(t.length, g.networkTimes().length, "a time pair per grid point");
            for (int i = 1; i < t.length; i++) {
                assertTrue(t[i] < t[i - 1] && t[i] > 0, "the solver grid is strictly decreasing and positive");
            }
        } catch (IllegalArgumentException e) {
            assertGoodMessage(e, "grid file " + file);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void generateManifest(byte[] data) {
        String name = "out/manifest.json";
        try {
            org.gddim.job.GenerateManifest m = org.gddim.job.GenerateManifest.parse(new String(data, StandardCharsets.UTF_8), name);
            org.gddim.job.ShardLayout layout = m.layout();
            int previous = -1;
            for (org.gddim.job.GenerateManifest.Shard s : m.shards()) {
                assertTrue(s.index() > previous && s.index() < layout.shards(), "shards in order, inside the layout");
                assertEquals(layout.first(s.index()), s.first(), "the layout's range");
                assertEquals(layout.rows(s.index()), s.count(), "the layout's range");
                for (org.gddim.job.GenerateManifest.NonFinite n : s.nonFinite()) {
                    assertTrue(n.sample() >= s.first() && n.sample() < s.first() + s.count() && n.step() >= 1);
                }
                previous = s.index();
            }
            org.gddim.job.GenerateManifest again = org.gddim.job.GenerateManifest.parse(m.toJson(), name);
            assertEquals(m.toJson(), again.toJson(), "what is accepted is written back the same");
        } catch (org.gddim.job.JobException e) {
            assertGoodMessage(e, name);
        }
    }

    private static final List<String> META_KEYS = List.of("gddim.prediction", "gddim.process", "gddim.time_input",
            "gddim.time_scale", "gddim.input_shape", "gddim.name", "gddim.sigma_min", "gddim.sigma_max",
            "gddim.data_range", "gddim.info.note", "gddim.other", "unrelated");
    private static final List<String> META_VALUES = List.of("eps", "x0", "v", "edm", "vp", "cld", "t", "sigma",
            "1,28,28", "8", "0", "-1", "NaN", "1e309", "999", "0.002", "80", "", " ", "2,x");

    @FuzzTest(maxDuration = "5s")
    void onnxMetadata(FuzzedDataProvider data) {
        Map<String, String> props = new HashMap<>();
        int n = data.consumeInt(0, 10);
        for (int i = 0; i < n; i++) {
            String key = data.pickValue(META_KEYS);
            props.put(key, data.consumeBoolean() ? data.pickValue(META_VALUES) : data.consumeString(12));
        }
        Path file = Path.of("/nonexistent-gddim-fuzz/model.onnx"); // no sidecar: only the props are read
        try {
            ModelMetadata m = ModelMetadata.read(file, props);
            assertTrue(m.timeScale() > 0 && Double.isFinite(m.timeScale()), "time scale is usable");
            assertTrue(m.shape().size() > 0, "the input shape is not empty");
        } catch (ModelSpecException e) {
            assertGoodMessage(e, "model " + file);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void diffusersSchedulerConfig(byte[] data) {
        String source = "scheduler config fuzz.json";
        try {
            SchedulerMapping.Settings s = SchedulerMapping.map(SchedulerConfig.parse(new String(data, StandardCharsets.UTF_8), source));
            double[] betas = s.schedule().betas();
            assertEquals(s.schedule().trainSteps(), betas.length, "one beta per training step");
            for (double b : betas) {
                assertTrue(b > 0 && b < 1, "betas in (0, 1)");
            }
            s.schedule().process("fuzz"); // a usable process: abar strictly decreasing, finite
            assertTrue(s.solver() != null, "a solver");
        } catch (SchedulerConfigException e) {
            assertGoodMessage(e, source);
        }
    }
}
