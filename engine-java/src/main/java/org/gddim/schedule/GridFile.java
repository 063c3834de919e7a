package org.gddim.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gddim.io.JsonFiles;

/**
 * A learned schedule, {@code grid.json} (format gddim-ld3-grid, version 1): the solver times and the network times
 * (spec 6.1's {@code best_t_steps}, kept as a pair), what they were learned for (process, model file SHA-256,
 * solver, order, corrector, final-step rule, NFE; a schedule does not transfer across any of them, spec 6.7-6.8),
 * the learned variables, and in {@code info} the teacher, the losses per iteration, the wall time and the engine
 * commit (written, not needed to sample).
 */
public record GridFile(String process, String model, String modelSha256, String solver, int order, String corrector,
        boolean lowerOrderFinal, String method, int nfe, String mode, double[] solverTimes, double[] networkTimes,
        double[] theta, double[] s, Map<String, Object> info) {
    public static final String FORMAT = "gddim-ld3-grid";

    public GridFile {
        if (solverTimes.length != networkTimes.length) {
            throw new IllegalArgumentException(solverTimes.length + " solver times but " + networkTimes.length + " network times");
        }
        new TimeGrid(solverTimes); // strictly decreasing, positive
    }

    /** The solver grid. */
    public TimeGrid grid() {
        return new TimeGrid(solverTimes);
    }

    /** The shipped schedule of a model file: {@code models/<model>.ld3-<solver>-<nfe>.json} next to it. */
    public static Path shipped(Path modelFile, String solver, int nfe) {
        String stem = modelFile.getFileName().toString().replaceAll("\\.(onnx|json)$", "");
        return modelFile.resolveSibling(stem + ".ld3-" + solver + "-" + nfe + ".json");
    }

    /** What differs between this schedule and a run of the given settings (empty when it fits). */
    public List<String> mismatches(String runModelSha256, String runProcess, String runSolver, int runOrder,
            String runCorrector, boolean runLowerOrderFinal, int runNfe) {
        List<String> out = new ArrayList<>();
        if (!modelSha256.equals(runModelSha256)) {
            out.add("model file hash " + abbreviate(modelSha256) + " (" + model + "), not " + abbreviate(runModelSha256));
        }
        compare(out, "process", process, runProcess);
        compare(out, "solver", solver, runSolver);
        compare(out, "order", Integer.toString(order), Integer.toString(runOrder));
        compare(out, "corrector", corrector, runCorrector);
        compare(out, "lower-order-final", Boolean.toString(lowerOrderFinal), Boolean.toString(runLowerOrderFinal));
        compare(out, "NFE", Integer.toString(nfe), Integer.toString(runNfe));
        return out;
    }

    private static void compare(List<String> out, String what, String learned, String run) {
        if (!learned.equals(run)) {
            out.add(what + " " + learned + ", not " + run);
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** Writes this schedule atomically. */
    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", 1);
        m.put("process", process);
        m.put("model", model);
        m.put("model_sha256", modelSha256);
        m.put("solver", solver);
        m.put("order", order);
        m.put("corrector", corrector);
        m.put("lower_order_final", lowerOrderFinal);
        m.put("method", method);
        m.put("nfe", nfe);
        m.put("mode", mode);
        m.put("solver_times", solverTimes);
        m.put("network_times", networkTimes);
        m.put("theta", theta);
        m.put("xi_normalised", s);
        m.putAll(info);
        JsonFiles.write(file, m);
    }

    /** Reads and checks {@code file}; IllegalArgumentException names the file and what is wrong. */
    public static GridFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("grid file " + file + " does not exist");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("grid file " + file + " cannot be read as UTF-8 text: "
                    + org.gddim.io.Printable.of(String.valueOf(e.getMessage())), e);
        }
        return parse(text, file);
    }

    /** Parses and checks the JSON text of the grid file {@code file} (named in every message). */
    public static GridFile parse(String text, Path file) {
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("grid file " + file + " is not valid JSON: "
                    + org.gddim.io.Printable.of(String.valueOf(e.getMessage()).lines().findFirst().orElse("")), e);
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException("grid file " + file + " is not a gddim LD3 grid (its \"format\" is not \"" + FORMAT + "\")");
        }
        try {
            return new GridFile(text(n, "process", file), text(n, "model", file), text(n, "model_sha256", file),
                    text(n, "solver", file), number(n, "order", file), text(n, "corrector", file),
                    n.path("lower_order_final").asBoolean(true), text(n, "method", file), number(n, "nfe", file),
                    text(n, "mode", file), doubles(n, "solver_times", file), doubles(n, "network_times", file),
                    doubles(n, "theta", file), doubles(n, "xi_normalised", file), Map.of());
        } catch (IllegalArgumentException e) {
            String m = org.gddim.io.Printable.of(String.valueOf(e.getMessage()));
            throw new IllegalArgumentException(m.startsWith("grid file") ? m : "grid file " + file + ": " + m, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static String text(JsonNode n, String key, Path file) {
        if (!n.path(key).isTextual()) {
            throw new IllegalArgumentException("grid file " + file + " has no text field \"" + key + "\"");
        }
        return n.get(key).asText();
    }

    private static int number(JsonNode n, String key, Path file) {
        if (!n.path(key).canConvertToInt()) {
            throw new IllegalArgumentException("grid file " + file + " has no integer field \"" + key + "\"");
        }
        return n.get(key).asInt();
    }

    private static double[] doubles(JsonNode n, String key, Path file) {
        JsonNode a = n.path(key);
        if (!a.isArray()) {
            throw new IllegalArgumentException("grid file " + file + " has no array \"" + key + "\"");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException("grid file " + file + ": " + key + "[" + i + "] is not a number");
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
