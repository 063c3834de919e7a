package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gddim plan} refuses exactly what {@code gddim sample} refuses, with the same message and exit code. */
class PlanCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--solver gddim --order 3 --nfe 1", "--process vp --solver sscs", "--process cld --grid logsnr",
        "--process cld --solver ddim", "--t-min 0.5 --t-max 0.1", "--t-max 3", "--solver dpmpp --order 9",
        "--nfe 0", "--model gmm:no-such-file.json", "--process edm --model onnx:../models/mnist-vp.onnx"})
    void refusalsMatchSample(String flags) {
        String[] f = flags.split(" ");
        Cli sample = Cli.run(concat(new String[] {"sample"}, f, new String[] {"--out", dir.resolve("s").toString()}));
        Cli plan = Cli.run(concat(new String[] {"plan"}, f, new String[] {"--out", dir.resolve("p.gdkplan").toString()}));
        assertTrue(sample.exit() != 0, "sample accepted " + flags);
        assertEquals(sample.exit(), plan.exit(), flags);
        assertEquals(sample.err(), plan.err(), flags);
        assertFalse(Files.exists(dir.resolve("p.gdkplan")), "a refused plan writes nothing");
    }

    @Test
    void writesAndDescribesAPlan() throws IOException {
        Path file = dir.resolve("run.gdkplan");
        Cli w = Cli.run("plan", "--process", "vp", "--solver", "unipc-bh2", "--nfe", "6", "--out", file.toString());
        assertEquals(0, w.exit(), w.err());
        Cli d = Cli.run("plan", "--describe", file.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().contains("6 network evaluations"), d.out());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        Cli bad = Cli.run("plan", "--describe", file.toString());
        assertEquals(2, bad.exit());
        assertEquals("gddim: error: " + file + ": plan checksum mismatch (the file is corrupt)", bad.err().strip());
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
