package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gddim.io.JsonFiles;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gddim ld3} writes a grid.json that {@code gddim sample --grid file:} uses, and sample refuses, with one clear
 * message and no output, a grid learned for another model (file hash), process, solver or NFE unless
 * {@code --force-grid}; {@code --grid ld3} says when no grid ships; ld3 refuses stochastic solvers.
 */
class Ld3CommandTest {
    @TempDir
    static Path dir;

    static Path grid;
    static Path model;

    @BeforeAll
    static void learn() throws IOException {
        model = dir.resolve("gmm8d.json");
        Files.copy(Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json"), model);
        grid = dir.resolve("grid.json");
        Cli r = Cli.run("ld3", "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "4",
                "--teacher-nfe", "20", "--train-samples", "24", "--val-samples", "24", "--rounds", "2", "--evaluations", "40",
                "--cache", dir.resolve("cache").toString(), "--out", grid.toString(), "--progress", "off");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("teacher pairs:") && r.out().contains("generated"), r.out());
    }

    private Cli sample(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("sample", "--n", "16", "--progress", "off", "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertRefused(Cli r, Path out, String... expected) {
        assertEquals(2, r.exit(), "stdout: " + r.out() + "\nstderr: " + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
        assertFalse(Files.exists(out.resolve("samples.npy")), "no samples after a refusal");
    }

    @Test
    void gridJsonHoldsWhatItWasLearnedFor() throws IOException {
        var n = JsonFiles.read(grid);
        assertEquals("gddim-ld3-grid", n.get("format").asText());
        assertEquals("vp", n.get("process").asText());
        assertEquals("dpmpp", n.get("solver").asText());
        assertEquals(4, n.get("nfe").asInt());
        assertEquals(5, n.get("solver_times").size());
        assertEquals(5, n.get("network_times").size());
        assertEquals(64, n.get("model_sha256").asText().length());
        assertTrue(n.get("training").get("history").size() > 1);
        assertTrue(n.has("teacher") && n.has("engine"));
    }

    @Test
    void secondRunReadsTheTeacherPairsFromTheCache() {
        Cli r = Cli.run("ld3", "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "4",
                "--teacher-nfe", "20", "--train-samples", "24", "--val-samples", "24", "--rounds", "1", "--evaluations", "10",
                "--cache", dir.resolve("cache").toString(), "--out", dir.resolve("again.json").toString(), "--progress", "off");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cached"), r.out());
    }

    @Test
    void sampleUsesAMatchingGridAndRecordsIt() throws IOException {
        Path out = dir.resolve("ok");
        Cli r = sample(out, "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "4", "--grid",
                "file:" + grid);
        assertEquals(0, r.exit(), r.err());
        var m = JsonFiles.read(out.resolve("manifest.json"));
        var learned = JsonFiles.read(grid).get("solver_times");
        for (int i = 0; i < learned.size(); i++) {
            assertEquals(learned.get(i).asDouble(), m.get("grid_times").get(i).asDouble(), 0.0);
        }
    }

    @Test
    void sampleRefusesAGridLearnedForAnotherNfeSolverProcessOrModel() throws IOException {
        Path out = dir.resolve("refused");
        assertRefused(sample(out, "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "5", "--grid",
                "file:" + grid), out, "was learned for NFE 4, not 5", "--force-grid");
        assertRefused(sample(out, "--process", "vp", "--model", "gmm:" + model, "--solver", "unipc-bh2", "--nfe", "4", "--grid",
                "file:" + grid), out, "solver dpmpp, not unipc-bh2");
        assertRefused(sample(out, "--process", "vp-cosine", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "4",
                "--grid", "file:" + grid), out, "process vp, not vp-cosine");
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(model).replaceFirst("\"comment\": \"", "\"comment\": \"changed "));
        assertRefused(sample(out, "--process", "vp", "--model", "gmm:" + other, "--solver", "dpmpp", "--nfe", "4", "--grid",
                "file:" + grid), out, "model file hash");
        assertRefused(sample(out, "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "4", "--grid",
                "file:" + dir.resolve("missing.json")), out, "does not exist");
        Cli forced = sample(out, "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "5", "--grid",
                "file:" + grid, "--force-grid");
        assertEquals(0, forced.exit(), forced.err());
    }

    @Test
    void shippedGridLookupSaysWhenNoneExists() {
        Path out = dir.resolve("shipped");
        assertRefused(sample(out, "--process", "vp", "--model", "gmm:" + model, "--solver", "dpmpp", "--nfe", "4", "--grid",
                "ld3"), out, "no learned grid ships for model gmm8d.json with solver dpmpp at NFE 4");
    }

    @Test
    void ld3RefusesStochasticSolversAndSolversThatDoNotFitTheProcess() {
        Cli r = Cli.run("ld3", "--process", "vp", "--model", "gmm:" + model, "--solver", "em", "--nfe", "4", "--out",
                dir.resolve("x.json").toString(), "--cache", dir.resolve("cache").toString(), "--progress", "off");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("deterministic solvers"), r.err());
        Cli cld = Cli.run("ld3", "--process", "cld", "--model", "default", "--solver", "dpmpp", "--nfe", "4", "--teacher-solver",
                "gddim", "--out", dir.resolve("y.json").toString(), "--cache", dir.resolve("cache").toString(), "--progress", "off");
        assertEquals(2, cld.exit());
        assertTrue(cld.err().contains("isotropic"), cld.err());
        assertFalse(Files.exists(dir.resolve("y.json")));
    }
}
