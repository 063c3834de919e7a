package org.gddim.quality;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.gddim.model.ModelSpecException;

/**
 * A feature extractor for image quality: an ONNX classifier with a {@code features} output (models/mnist-
 * classifier.onnx, trained by tools/train/train_classifier.py) and the reference statistics of the real data in
 * its feature space (FILE.stats.json: mean, covariance, count). Run by ONNX Runtime on the CPU.
 */
public final class ImageFeatures implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Path file;
    private final long[] sampleShape;

    public ImageFeatures(Path classifier, long[] sampleShape, int threads) {
        this.file = classifier;
        this.sampleShape = sampleShape.clone();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(classifier.toString(), options);
        } catch (OrtException e) {
            throw new ModelSpecException("classifier " + classifier + " is not a usable ONNX model: " + e.getMessage(), e);
        }
        if (!session.getOutputNames().contains("features")) {
            throw new ModelSpecException("classifier " + classifier + " has no output named 'features'");
        }
    }

    /** Features of {@code count} samples stored row-major in {@code samples} (count x prod(sampleShape)). */
    public double[][] features(float[] samples, int count) {
        int per = 1;
        for (long d : sampleShape) {
            per *= (int) d;
        }
        double[][] out = new double[count][];
        int chunk = 500;
        for (int first = 0; first < count; first += chunk) {
            int n = Math.min(chunk, count - first);
            long[] shape = new long[sampleShape.length + 1];
            shape[0] = n;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(samples, first * per, n * per), shape);
                    OrtSession.Result r = session.run(java.util.Map.of(session.getInputNames().iterator().next(), x),
                            java.util.Set.of("features"))) {
                float[][] f = (float[][]) r.get(0).getValue();
                for (int i = 0; i < n; i++) {
                    out[first + i] = new double[f[i].length];
                    for (int j = 0; j < f[i].length; j++) {
                        out[first + i][j] = f[i][j];
                    }
                }
            } catch (OrtException e) {
                throw new IllegalStateException("classifier " + file + " failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The reference statistics shipped next to the classifier (FILE.stats.json). */
    public FrechetDistance.Stats referenceStats() {
        Path stats = file.resolveSibling(file.getFileName().toString().replaceAll("\\.onnx$", "") + ".stats.json");
        try {
            JsonNode n = new ObjectMapper().readTree(stats.toFile());
            ObjectMapper m = new ObjectMapper();
            return new FrechetDistance.Stats(m.treeToValue(n.get("mean"), double[].class),
                    m.treeToValue(n.get("covariance"), double[][].class), n.get("count").asInt());
        } catch (IOException | RuntimeException e) {
            throw new ModelSpecException("reference statistics " + stats + " are missing or unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
