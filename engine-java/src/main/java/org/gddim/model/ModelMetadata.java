package org.gddim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gddim.io.Printable;

/**
 * What a score network was trained as, from its ONNX {@code metadata_props} or a sidecar {@code FILE.meta.json}
 * (a flat JSON object with the same keys; the sidecar wins). Keys (docs/models.md):
 * <ul>
 *   <li>{@code gddim.prediction}: eps | x0 | v | edm (an EDM denoiser D(x^; sigma^) on the hat frame x^ = x/a,
 *       {@link Prediction}; also spelled edm-denoiser). Processes without a scalar noise level (cld) take eps only,
 *       in the process' own frame (gDDIM's R_t for cld)</li>
 *   <li>{@code gddim.process}: the engine process it was trained with (vp, vp-cosine, ve, edm, ...)</li>
 *   <li>{@code gddim.time_input}: t (the process time) | sigma (sigma_t); times {@code gddim.time_scale} (default 1)</li>
 *   <li>{@code gddim.input_shape}: one sample's shape, e.g. "1,28,28"</li>
 * </ul>
 */
public record ModelMetadata(String name, Prediction prediction, String process, TimeInput timeInput, double timeScale,
        DataShape shape) {

    /** The keys the engine reads. */
    static final java.util.List<String> KEYS = java.util.List.of("gddim.prediction", "gddim.process", "gddim.time_input",
            "gddim.time_scale", "gddim.input_shape", "gddim.name");
    /**
     * Keys that describe the model and change nothing the engine computes (written by tools/train); numbers among
     * them are still checked. Free-form notes go under {@code gddim.info.}.
     */
    static final java.util.List<String> INFORMATIONAL = java.util.List.of("gddim.data_range", "gddim.sigma_min",
            "gddim.sigma_max", "gddim.fdm_multiplier", "gddim.heldout_accuracy", "gddim.cld", "gddim.bdm");

    /**
     * Whether the network was trained as {@code ddpm}, a discrete process whose betas are given with it (its
     * diffusers scheduler config), and {@code process} is discrete: then any betas are its process.
     */
    public static boolean anyDiscreteBetas(ModelMetadata meta, org.gddim.process.Process process) {
        return "ddpm".equals(meta.process()) && process instanceof org.gddim.process.DiscreteVp;
    }

    /** What the network's time input is. */
    public enum TimeInput {
        T,
        SIGMA;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The sidecar of the model {@code file}: {@code FILE.meta.json} beside it (FILE without .onnx). */
    public static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName().toString().replaceAll("\\.onnx$", "") + ".meta.json");
    }

    /** Reads and validates the metadata of {@code file}, given its ONNX metadata_props. */
    public static ModelMetadata read(Path file, Map<String, String> props) {
        Map<String, String> all = new HashMap<>(props);
        Path sidecar = sidecar(file);
        if (Files.exists(sidecar)) {
            try {
                JsonNode node = new ObjectMapper().readTree(sidecar.toFile());
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    all.put(e.getKey(), e.getValue().asText());
                }
            } catch (IOException e) {
                throw new ModelSpecException("sidecar " + sidecar + " is not valid JSON: " + e.getMessage(), e);
            }
        }
        String where = "model " + file + " (ONNX metadata_props or " + sidecar.getFileName() + ")";
        for (String key : all.keySet()) {
            if (key.startsWith("gddim.") && !KEYS.contains(key) && !INFORMATIONAL.contains(key) && !key.startsWith("gddim.info.")) {
                throw new ModelSpecException(where + ": unknown key " + Printable.of(key) + " (the engine reads " + String.join(", ", KEYS)
                        + "; informational: " + String.join(", ", INFORMATIONAL) + ", gddim.info.*); a misspelt setting "
                        + "would otherwise be silently ignored");
            }
        }
        double sigmaMin = positive(all, "gddim.sigma_min", where);
        double sigmaMax = positive(all, "gddim.sigma_max", where);
        if (sigmaMin > 0 && sigmaMax > 0 && !(sigmaMin < sigmaMax)) {
            throw new ModelSpecException(where + ": gddim.sigma_min = " + sigmaMin + " is not below gddim.sigma_max = " + sigmaMax);
        }
        String predictionText = require(all, "gddim.prediction", where, "one of eps, x0, v, edm");
        Prediction prediction = switch (predictionText) {
            case "eps" -> Prediction.EPS;
            case "x0" -> Prediction.X0;
            case "v" -> Prediction.V;
            case "edm", "edm-denoiser" -> Prediction.EDM_DENOISER;
            default -> throw new ModelSpecException(where + ": gddim.prediction = '" + Printable.of(predictionText)
                    + "' is not one of eps, x0, v, edm");
        };
        String process = require(all, "gddim.process", where, "the process it was trained with, e.g. vp");
        TimeInput time = choice(all, "gddim.time_input", TimeInput.class, where);
        double scale = 1.0;
        if (all.containsKey("gddim.time_scale")) {
            try {
                scale = Double.parseDouble(all.get("gddim.time_scale"));
            } catch (NumberFormatException e) {
                throw new ModelSpecException(where + ": gddim.time_scale = '" + Printable.of(all.get("gddim.time_scale")) + "' is not a number");
            }
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new ModelSpecException(where + ": gddim.time_scale = '" + Printable.of(all.get("gddim.time_scale"))
                        + "' must be a positive finite number");
            }
        }
        String shapeText = require(all, "gddim.input_shape", where, "one sample's shape, e.g. 1,28,28");
        int[] dims;
        try {
            dims = java.util.Arrays.stream(shapeText.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new ModelSpecException(where + ": gddim.input_shape = '" + Printable.of(shapeText) + "' is not a list of integers");
        }
        if (dims.length == 0 || java.util.Arrays.stream(dims).anyMatch(d -> d < 1)) {
            throw new ModelSpecException(where + ": gddim.input_shape = '" + Printable.of(shapeText) + "' must be positive integers");
        }
        String name = all.getOrDefault("gddim.name", file.getFileName().toString());
        return new ModelMetadata(name, prediction, process, time, scale, new DataShape(dims));
    }

    /** The positive finite number under {@code key}, or 0 if absent. */
    private static double positive(Map<String, String> all, String key, String where) {
        String v = all.get(key);
        if (v == null) {
            return 0;
        }
        double x;
        try {
            x = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new ModelSpecException(where + ": " + key + " = '" + Printable.of(v) + "' is not a number");
        }
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new ModelSpecException(where + ": " + key + " = '" + Printable.of(v) + "' must be a positive finite number");
        }
        return x;
    }

    private static String require(Map<String, String> all, String key, String where, String what) {
        String v = all.get(key);
        if (v == null || v.isBlank()) {
            throw new ModelSpecException(where + " lacks " + key + " (" + what + ")");
        }
        return v.strip();
    }

    private static <E extends Enum<E>> E choice(Map<String, String> all, String key, Class<E> type, String where) {
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(e);
        }
        String v = require(all, key, where, "one of " + names);
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(v)) {
                return e;
            }
        }
        throw new ModelSpecException(where + ": " + key + " = '" + Printable.of(v) + "' is not one of " + names);
    }
}
