package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Buffer;
import org.gddim.model.DataShape;
import org.gddim.model.ScoreModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What generate refuses or repairs: a shard that does not match its checksum (zeroed, truncated, deleted) is
 * regenerated; a manifest of other settings is refused naming the setting; an output that cannot fit is refused
 * before anything is written; samples that go non-finite are named with the solver step (or skipped and listed).
 */
class GenerateGuardsTest {
    @TempDir
    Path dir;

    private static GenerateManifest manifest(Path out) throws IOException {
        return GenerateManifest.read(out.resolve("manifest.json"));
    }

    @Test
    void aCorruptTruncatedOrMissingShardIsFoundByItsChecksumAndRegenerated() throws IOException {
        Path ref = dir.resolve("ref");
        GenerateRun.execute(Generates.job(ref, 500, 50, BackendKind.NATIVE, 1), Generates.whole(100), GenerateListener.NONE);
        Map<String, byte[]> want = Generates.files(ref);

        Path out = dir.resolve("out");
        GenerateRun.execute(Generates.job(out, 500, 50, BackendKind.NATIVE, 1), Generates.whole(100), GenerateListener.NONE);
        byte[] zeroed = Files.readAllBytes(out.resolve("shard-000001.npy"));
        Arrays.fill(zeroed, 128, zeroed.length, (byte) 0); // a zeroed batch with an intact header
        Files.write(out.resolve("shard-000001.npy"), zeroed);
        byte[] full = Files.readAllBytes(out.resolve("shard-000003.npy"));
        Files.write(out.resolve("shard-000003.npy"), Arrays.copyOf(full, full.length / 2)); // half-written
        Files.delete(out.resolve("shard-000004.npy"));
        Files.write(out.resolve(".shard-000002.npy.tmp-999999"), new byte[] {1, 2, 3}); // a killed run's temporary

        List<String> notes = new java.util.ArrayList<>();
        GenerateRun.Result r = GenerateRun.execute(Generates.job(out, 500, 50, BackendKind.NATIVE, 1), Generates.whole(100),
                new GenerateListener() {
                    public void begin(long total, long done, String label) {}

                    public void samples(int count) {}

                    public void note(String line) {
                        notes.add(line);
                    }

                    public void end() {}
                });
        assertEquals(3, r.shardsWritten(), "shards 1, 3 and 4 regenerated");
        assertEquals(2, r.shardsVerified(), "shards 0 and 2 verified and kept");
        assertTrue(notes.stream().anyMatch(n -> n.contains("shard-000001.npy") && n.contains("CRC32C")), notes.toString());
        assertEquals(want.keySet(), Generates.files(out).keySet(), "the killed run's temporary is gone");
        for (String f : want.keySet()) {
            assertArrayEquals(want.get(f), Generates.files(out).get(f), f + " is byte-identical to an undamaged run's");
        }
    }

