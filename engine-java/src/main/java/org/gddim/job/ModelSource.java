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
