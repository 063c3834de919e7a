package org.gddim.diffusers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gddim.io.Printable;

/**
 * A diffusers {@code scheduler_config.json} as read: a flat JSON object of keys (diffusers writes Python's
 * {@code -Infinity}/{@code NaN} for some numbers; they are accepted and then checked like any value). Typed look-ups
 * fall back to diffusers' default of the scheduler class when a key is absent and refuse a value of the wrong type
 * with one line naming the file and the key. What the keys mean and how they map is {@link SchedulerMapping}'s.
 *
 * @param source how messages name the input, e.g. "scheduler config scheduler_config.json"
 * @param keys every key with its value, in file order
 */
public record SchedulerConfig(String source, Map<String, JsonNode> keys) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public SchedulerConfig {
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** Reads {@code file}; refusals name it. */
    public static SchedulerConfig read(Path file) {
        String source = "scheduler config " + file;
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SchedulerConfigException(source + ": cannot be read (" + Printable.of(String.valueOf(e.getMessage())) + ")");
        }
        return parse(text, source);
    }

    /** Parses JSON {@code text}; {@code source} starts every refusal. */
    public static SchedulerConfig parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new SchedulerConfigException(source + ": not valid JSON (" + Printable.of(m) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new SchedulerConfigException(source + ": must be a JSON object of scheduler keys, like diffusers' "
                    + "scheduler_config.json");
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            keys.put(e.getKey(), e.getValue());
        }
        return new SchedulerConfig(source, keys);
    }

    /** Whether the key is present with a value other than JSON null (diffusers treats null as "not set"). */
    public boolean has(String key) {
        JsonNode v = keys.get(key);
        return v != null && !v.isNull();
    }

    /** The refusal of {@code key}: "SOURCE: KEY = VALUE WHAT". */
    SchedulerConfigException refuse(String key, String what) {
        return new SchedulerConfigException(source + ": " + key + " = " + shown(key) + " " + what);
    }

    /** The key's value as JSON text, printable and bounded. */
    String shown(String key) {
        JsonNode v = keys.get(key);
        return v == null ? "(absent)" : Printable.of(v.toString());
    }

    /** A string value, or {@code fallback} if absent or null. */
    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = keys.get(key);
        if (!v.isTextual()) {
            throw refuse(key, "is not a string");
        }
        return v.asText();
    }

    /** A boolean value, or {@code fallback}. */
    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = keys.get(key);
        if (!v.isBoolean()) {
            throw refuse(key, "is not true or false");
        }
        return v.booleanValue();
    }

    /** An integer value in {@code [min, max]}, or {@code fallback}. */
    int integer(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = keys.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw refuse(key, "is not an integer in " + min + ".." + max);
        }
        return v.intValue();
    }

    /** A number (possibly infinite or NaN, as diffusers may write), or {@code fallback}. */
    double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = keys.get(key);
        if (!v.isNumber()) {
            throw refuse(key, "is not a number");
        }
        return v.doubleValue();
    }

    /** A list of numbers, or null if absent or null. */
    double[] numbers(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = keys.get(key);
        if (!v.isArray()) {
            throw refuse(key, "is not a list of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new SchedulerConfigException(source + ": " + key + "[" + i + "] = " + Printable.of(v.get(i).toString())
                        + " is not a number");
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }
}
