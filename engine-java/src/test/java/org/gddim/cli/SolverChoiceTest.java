package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;
import org.gddim.solver.SolverKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every solver, the discrete processes and spacings are reachable from `gddim sample`, with their defaults
 * recorded in the manifest, and settings a method does not have are refused with a message naming it.
 */
class SolverChoiceTest {
    @TempDir
    Path dir;

    private Cli sample(String name, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("sample", "--n", "32", "--out", dir.resolve(name).toString(), "--progress", "off"));
        if (!java.util.List.of(extra).contains("--nfe")) {
            args.addAll(java.util.List.of("--nfe", "13"));
        }
        args.addAll(java.util.List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(SolverKind.class)
    void everySolverSamples(SolverKind kind) throws IOException {
        Cli r = kind == SolverKind.SSCS // CLD's own sampler
                ? sample(kind.toString(), "--solver", kind.toString(), "--process", "cld")
                : sample(kind.toString(), "--solver", kind.toString());
        assertEquals(0, r.exit(), r.err());
        for (float x : Npy.readAll(dir.resolve(kind.toString()).resolve("samples.npy"))) {
            assertTrue(Float.isFinite(x) && Math.abs(x) < 100, kind + " sample value " + x); // PRK's 3 steps miss by up to ~10
        }
        JsonNode s = JsonFiles.read(dir.resolve(kind.toString()).resolve("manifest.json")).get("settings");
        assertEquals(kind.defaultOrder(), s.get("order").asInt());
        assertEquals(kind.defaultCorrector().toString(), s.get("corrector").asText());
        assertTrue(s.get("nfe").asInt() <= 13, kind + " used " + s.get("nfe"));
    }

    @Test
    void discreteProcessesTakeDiffusersSpacings() throws IOException {
        Cli r = sample("sd", "--process", "ddpm-scaled-linear", "--grid", "leading", "--solver", "plms", "--nfe", "21");
        assertEquals(0, r.exit(), r.err());
        JsonNode m = JsonFiles.read(dir.resolve("sd").resolve("manifest.json"));
        assertEquals(21, m.get("settings").get("nfe").asInt()); // diffusers' SD PLMS: 20 steps, 21 UNet calls
        assertEquals(20, m.get("settings").get("steps").asInt());
        assertEquals(0.952, m.get("grid_times").get(0).asDouble(), 1e-12); // label 951
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--solver plms --order 3|plms has order 4",
        "--solver dpmpp --corrector pec|dpmpp has no --corrector pec",
        "--solver unipc-bh2 --corrector pece|UniPC's corrector is pec",
        "--solver edm-heun --no-lower-order-final|--no-lower-order-final applies to dpmpp, unipc-* and deis-logrho",
        "--solver deis-rhoab --lower-order-final|--lower-order-final applies to dpmpp, unipc-* and deis-logrho, not deis-rhoab",
        "--solver ddim --lower-order-final|--lower-order-final applies to dpmpp, unipc-* and deis-logrho, not ddim",
        "--solver dpmpp --order 4|DPM-Solver++ order must be 1, 2 or 3",
        "--solver unipc-bh1 --order 4|UniPC order must be in 1..3 with the corrector",
        "--grid leading|the leading spacing is for discrete-time processes",
        "--solver prk --nfe 3|--nfe 3 is less than 4"})
    void settingsAMethodDoesNotHaveAreRefused(String args, String message) {
        Cli r = sample("bad", args.split(" "));
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains(message), "expected '" + message + "' in " + r.err());
    }
}
