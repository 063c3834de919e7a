package org.gddim.ld3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teacher cache returns what was stored for the same key, regenerates for another key or a damaged set. */
class TeacherCacheTest {
    @TempDir
    Path dir;

    private static TeacherPairs pairs(float v) {
        return new TeacherPairs(new float[] {v, 2 * v, 3 * v, 4 * v}, new float[] {-v, -2 * v}, 2, 2, 1);
    }

    @Test
    void sameKeyIsReadBackOtherKeyOrDamagedSetIsRegenerated() throws Exception {
        TeacherCache cache = new TeacherCache(dir);
        Map<String, Object> key = Map.of("model_sha256", "abc", "seed", 1);
        TeacherCache.Lookup first = cache.get(key, () -> pairs(1));
        assertFalse(first.cached());
        TeacherCache.Lookup second = cache.get(key, () -> { throw new AssertionError("must come from disk"); });
        assertTrue(second.cached());
        assertArrayEquals(first.pairs().z(), second.pairs().z(), 0f);
        assertArrayEquals(first.pairs().y(), second.pairs().y(), 0f);
        TeacherCache.Lookup other = cache.get(Map.of("model_sha256", "abc", "seed", 2), () -> pairs(5));
        assertFalse(other.cached());
        String stem = first.file().getFileName().toString().replace(".json", "");
        Files.writeString(dir.resolve(stem + ".z.npy"), "broken");
        TeacherCache.Lookup again = cache.get(key, () -> pairs(1));
        assertFalse(again.cached(), "a damaged set is regenerated");
        assertTrue(cache.get(key, () -> pairs(9)).cached());
    }
}
