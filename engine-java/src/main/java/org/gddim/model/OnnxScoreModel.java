package org.gddim.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.backend.DType;
import org.gddim.backend.HostBuffer;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * A network from an ONNX file, run by ONNX Runtime on the CPU: the raw {@link NetworkOutput} (its input and output
 * tensors are views of the engine's own buffers, native-order direct buffers over their memory segments, the
 * output pinned, so nothing is copied between the network and the solver; one session serves the whole run).
 * {@link #scoreModel} turns it into the eps model the solvers see: {@link PredictionAdapter} for x0, v and EDM
 * denoisers (one fused step on the run's backend), or {@link EpsNetwork} for eps networks of any process. The
 * file must carry {@link ModelMetadata} (prediction, process, time input, shape) and have one float input of
 * shape (batch, shape...), one float time input of shape (batch), and one float output shaped like the input.
 */
public final class OnnxScoreModel implements NetworkOutput, AutoCloseable {
    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelMetadata meta;
    private final Process process;
    private final String dataName;
    private final String timeName;
    private final String outName;
    private final long fixedBatch; // -1 when the batch dimension is dynamic
    private final Map<Long, OnnxTensor> views = new HashMap<>(); // (address, batch) -> tensor over that memory

    private OnnxScoreModel(Path file, OrtEnvironment env, OrtSession session, ModelMetadata meta, Process process,
            String dataName, String timeName, String outName, long fixedBatch) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.meta = meta;
        this.process = process;
        this.dataName = dataName;
        this.timeName = timeName;
        this.outName = outName;
        this.fixedBatch = fixedBatch;
    }

    /**
     * Opens {@code file} for sampling under {@code process} with {@code threads} ORT intra-op threads (spinning
     * off). Throws {@link ModelSpecException} naming the file and the problem.
     */
    public static OnnxScoreModel open(Path file, Process process, int threads) {
        if (!Files.isRegularFile(file)) {
            throw new ModelSpecException("model file " + file + " does not exist");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelSpecException("model file " + file + " is not a usable ONNX model: " + e.getMessage(), e);
        }
        try {
            ModelMetadata meta = ModelMetadata.read(file, session.getMetadata().getCustomMetadata());
            if (!meta.process().equals(process.name()) && !ModelMetadata.anyDiscreteBetas(meta, process)) {
                throw new ModelSpecException("model " + file + " was trained for process " + meta.process()
                        + "; sample it with --process " + meta.process() + " (got " + process.name() + ")");
            }
            if (!(process instanceof ScalarProcess) && (meta.prediction() != Prediction.EPS
                    || meta.timeInput() != ModelMetadata.TimeInput.T)) {
                throw new ModelSpecException("model " + file + ": under " + process.name() + " (no scalar noise level) a "
                        + "network must predict eps in the process' frame from the time t; it has gddim.prediction = "
                        + meta.prediction() + ", gddim.time_input = " + meta.timeInput());
            }
            if (process.planes() > 1 && meta.shape().dims()[0] % process.planes() != 0) {
                throw new ModelSpecException("model " + file + ": gddim.input_shape " + meta.shape() + " must hold the "
                        + process.planes() + " planes of the " + process.name() + " state along its first axis");
            }
            return bind(file, env, session, meta, process);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the original error is the one to report
            }
            if (e instanceof ModelSpecException m) {
                throw m;
            }
            throw new ModelSpecException("model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The metadata of {@code file} alone (opens and closes a session), e.g. to find the process to sample it with. */
    public static ModelMetadata metadataOf(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelSpecException("model file " + file + " does not exist");
        }
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            return ModelMetadata.read(file, session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new ModelSpecException("model file " + file + " is not a usable ONNX model: " + e.getMessage(), e);
        }
    }

    /** Identifies the data, time and output tensors and checks their types and shapes against the metadata. */
    private static OnnxScoreModel bind(Path file, OrtEnvironment env, OrtSession session, ModelMetadata meta,
            Process process) throws OrtException {
        int rank = meta.shape().dims().length + 1;
        String data = null;
        String time = null;
        long batch = -1;
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            TensorInfo info = tensorInfo(file, e.getKey(), e.getValue(), "input");
            long[] shape = info.getShape();
            if (shape.length == rank) {
                requireShape(file, "input '" + e.getKey() + "'", shape, meta.shape());
                data = e.getKey();
                batch = shape[0];
            } else if (shape.length == 1) {
                time = e.getKey();
            } else {
                throw new ModelSpecException("model " + file + ": input '" + e.getKey() + "' has rank " + shape.length
                        + "; expected the data (rank " + rank + " for shape " + meta.shape() + ") or the time (rank 1)");
            }
        }
        if (data == null || time == null || session.getInputInfo().size() != 2) {
            throw new ModelSpecException("model " + file + " must have exactly two inputs, the data (batch, "
                    + meta.shape().toString().substring(1) + " and the time (batch); it has " + session.getInputInfo().keySet());
        }
        if (session.getOutputInfo().size() != 1) {
            throw new ModelSpecException("model " + file + " must have one output; it has " + session.getOutputInfo().keySet());
        }
        var out = session.getOutputInfo().entrySet().iterator().next();
        requireShape(file, "output '" + out.getKey() + "'", tensorInfo(file, out.getKey(), out.getValue(), "output").getShape(),
                meta.shape());
        return new OnnxScoreModel(file, env, session, meta, process, data, time, out.getKey(), batch);
    }

    private static TensorInfo tensorInfo(Path file, String name, NodeInfo node, String role) {
        if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
            throw new ModelSpecException("model " + file + ": " + role + " '" + name + "' is " + node.getInfo()
                    + "; expected a float32 tensor");
        }
        return info;
    }

    private static void requireShape(Path file, String what, long[] shape, DataShape expected) {
        int[] dims = expected.dims();
        for (int i = 0; i < dims.length; i++) {
            if (shape[i + 1] != dims[i] && shape[i + 1] != -1) {
                throw new ModelSpecException("model " + file + ": " + what + " has shape " + java.util.Arrays.toString(shape)
                        + " but gddim.input_shape says " + expected);
            }
        }
    }

    public ModelMetadata metadata() {
        return meta;
    }

    /** The network's input shape: one sample of the process' state (for cld (2 C, H, W): x then v). */
    @Override
    public DataShape shape() {
        return meta.shape();
    }

    @Override
    public String describe() {
        return "ONNX " + meta.name() + " (" + file.getFileName() + ", ONNX Runtime CPU)";
    }

    /**
     * The eps model the solvers see, its conversions run on {@code backend} (the run's, a host backend): eps
     * networks as they are, others through {@link PredictionAdapter}. The network is called with its time
     * input: {@code time_scale * t}, or {@code time_scale * sigma^} (rho) when it takes sigma.
     */
    public ScoreModel scoreModel(Backend backend) {
        int planes = process.planes();
        int[] dims = meta.shape().dims().clone();
        dims[0] /= planes;
        DataShape data = new DataShape(dims);
        if (meta.prediction() == Prediction.EPS && !(process instanceof ScalarProcess)) {
            return new EpsNetwork(this, data, t -> t);
        }
        DoubleUnaryOperator label = meta.timeInput() == ModelMetadata.TimeInput.SIGMA
                ? ((ScalarProcess) process)::rho : PredictionAdapter.trainingLabel(process);
        return meta.prediction() == Prediction.EPS
                ? new EpsNetwork(this, data, label)
                : new PredictionAdapter(this, meta.prediction(), process, backend, label);
    }

    @Override
    public void predict(Buffer input, double label, Buffer out, int batch) {
        if (fixedBatch > 0 && batch != fixedBatch) {
            throw new ModelSpecException("model " + file + " has a fixed batch size " + fixedBatch + "; run it with --batch "
                    + fixedBatch);
        }
        float[] times = new float[batch];
        java.util.Arrays.fill(times, (float) (meta.timeScale() * label));
        try (OnnxTensor timeTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(times), new long[] {batch});
                OrtSession.Result result = session.run(Map.of(dataName, view(input, batch), timeName, timeTensor),
                        Map.of(outName, view(out, batch)))) {
            if (result.isResultOwner(0)) {
                throw new IllegalStateException("ONNX Runtime did not write into the pinned output buffer");
            }
        } catch (OrtException e) {
            throw new IllegalStateException("running " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** A tensor over the first {@code batch} samples of {@code buffer}'s own memory (cached per address and batch). */
    OnnxTensor view(Buffer buffer, int batch) {
        HostBuffer host = HostBuffer.of(buffer);
        if (host.dtype() != DType.F32) {
            throw new IllegalArgumentException("ONNX models run on float32 buffers, got " + host.dtype());
        }
        long key = host.segment().address() * 31 + batch;
        return views.computeIfAbsent(key, k -> {
            int d = meta.shape().size();
            MemorySegment slice = host.segment().asSlice(0, 4L * batch * d);
            FloatBuffer fb = slice.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
            long[] shape = new long[meta.shape().dims().length + 1];
            shape[0] = batch;
            for (int i = 0; i < meta.shape().dims().length; i++) {
                shape[i + 1] = meta.shape().dims()[i];
            }
            try {
                return OnnxTensor.createTensor(env, fb, shape);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot bind a tensor to the sampler's buffer: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        views.values().forEach(OnnxTensor::close);
        views.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing " + file + ": " + e.getMessage(), e);
        }
    }
}