    @Test
    void aManifestOfOtherSettingsIsRefusedNamingTheSetting() throws IOException {
        Path out = dir.resolve("out");
        GenerateRun.execute(Generates.job(out, 300, 50, BackendKind.NATIVE, 1), Generates.whole(100), GenerateListener.NONE);
        Map<String, byte[]> before = Generates.files(out);
        var seed = assertThrows(JobException.class, () -> GenerateRun.execute(Generates.job(out, 300, 50, BackendKind.NATIVE, 2),
                Generates.whole(100), GenerateListener.NONE));
        assertTrue(seed.getMessage().contains("differing: noise, seed"), seed.getMessage());
        var layout = assertThrows(JobException.class, () -> GenerateRun.execute(
                Generates.job(out, 300, 50, BackendKind.NATIVE, 1), Generates.whole(150), GenerateListener.NONE));
        assertTrue(layout.getMessage().contains("differing: shard_size"), layout.getMessage());

        Path gmm = Files.createDirectories(dir.resolve("copy")).resolve("gmm-8d-5.json"); // same name, another mean
        Files.writeString(gmm, Files.readString(Generates.GMM).replace("0.52665", "0.6"));
        SampleJob other = Generates.job(out, 300, 50, BackendKind.NATIVE, 1);
        SampleJob changed = new SampleJob(other.process(), new ModelSource.GmmFile(gmm), other.solver(), other.grid(),
                other.nfe(), other.tMax(), other.tMin(), other.count(), other.seed(), null, other.backend(), other.graph(),
                other.batch(), 0, out, false);
        var model = assertThrows(JobException.class, () -> GenerateRun.execute(changed, Generates.whole(100),
                GenerateListener.NONE));
        assertTrue(model.getMessage().contains("differing: model_sha256"), model.getMessage());
        assertEquals(before.keySet(), Generates.files(out).keySet());
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), Generates.files(out).get(f), f + " untouched by the refused runs");
        }

        SampleJob seed2 = Generates.job(out, 300, 50, BackendKind.NATIVE, 2);
        SampleJob forced = new SampleJob(seed2.process(), seed2.model(), seed2.solver(), seed2.grid(), seed2.nfe(),
                seed2.tMax(), seed2.tMin(), seed2.count(), seed2.seed(), null, seed2.backend(), seed2.graph(), seed2.batch(),
                0, out, true);
        assertEquals(3, GenerateRun.execute(forced, Generates.whole(100), GenerateListener.NONE).shardsWritten(),
                "--force starts over");
        Path fresh = dir.resolve("fresh");
        GenerateRun.execute(Generates.job(fresh, 300, 50, BackendKind.NATIVE, 2), Generates.whole(100), GenerateListener.NONE);
        assertArrayEquals(Generates.files(fresh).get("manifest.json"), Generates.files(out).get("manifest.json"));
    }

    @Test
    void anOutputThatCannotFitIsRefusedWithTheFiguresBeforeAnythingIsWritten() {
        Path out = dir.resolve("huge");
        var e = assertThrows(JobException.class, () -> GenerateRun.execute(
                Generates.job(out, 1_000_000_000_000L, null, BackendKind.NATIVE, 0), Generates.whole(10_000),
                GenerateListener.NONE));
        assertTrue(e.getMessage().startsWith("--n 1000000000000 samples of 8 floats") && e.getMessage().contains("TiB")
                && e.getMessage().contains("is free there") && e.getMessage().contains("--no-space-check"), e.getMessage());
        assertFalse(Files.exists(out.resolve("manifest.json")));
    }

    /**
     * eps of rows {@code rows} (of every batch) is NaN at the model's {@code eval}-th evaluation of a batch (0-based;
     * every batch makes {@code nfe} evaluations), so their state goes non-finite at solver step {@code eval + 1}.
     */
    private static ScoreModel nanAt(ScoreModel m, Backend backend, int nfe, int eval, Set<Integer> rows) {
        return new ScoreModel() {
            long calls;

            public DataShape shape() {
                return m.shape();
            }

            public void eps(Buffer u, double t, Buffer out, int batch) {
                m.eps(u, t, out, batch);
                if (calls++ % nfe == eval) {
                    float[] nan = new float[m.stateShape().size()];
                    Arrays.fill(nan, Float.NaN);
                    for (int r : rows) {
                        if (r < batch) {
                            backend.write(out, (long) r * nan.length, nan);
                        }
                    }
                }
            }

            public String describe() {
                return m.describe();
            }
        };
    }

    @Test
    void theNanGuardNamesTheSamplesAndTheStepOrSkipsAndListsThem() throws IOException {
        Path out = dir.resolve("nan");
        SampleJob job = Generates.job(out, 40, 10, BackendKind.NATIVE, 3);
        var e = assertThrows(JobException.class, () -> GenerateRun.execute(job, Generates.whole(20), GenerateListener.NONE,
                (m, b) -> nanAt(m, b, 6, 2, Set.of(3, 7))));
        assertTrue(e.getMessage().contains("2 sample(s) went non-finite (NaN or Inf): first after solver step 3 of 6")
                && e.getMessage().contains("samples 3, 7;"), e.getMessage());
        assertFalse(Files.exists(out.resolve("shard-000000.npy")), "the shard with the bad samples is not written");

        Path skip = dir.resolve("skip");
        GenerateRun.Result r = GenerateRun.execute(Generates.job(skip, 40, 10, BackendKind.NATIVE, 3),
                new GenerateRun.Options(20, 1, 1, GenerateRun.OnNan.SKIP, true), GenerateListener.NONE,
                (m, b) -> nanAt(m, b, 6, 4, Set.of(1)));
        assertEquals(4, r.nonFinite());
        List<GenerateManifest.NonFinite> listed = manifest(skip).shards().stream().flatMap(s -> s.nonFinite().stream()).toList();
        assertEquals(List.of(new GenerateManifest.NonFinite(1, 5), new GenerateManifest.NonFinite(11, 5),
                new GenerateManifest.NonFinite(21, 5), new GenerateManifest.NonFinite(31, 5)), listed);
        Path clean = dir.resolve("clean");
        GenerateRun.execute(Generates.job(clean, 40, 10, BackendKind.NATIVE, 3), Generates.whole(20), GenerateListener.NONE);
        float[] got = Generates.samples(skip);
        float[] want = Generates.samples(clean);
        for (int i = 0; i < got.length; i++) {
            int sample = i / 8;
            if (sample % 10 == 1) {
                assertTrue(Float.isNaN(got[i]), "a skipped sample's row is NaN: sample " + sample);
            } else {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "sample " + sample);
            }
        }
    }
}
