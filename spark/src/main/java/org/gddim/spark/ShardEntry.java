package org.gddim.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.gddim.job.GenerateManifest;

/**
 * A finished shard's manifest entry as it travels between executors and the driver ({@link GenerateManifest.Shard}
 * is not serializable); {@code verified} says it was found intact rather than made by this run. Non-finite samples
 * are parallel arrays (sample, 1-based solver step).
 */
record ShardEntry(int index, long first, int count, String file, String crc32c, String sheet, String sheetCrc32c,
        long[] nonFiniteSamples, int[] nonFiniteSteps, boolean verified) implements Serializable {
    static ShardEntry of(GenerateManifest.Shard s, boolean verified) {
        long[] samples = s.nonFinite().stream().mapToLong(GenerateManifest.NonFinite::sample).toArray();
        int[] steps = s.nonFinite().stream().mapToInt(GenerateManifest.NonFinite::step).toArray();
        return new ShardEntry(s.index(), s.first(), s.count(), s.file(), s.crc32c(), s.sheet(), s.sheetCrc32c(),
                samples, steps, verified);
    }

    GenerateManifest.Shard shard() {
        List<GenerateManifest.NonFinite> bad = new ArrayList<>();
        for (int i = 0; i < nonFiniteSamples.length; i++) {
            bad.add(new GenerateManifest.NonFinite(nonFiniteSamples[i], nonFiniteSteps[i]));
        }
        return new GenerateManifest.Shard(index, first, count, file, crc32c, sheet, sheetCrc32c, bad);
    }

    ShardEntry asVerified() {
        return new ShardEntry(index, first, count, file, crc32c, sheet, sheetCrc32c, nonFiniteSamples, nonFiniteSteps, true);
    }
}
