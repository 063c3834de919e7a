package org.gddim.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gddim.backend.BackendKind;
import org.gddim.io.Npy;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import org.gddim.testing.Fixtures;

/** Jobs and folder readers shared by the generate tests: an 8-D five-component mixture, solved in a few steps. */
final class Generates {
    private Generates() {}

    static final Path GMM = Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json");

    /** gddim q=2 on vp, NFE 6, over the 8-D mixture. */
    static SampleJob job(Path out, long n, Integer batch, BackendKind backend, long seed) {
        return new SampleJob(ProcessKind.VP, new ModelSource.GmmFile(GMM),
                new SolverSpec(SolverKind.GDDIM, 2, Corrector.NONE, true, Double.NaN, EpsFrame.R), GridKind.LOGSNR, 6,
                Double.NaN, Double.NaN, n, seed, null, backend, GraphMode.AUTO, batch, 0, out, false);
    }

    static GenerateRun.Options whole(int shardSize) {
        return new GenerateRun.Options(shardSize, 1, 1, GenerateRun.OnNan.STOP, true);
    }

    static GenerateRun.Options part(int shardSize, int part, int parts) {
        return new GenerateRun.Options(shardSize, part, parts, GenerateRun.OnNan.STOP, true);
    }

    /** Every sample of a folder's shards in index order, (n * D) floats. */
    static float[] samples(Path dir) throws IOException {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("shard-\\d{6}\\.npy")).sorted().toList()) {
                float[] x = Npy.readAll(f);
                parts.add(x);
                total += x.length;
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] x : parts) {
            System.arraycopy(x, 0, all, at, x.length);
            at += x.length;
        }
        return all;
    }

    /** The bytes of every file a folder holds (but the lock), by name. */
    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(OutputFolder.LOCK)) {
                    m.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
        }
        return m;
    }
}
