package org.gddim.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gddim.io.AtomicFiles;
import org.gddim.io.Printable;

/**
 * {@code manifest.json} of a {@code gddim generate} folder: the settings that determine the samples (with
 * {@code n} and {@code shard_size}, which fix the shard layout) and one entry per finished shard, in index order,
 * with its sample range and the CRC32C of its files. It is the only state of a run (rewritten atomically after each
 * shard) and holds no times or machine names, so the folder that {@code merge} makes from N machines' parts is
 * byte for byte the one a single machine makes.
 *
 * @param settings the settings object (compared key by key on resume and merge)
 * @param shards the finished shards, strictly increasing index
 */
public record GenerateManifest(JsonNode settings, List<Shard> shards) {
    static final String FORMAT = "gddim-generate-manifest";
    static final int VERSION = 1;

    /** A sample whose values went non-finite ({@code --on-nan skip}): first at solver step {@code step} (1-based). */
    public record NonFinite(long sample, int step) {}

    /**
     * A finished shard: samples {@code first .. first + count - 1} in {@code file} (CRC32C {@code crc32c}, 8 hex
     * digits) and, for image data, its contact sheet ({@code sheet}, or null).
     */
    public record Shard(int index, long first, int count, String file, String crc32c, String sheet, String sheetCrc32c,
            List<NonFinite> nonFinite) {}

