package org.gddim.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gddim.backend.Buffer;
import org.gddim.backend.CudaDevice;
import org.gddim.backend.DeviceBuffer;
import org.gddim.bindings.DeviceMemory;
import org.gddim.executor.GpuContext;
import org.gddim.executor.GpuExecutor;
import org.gddim.executor.OnnxProgram;
import org.gddim.executor.OnnxProgramException;
import org.gddim.executor.ValueInfo;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * A score network from an ONNX file, run on the GPU by the engine's own executor ({@link GpuExecutor}: cuDNN,
 * cuBLAS and libgdk_cuda's nn kernels on the cuda backend's stream). Same contract and metadata as
 * {@link OnnxScoreModel}: one eval copies u into the program's input, fills the time input, runs the network and
 * converts its output to eps into {@code out} (x0/EDM: {@code eps = (x - a D) / sigma}; v: {@code eps = (a v + sigma
 * x) / (a^2 + sigma^2)}), all enqueued on the stream, so {@link org.gddim.solver.GraphSampler} can capture network
 * and solver in one CUDA graph. One compiled program per batch size, built in {@link #prepare} (or on first use
 * outside a capture). Device memory comes from the backend and is freed with it. NOT YET VERIFIED ON A GPU.
 */
public final class GpuOnnxScoreModel implements ScoreModel, AutoCloseable {
    private final Path file;
    private final ModelMetadata meta;
    private final ScalarProcess process;
    private final CudaDevice backend;
    private final GpuContext gpu;
    private final Map<Integer, GpuExecutor> executors = new HashMap<>();

    private GpuOnnxScoreModel(Path file, ModelMetadata meta, ScalarProcess process, CudaDevice backend, GpuContext gpu) {
        this.file = file;
        this.meta = meta;
        this.process = process;
        this.backend = backend;
        this.gpu = gpu;
    }

    /** Parses {@code file}, checks its metadata against {@code process} and loads cuDNN/cuBLAS on the backend's stream. */
    public static GpuOnnxScoreModel open(Path file, Process process, CudaDevice backend) {
        if (!Files.isRegularFile(file)) {
            throw new ModelSpecException("model file " + file + " does not exist");
        }
        OnnxProgram probe;
        try {
            probe = OnnxProgram.load(file, 1);
        } catch (OnnxProgramException e) {
            throw new ModelSpecException(e.getMessage(), e);
        }
        ModelMetadata meta = ModelMetadata.read(file, probe.metadata());
        if (!meta.process().equals(process.name()) && !ModelMetadata.anyDiscreteBetas(meta, process)) {
            throw new ModelSpecException("model " + file + " was trained for process " + meta.process()
                    + "; sample it with --process " + meta.process() + " (got " + process.name() + ")");
        }
        if (!(process instanceof ScalarProcess scalar)) {
            throw new ModelSpecException("ONNX models run with scalar processes here, not " + process.name());
        }
        if (meta.prediction() == Prediction.EDM_DENOISER && !(process instanceof org.gddim.process.Edm)
                && !(process instanceof org.gddim.process.Ve)) {
            throw new ModelSpecException("model " + file + ": EDM denoisers run on the GPU under processes with a = 1 "
                    + "(edm, ve) in this version; use --backend native for " + process.name());
        }
        if (probe.inputs().size() != 2 || probe.outputs().size() != 1) {
            throw new ModelSpecException("model " + file + " must have two inputs (data, time) and one output");
        }
        return new GpuOnnxScoreModel(file, meta, scalar, backend, GpuContext.open(backend.cuda()));
    }

    @Override
    public DataShape shape() {
        return meta.shape();
    }

    @Override
    public String describe() {
        return "ONNX " + meta.name() + " (" + file.getFileName() + ", " + meta.prediction()
                + " prediction, engine GPU executor: cuDNN/cuBLAS)";
    }

    @Override
    public void prepare(double[] times, int batch) {
        executor(batch);
    }

    private GpuExecutor executor(int batch) {
        return executors.computeIfAbsent(batch, b -> {
            try {
                return new GpuExecutor(OnnxProgram.load(file, b), gpu, backend::allocateBytes);
            } catch (OnnxProgramException e) {
                throw new ModelSpecException(e.getMessage(), e);
            }
        });
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        GpuExecutor ex = executor(batch);
        OnnxProgram p = ex.program();
        ValueInfo data = p.inputs().get(0).shape().length == 1 ? p.inputs().get(1) : p.inputs().get(0);
        ValueInfo time = data == p.inputs().get(0) ? p.inputs().get(1) : p.inputs().get(0);
        long n = (long) batch * meta.shape().size();
        DeviceMemory x = DeviceBuffer.of(u).memory();
        DeviceMemory eps = DeviceBuffer.of(out).memory();
        float tv = (float) (meta.timeScale() * (meta.timeInput() == ModelMetadata.TimeInput.T ? t : process.sigma(t)));
        backend.cuda().copyAsync(ex.buffer(data.name()), x, 4 * n);
        gpu.nn().fill(batch, tv, ex.buffer(time.name()));
        ex.run();
        DeviceMemory y = ex.buffer(p.outputs().get(0).name());
        double a = process.alpha(t);
        double sigma = process.sigma(t);
        switch (meta.prediction()) {
            case EPS -> backend.cuda().copyAsync(eps, y, 4 * n);
            case X0, EDM_DENOISER -> gpu.nn().axpby(n, (float) (1 / sigma), x, (float) (-a / sigma), y, eps);
            case V -> {
                double norm = a * a + sigma * sigma;
                gpu.nn().axpby(n, (float) (sigma / norm), x, (float) (a / norm), y, eps);
            }
        }
    }

    @Override
    public void close() {
        executors.values().forEach(GpuExecutor::close);
        executors.clear();
        gpu.close();
    }
}
