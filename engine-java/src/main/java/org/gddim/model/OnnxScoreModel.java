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
import org.gddim.backend.Buffer;
import org.gddim.backend.DType;
import org.gddim.backend.HostBuffer;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * A score network from an ONNX file, run by ONNX Runtime on the CPU. The network's input and output tensors are
 * views of the engine's own buffers (native-order direct buffers over their memory segments, the output pinned),
 * so nothing is copied between the network and the solver; one session serves the whole run. The file must carry
 * {@link ModelMetadata} (prediction, process, time input, shape) and have one float input of shape
 * (batch, shape...), one float time input of shape (batch), and one float output shaped like the data input.
 * Outputs other than eps are converted at the edge, with {@code x = a x0 + sigma eps}: x0 and EDM denoisers
 * (D is the x0 prediction in the process' frame) give {@code eps = (x - a x0) / sigma}, v-predictions
 * ({@code v = a eps - sigma x0}) give {@code eps = (a v + sigma x) / (a^2 + sigma^2)}.
 */
public final class OnnxScoreModel implements ScoreModel, AutoCloseable {
    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelMetadata meta;
    private final ScalarProcess process;
    private final String dataName;
    private final String timeName;
    private final String outName;
    private final long fixedBatch; // -1 when the batch dimension is dynamic
    private final Map<Long, OnnxTensor> views = new HashMap<>(); // (address, batch) -> tensor over that memory

    private OnnxScoreModel(Path file, OrtEnvironment env, OrtSession session, ModelMetadata meta, ScalarProcess process,
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
            if (!meta.process().equals(process.name())) {
                throw new ModelSpecException("model " + file + " was trained for process " + meta.process()
                        + "; sample it with --process " + meta.process() + " (got " + process.name() + ")");
            }
            if (!(process instanceof ScalarProcess scalar)) {
                throw new ModelSpecException("ONNX models run with scalar processes here, not " + process.name());
            }
            return bind(file, env, session, meta, scalar);
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
            ScalarProcess process) throws OrtException {
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

    @Override
    public DataShape shape() {
        return meta.shape();
    }

    @Override
    public String describe() {
        return "ONNX " + meta.name() + " (" + file.getFileName() + ", " + meta.prediction() + " prediction, ONNX Runtime CPU)";
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        if (fixedBatch > 0 && batch != fixedBatch) {
            throw new ModelSpecException("model " + file + " has a fixed batch size " + fixedBatch + "; run it with --batch "
                    + fixedBatch);
        }
        float time = (float) (meta.timeScale() * (meta.timeInput() == ModelMetadata.TimeInput.T ? t : process.sigma(t)));
        float[] times = new float[batch];
        java.util.Arrays.fill(times, time);
        try (OnnxTensor timeTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(times), new long[] {batch});
                OrtSession.Result result = session.run(Map.of(dataName, view(u, batch), timeName, timeTensor),
                        Map.of(outName, view(out, batch)))) {
            if (result.isResultOwner(0)) {
                throw new IllegalStateException("ONNX Runtime did not write into the pinned output buffer");
            }
        } catch (OrtException e) {
            throw new IllegalStateException("running " + file + " failed: " + e.getMessage(), e);
        }
        toEps(HostBuffer.of(u), HostBuffer.of(out), (long) batch * meta.shape().size(), t);
    }

    /** Converts the network's output in place into eps (class comment). */
    private void toEps(HostBuffer x, HostBuffer out, long n, double t) {
        double a = process.alpha(t);
        double sigma = process.sigma(t);
        switch (meta.prediction()) {
            case EPS -> { }
            case X0, EDM -> {
                for (long i = 0; i < n; i++) {
                    out.set(i, (x.get(i) - a * out.get(i)) / sigma);
                }
            }
            case V -> {
                double norm = a * a + sigma * sigma;
                for (long i = 0; i < n; i++) {
                    out.set(i, (a * out.get(i) + sigma * x.get(i)) / norm);
                }
            }
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