    public GenerateManifest {
        shards = List.copyOf(shards);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The shard layout the settings fix (one machine's). */
    public ShardLayout layout() {
        return ShardLayout.whole(settings.get("n").asLong(), settings.get("shard_size").asInt());
    }

    /** What differs between these settings and {@code other} ("differing: seed, nfe"), for a refusal's message. */
    public String differencesFrom(JsonNode other) {
        return OutputFolder.differences(settings.toString(), other.toString());
    }

    /** Whether every shard of the job is listed. */
    public boolean complete() {
        return shards.size() == layout().shards();
    }

    /** The manifest's text (deterministic: the same settings and shards give the same bytes). */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", VERSION);
        root.set("settings", settings);
        root.put("shards_total", layout().shards());
        root.put("complete", complete());
        ArrayNode list = root.putArray("shards");
        for (Shard s : shards) {
            ObjectNode o = list.addObject();
            o.put("index", s.index());
            o.put("first", s.first());
            o.put("count", s.count());
            o.put("file", s.file());
            o.put("crc32c", s.crc32c());
            if (s.sheet() != null) {
                o.put("sheet", s.sheet());
                o.put("sheet_crc32c", s.sheetCrc32c());
            }
            ArrayNode bad = o.putArray("non_finite");
            for (NonFinite n : s.nonFinite()) {
                bad.addObject().put("sample", n.sample()).put("step", n.step());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the manifest atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads and checks {@code file}; a refusal is one line starting with the file's name. */
    public static GenerateManifest read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new JobException(file + ": not UTF-8 text, not a gddim generate manifest");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and checks a manifest's text: the format, the layout settings, and every shard entry (index in the
     * layout, strictly increasing, its range the layout's, canonical file names, 8-hex-digit checksums, non-finite
     * samples inside the shard). A refusal is a {@link JobException} whose one printable line starts with {@code name}.
     */
    public static GenerateManifest parse(String text, String name) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            throw bad(name, "not valid JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(text(root, "format"))) {
            throw bad(name, "not a gddim generate manifest (no \"format\": \"" + FORMAT + "\")");
        }
        if (!root.path("format_version").isInt() || root.get("format_version").asInt() != VERSION) {
            throw bad(name, "format_version " + root.path("format_version") + " is not " + VERSION
                    + " (written by another engine version)");
        }
        JsonNode settings = root.get("settings");
        if (settings == null || !settings.isObject()) {
            throw bad(name, "no settings object");
        }
        long n = positive(settings, "n", name, Long.MAX_VALUE);
        long size = positive(settings, "shard_size", name, Integer.MAX_VALUE);
        ShardLayout layout;
        try {
            layout = ShardLayout.whole(n, (int) size);
        } catch (JobException e) {
            throw bad(name, "settings: " + e.getMessage());
        }
        JsonNode list = root.get("shards");
        if (list == null || !list.isArray()) {
            throw bad(name, "no shards list");
        }
        List<Shard> shards = new ArrayList<>();
        int previous = -1;
        for (JsonNode s : list) {
            Shard shard = shard(s, layout, name);
            if (shard.index() <= previous) {
                throw bad(name, "shard " + shard.index() + " is listed after shard " + previous
                        + " (entries must be in increasing index order, each once)");
            }
            previous = shard.index();
            shards.add(shard);
        }
        return new GenerateManifest(settings, shards);
    }

    private static Shard shard(JsonNode s, ShardLayout layout, String name) {
        if (!s.isObject()) {
            throw bad(name, "a shards entry is not an object");
        }
        long index = integer(s, "index", name);
        if (index < 0 || index >= layout.shards()) {
            throw bad(name, "shard index " + index + " is outside 0.." + (layout.shards() - 1) + " of this layout");
        }
        int j = (int) index;
        String where = "shard " + j + ": ";
        if (integer(s, "first", name) != layout.first(j) || integer(s, "count", name) != layout.rows(j)) {
            throw bad(name, where + "range first " + s.get("first") + " count " + s.get("count") + " is not the layout's ("
                    + layout.first(j) + ", " + layout.rows(j) + ")");
        }
        if (!ShardLayout.shardFile(j).equals(text(s, "file"))) {
            throw bad(name, where + "file is not " + ShardLayout.shardFile(j));
        }
        String crc = checksum(s, "crc32c", where, name);
        String sheet = null;
        String sheetCrc = null;
        if (s.has("sheet")) {
            if (!ShardLayout.sheetFile(j).equals(text(s, "sheet"))) {
                throw bad(name, where + "sheet is not " + ShardLayout.sheetFile(j));
            }
            sheet = ShardLayout.sheetFile(j);
            sheetCrc = checksum(s, "sheet_crc32c", where, name);
        }
        JsonNode bad = s.get("non_finite");
        if (bad == null || !bad.isArray()) {
            throw bad(name, where + "no non_finite list");
        }
        List<NonFinite> nonFinite = new ArrayList<>();
        for (JsonNode b : bad) {
            if (!b.isObject()) {
                throw bad(name, where + "a non_finite entry is not an object");
            }
            long sample = integer(b, "sample", name);
            long step = integer(b, "step", name);
            if (sample < layout.first(j) || sample >= layout.first(j) + layout.rows(j) || step < 1 || step > Integer.MAX_VALUE) {
                throw bad(name, where + "non_finite entry (sample " + sample + ", step " + step
                        + ") is outside the shard or has no step");
            }
            nonFinite.add(new NonFinite(sample, (int) step));
        }
        return new Shard(j, layout.first(j), layout.rows(j), ShardLayout.shardFile(j), crc, sheet, sheetCrc, nonFinite);
    }

    private static String checksum(JsonNode s, String key, String where, String name) {
        String v = text(s, key);
        if (v == null || !v.matches("[0-9a-f]{8}")) {
            throw bad(name, where + key + " is not 8 lower-case hex digits");
        }
        return v;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static long integer(JsonNode o, String key, String name) {
        JsonNode v = o.get(key);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw bad(name, "\"" + Printable.of(key) + "\" is missing or not an integer");
        }
        return v.asLong();
    }

    private static long positive(JsonNode o, String key, String name, long max) {
        long v = integer(o, key, name);
        if (v < 1 || v > max) {
            throw bad(name, "settings." + key + " " + v + " is out of range 1.." + max);
        }
        return v;
    }

    private static JobException bad(String name, String what) {
        return new JobException(name + ": " + Printable.of(what));
    }
}
