package org.gddim.job;

import java.nio.file.Path;

/**
 * Where the score model comes from: {@code default} (the embedded GMM), {@code gmm:FILE.json} (an exact
 * Gaussian-mixture oracle) or {@code onnx:FILE.onnx} (a trained network, run by ONNX Runtime on CPU backends and by the engine's own
 * executor, org.gddim.executor.GpuExecutor, on the cuda backend).
 */
public sealed interface ModelSource {
    record Default() implements ModelSource {
        @Override
        public String toString() {
            return "default";
        }
    }

    record GmmFile(Path file) implements ModelSource {
        @Override
        public String toString() {
            return "gmm:" + file;
        }
    }

    record OnnxFile(Path file) implements ModelSource {
        @Override
        public String toString() {
            return "onnx:" + file;
        }
    }

    /**
     * The SHA-256 of the model's content (the file's bytes; for the embedded default, its JSON resource): part of
     * a run's settings, so a resumed run refuses a model file that changed since the interruption.
     */
    default String sha256() throws java.io.IOException {
        return switch (this) {
            case Default d -> {
                try (java.io.InputStream in = org.gddim.model.GmmJson.class.getResourceAsStream("default-gmm.json")) {
                    if (in == null) {
                        throw new java.io.IOException("default-gmm.json is missing from the engine jar");
                    }
                    yield org.gddim.io.ContentHash.sha256(in.readAllBytes());
                }
            }
            case GmmFile f -> org.gddim.io.ContentHash.sha256(f.file());
            case OnnxFile f -> org.gddim.io.ContentHash.sha256(f.file());
        };
    }

    /** The model's file, or null for the embedded default. */
    default Path file() {
        return switch (this) {
            case Default d -> null;
            case GmmFile f -> f.file();
            case OnnxFile f -> f.file();
        };
    }

    /** Parses the command-line form; throws {@link JobException} naming the accepted forms. */
    static ModelSource parse(String spec) {
        if (spec.equals("default")) {
            return new Default();
        }
        if (spec.startsWith("gmm:") && spec.length() > 4) {
            return new GmmFile(Path.of(spec.substring(4)));
        }
        if (spec.startsWith("onnx:") && spec.length() > 5) {
            return new OnnxFile(Path.of(spec.substring(5)));
        }
        throw new JobException("unknown model '" + spec + "': expected 'default', 'gmm:FILE.json' or 'onnx:FILE.onnx'");
    }
}
