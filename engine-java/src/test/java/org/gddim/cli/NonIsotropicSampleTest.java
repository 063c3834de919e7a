package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;
import org.gddim.process.ProcessKind;
import org.gddim.solver.SolverKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gddim sample` with CLD, BDM and FDM: outputs in the data shape (CLD's x, BDM's pixels), the java and native
 * backends agreeing, and every process x solver pair either running or refused with a reason, as the maths allows.
 */
class NonIsotropicSampleTest {
    @TempDir
    Path dir;

    private Path imageModel() throws IOException {
        Path f = dir.resolve("images.json");
        Files.writeString(f, "{\"weights\": [0.4, 0.6], \"shape\": [1, 4, 4], \"basis\": \"dct\",\n"
                + " \"means\": [[" + "0.5, ".repeat(15) + "0.5], [" + "-0.3, 0.3, ".repeat(7) + "-0.3, 0.3]],\n"
                + " \"variances\": [[" + "0.05, ".repeat(15) + "0.05], [" + "0.1, 0.01, ".repeat(7) + "0.1, 0.01]]}");
        return f;
    }

    private Cli sample(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("sample", "--n", "24", "--nfe", "6", "--seed", "2", "--progress", "off",
                "--out", dir.resolve(name).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private float[] samples(String name, String... extra) throws IOException {
        Cli r = sample(name, extra);
        assertEquals(0, r.exit(), r.err());
        return Npy.readAll(dir.resolve(name).resolve("samples.npy"));
    }

    @Test
    void cldWritesTheXPlaneAndRecordsItsSettings() throws IOException {
        Cli r = sample("cld", "--process", "cld", "--lambda", "0.5");
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(new long[] {24, 2}, Npy.readHeader(dir.resolve("cld/samples.npy")).shape());
        JsonNode s = JsonFiles.read(dir.resolve("cld/manifest.json")).get("settings");
        assertEquals("gddim q=1 lambda=0.5", s.get("method").asText());
        assertEquals("quadratic", s.get("grid").asText());
        assertEquals("BLOCK2", s.get("structure").asText());
        assertEquals(2, s.get("state_shape").get(0).asInt());
        for (float x : Npy.readAll(dir.resolve("cld/samples.npy"))) {
            assertTrue(Float.isFinite(x) && Math.abs(x) < 10, "sample " + x);
        }
    }

    @Test
    void cldAndBdmAgreeAcrossBackends() throws IOException {
        String model = "gmm:" + imageModel();
        String[][] runs = {{"--process", "cld", "--order", "3"}, {"--process", "cld", "--solver", "sscs"},
            {"--process", "bdm", "--model", model, "--order", "2"}, {"--process", "bdm", "--model", model, "--solver", "em"}};
        for (int i = 0; i < runs.length; i++) {
            float[] nat = samples("n" + i, concat(runs[i], "--backend", "native"));
            float[] java = samples("j" + i, concat(runs[i], "--backend", "java"));
            assertEquals(java.length, nat.length);
            for (int j = 0; j < nat.length; j++) {
                assertEquals(java[j], nat[j], 2e-4 * (1 + Math.abs(java[j])), String.join(" ", runs[i]) + " element " + j);
            }
        }
        assertArrayEquals(new long[] {24, 1, 4, 4}, Npy.readHeader(dir.resolve("n2/samples.npy")).shape());
    }

    @Test
    void everyProcessRunsWithEverySolverTheMathsAllows() throws IOException {
        String images = "gmm:" + imageModel();
        for (ProcessKind p : ProcessKind.values()) {
            for (SolverKind s : SolverKind.values()) {
                boolean allowed = switch (s) {
                    case DDIM -> p.isotropic();
                    case SSCS -> p == ProcessKind.CLD;
                    case GDDIM, EM -> true;
                    // scalar data prediction, lambda or rho: isotropic (scalar) processes only
                    case DPMPP, UNIPC_BH1, UNIPC_BH2, DEIS_RHOAB, DEIS_RHORK, DEIS_LOGRHO -> p.isotropic();
                    // a transfer fed with a combination of eps: gDDIM's order-0 step, any linear process
                    case EULER, EDM_HEUN, PRK, PLMS, F_PNDM, S_PNDM, IPNDM, DEIS_TAB -> true;
                };
                Cli r = sample(p + "-" + s, "--process", p.toString(), "--solver", s.toString(), "--model",
                        p == ProcessKind.BDM ? images : "default");
                String what = p + " x " + s + ": " + r.err();
                assertEquals(allowed ? 0 : 2, r.exit(), what);
                if (!allowed) {
                    assertTrue(r.err().contains(s.toString()), what);
                }
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
