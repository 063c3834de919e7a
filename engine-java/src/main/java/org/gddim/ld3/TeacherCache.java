package org.gddim.ld3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.gddim.io.AtomicFiles;
import org.gddim.io.JsonFiles;
import org.gddim.io.Npy;

/**
 * Teacher pairs on disk, so a second LD3 run over the same data starts in seconds. A set is keyed by the SHA-256
 * of its key (model content hash, process, time range, teacher solver and settings, NFE and grid, seed, counts) and
 * stored as {@code KEY.z.npy}, {@code KEY.y.npy} and {@code KEY.json} (the key itself, written last, atomically:
 * a set without it is unfinished and is regenerated).
 */
public final class TeacherCache {
    private final Path dir;

    public TeacherCache(Path dir) {
        this.dir = dir;
    }

    /** {@code $XDG_CACHE_HOME/gddim/ld3}, or {@code ~/.cache/gddim/ld3}. */
    public static Path defaultDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("gddim").resolve("ld3");
    }

    /** The result of a lookup: the pairs and whether they came from disk. */
    public record Lookup(TeacherPairs pairs, boolean cached, Path file) {}

    /** The pairs of {@code key}: from disk when present and whole, else made by {@code generate} and stored. */
    public Lookup get(Map<String, Object> key, Supplier<TeacherPairs> generate) throws IOException {
        String json = JsonFiles.toJson(key);
        String name = sha256(json.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        Path zFile = dir.resolve(name + ".z.npy");
        Path yFile = dir.resolve(name + ".y.npy");
        Path keyFile = dir.resolve(name + ".json");
        if (Files.exists(keyFile) && Files.readString(keyFile).strip().equals(json)) {
            try {
                Npy.Header zh = Npy.readHeader(zFile);
                Npy.Header yh = Npy.readHeader(yFile);
                float[] z = Npy.readAll(zFile);
                float[] y = Npy.readAll(yFile);
                int count = (int) zh.shape()[0];
                return new Lookup(new TeacherPairs(z, y, count, (int) zh.rowSize(), (int) yh.rowSize()), true, keyFile);
            } catch (IOException | IllegalArgumentException e) {
                // a damaged set: regenerate it below
            }
        }
        TeacherPairs pairs = generate.get();
        Files.createDirectories(dir);
        Npy.write(zFile, new long[] {pairs.count(), pairs.stateDim()}, pairs.z());
        Npy.write(yFile, new long[] {pairs.count(), pairs.dataDim()}, pairs.y());
        AtomicFiles.write(keyFile, (json + "\n").getBytes(StandardCharsets.UTF_8));
        return new Lookup(pairs, false, keyFile);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
