package org.gddim.model;

import java.nio.file.Path;
import java.util.Optional;
import org.gddim.backend.Backend;
import org.gddim.backend.CudaDevice;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * Opens a score model on a backend without naming the backend: on its {@link CudaDevice} where it offers one (the
 * device GMM oracle, the engine's ONNX executor), on the host otherwise (GmmScore, ONNX Runtime). A new backend
 * kind touches this class only if it brings device models of its own.
 */
public final class ScoreModels {
    private ScoreModels() {}

    /** A model and what to release after the run (the ONNX Runtime session; nothing for models the backend owns). */
    public record Opened(ScoreModel model, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    /** The exact score of {@code gmm} under {@code process}, on {@code backend}'s device where it has one. */
    public static Opened gmm(GaussianMixture gmm, Process process, Backend backend) {
        Optional<CudaDevice> device = backend.cudaDevice();
        if (device.isEmpty()) {
            return new Opened(new GmmScore(gmm, process), () -> {});
        }
        if (!(process instanceof ScalarProcess) || gmm.dct()) {
            throw new ModelSpecException("the cuda backend runs the exact GMM oracle for scalar processes (vp, ve, edm, "
                    + "fdm-*) with explicit covariances in this version; use --backend native for " + process.name());
        }
        return new Opened(new CudaGmmScore(gmm, process, device.get()), () -> {});
    }

    /**
     * The network in {@code file} as an eps model: on the device by the engine's executor (closed with the
     * backend), or by ONNX Runtime with {@code threads} intra-op threads (closed by {@link Opened#close}).
     */
    public static Opened onnx(Path file, Process process, Backend backend, int threads) {
        Optional<CudaDevice> device = backend.cudaDevice();
        if (device.isPresent()) {
            return new Opened(device.get().closeWithBackend(GpuOnnxScoreModel.open(file, process, device.get())), () -> {});
        }
        OnnxScoreModel network = OnnxScoreModel.open(file, process, threads);
        return new Opened(network.scoreModel(backend), network::close);
    }
}
