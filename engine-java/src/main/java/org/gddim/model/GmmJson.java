package org.gddim.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a Gaussian mixture from JSON:
 * {@code {"weights": [K], "means": [[D] x K], "covariances": [[[D x D]] x K]}} or, for diagonal components,
 * {@code "variances": [[D] x K]} instead of "covariances"; optional {@code "shape": [C, H, W]} (product D,
 * default {@code [D]}); optional {@code "basis": "dct"} with "variances": the variances are those of the
 * orthonormal 2-D DCT-II coefficients of each (H, W) channel ({@code S_k = V diag V^T}, image-like data; means
 * stay in pixels). Every error names the file and the offending entry.
 */
public final class GmmJson {
    private GmmJson() {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** How far the weights' sum may be from 1 (files written with 6-7 significant digits pass). */
    private static final double WEIGHT_SUM_TOLERANCE = 1e-4;
    private static final Set<String> KEYS = Set.of("weights", "means", "covariances", "variances", "shape", "basis", "comment");

    /** The embedded default model: a 2-D, 6-component mixture with full covariances (for `make run`). */
    public static GaussianMixture defaultMixture() {
        try (InputStream in = GmmJson.class.getResourceAsStream("default-gmm.json")) {
            if (in == null) {
                throw new IllegalStateException("default-gmm.json is missing from the engine jar");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "embedded default model");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded default model", e);
        }
    }

    /** Reads and validates the mixture in {@code file}. */
    public static GaussianMixture read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelSpecException("model file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ModelSpecException("model file " + file + " is not a UTF-8 JSON text (a binary file"
                    + (file.toString().endsWith(".onnx") ? "; for an ONNX network use --model onnx:" + file : "") + ")");
        } catch (IOException e) {
            throw new ModelSpecException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, "model file " + file);
    }

    /** Parses and validates a mixture; {@code source} prefixes every error message. */
    public static GaussianMixture parse(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ModelSpecException(source + ": malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + org.gddim.io.Printable.of(e.getOriginalMessage()));
        }
        try {
            GaussianMixture mixture = fromTree(root);
            double sum = 0;
            for (JsonNode w : root.get("weights")) {
                sum += w.asDouble();
            }
            if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
                throw new ModelSpecException("'weights' sum to " + sum + ", not 1: they are the components' "
                        + "probabilities; normalise them");
            }
            return mixture;
        } catch (ModelSpecException | IllegalArgumentException e) { // the latter from DataShape and the factories
            throw new ModelSpecException(source + ": " + org.gddim.io.Printable.of(String.valueOf(e.getMessage())));
        }
    }

    private static GaussianMixture fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ModelSpecException("expected a JSON object with 'weights', 'means' and 'covariances' or 'variances'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ModelSpecException("unknown key '" + org.gddim.io.Printable.of(key) + "' (expected one of " + KEYS + ")");
            }
        }
        double[] weights = vector(require(root, "weights"), "weights");
        double[][] means = matrix(require(root, "means"), "means");
        if (means.length == 0) {
            throw new ModelSpecException("'means' is empty");
        }
        DataShape shape = root.has("shape") ? shape(root.get("shape"), means[0].length) : DataShape.of(means[0].length);
        boolean hasCov = root.has("covariances");
        boolean hasVar = root.has("variances");
        if (hasCov == hasVar) {
            throw new ModelSpecException("give exactly one of 'covariances' (full, K x D x D) or 'variances' (diagonal, K x D)");
        }
        String basis = root.has("basis") ? root.get("basis").asText() : "pixel";
        if (!basis.equals("pixel") && !basis.equals("dct")) {
            throw new ModelSpecException("'basis' must be \"pixel\" or \"dct\", got " + org.gddim.io.Printable.of(root.get("basis").toString()));
        }
        if (basis.equals("dct")) {
            if (!hasVar) {
                throw new ModelSpecException("\"basis\": \"dct\" needs 'variances' (per DCT frequency), not 'covariances'");
            }
            return GaussianMixture.dctDiagonal(weights, means, matrix(root.get("variances"), "variances"), shape);
        }
        if (hasVar) {
            return GaussianMixture.diagonal(weights, means, matrix(root.get("variances"), "variances"), shape);
        }
        JsonNode cov = root.get("covariances");
        if (!cov.isArray()) {
            throw new ModelSpecException("'covariances' must be an array of D x D matrices");
        }
        double[][][] covariances = new double[cov.size()][][];
        for (int k = 0; k < cov.size(); k++) {
            covariances[k] = matrix(cov.get(k), "covariances[" + k + "]");
        }
        return GaussianMixture.full(weights, means, covariances, shape);
    }

    private static JsonNode require(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null) {
            throw new ModelSpecException("missing required key '" + key + "'");
        }
        return node;
    }

    private static DataShape shape(JsonNode node, int d) {
        double[] dims = vector(node, "shape");
        int[] out = new int[dims.length];
        long product = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != Math.rint(dims[i]) || dims[i] < 1) {
                throw new ModelSpecException("shape[" + i + "] = " + dims[i] + " must be a positive integer");
            }
            out[i] = (int) dims[i];
            product *= out[i];
        }
        if (product != d) {
            throw new ModelSpecException("'shape' has " + product + " elements but the means have D = " + d);
        }
        return new DataShape(out);
    }

    private static double[] vector(JsonNode node, String name) {
        if (!node.isArray()) {
            throw new ModelSpecException("'" + name + "' must be an array of numbers");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw new ModelSpecException(name + "[" + i + "] is " + org.gddim.io.Printable.of(x.toString()) + ", not a number");
            }
            out[i] = x.asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode node, String name) {
        if (!node.isArray()) {
            throw new ModelSpecException("'" + name + "' must be an array of arrays of numbers");
        }
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i), name + "[" + i + "]");
        }
        return out;
    }
}
