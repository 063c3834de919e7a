package org.gddim.executor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.backend.CudaBackend;
import org.gddim.bindings.Cuda;
import org.gddim.bindings.CudaGraph;
import org.gddim.bindings.DeviceMemory;
import org.gddim.bindings.NnKernels;
import org.gddim.model.GpuOnnxScoreModel;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The GPU executor (tag "gpu": reported as skipped where no GPU is present; NOT YET RUN ON A GPU when this was
 * written): the nn kernels against the Java interpreter's ops on seeded random inputs, each shipped U-Net against
 * ONNX Runtime CPU's outputs shipped in models/ort-reference/ (max abs / relative error table in
 * target/gpu-executor-errors.md; the interpreter is held to the same files on the CPU), and a CUDA-graph replay equal
 * to a direct run. On the CPU only the build-time refusal is tested.
 */
class GpuExecutorTest {
    private static boolean gpu() {
        return Cuda.probe() instanceof Cuda.Usable;
    }

    @Test
    void float64ModelsAreRefusedBeforeAnyGpuWork() {
        OnnxProgram p = OnnxProgram.load(Fixtures.modelsDir().resolve("gmm/gmm-8d-5-vp.onnx"), 4);
        var e = assertThrows(OnnxProgramException.class, () -> new GpuExecutor(p, null, null));
        assertTrue(e.getMessage().contains("float32 tensors only") && e.getMessage().contains("node '"), e.getMessage());
    }

    private static DeviceMemory upload(Cuda cuda, float[] v) {
        DeviceMemory m = cuda.allocate(4L * Math.max(v.length, 1));
        try (Arena a = Arena.ofConfined()) {
            cuda.upload(m, 0, a.allocateFrom(ValueLayout.JAVA_FLOAT, v), 4L * v.length);
        }
        return m;
    }

    private static float[] download(Cuda cuda, DeviceMemory m, int n) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(4L * n);
            cuda.download(host, m, 0, 4L * n);
            return host.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    private static float[] normals(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double maxErr(float[] got, double[] ref) {
        double e = 0;
        for (int i = 0; i < got.length; i++) {
            e = Math.max(e, Math.abs(got[i] - ref[i]));
        }
        return e;
    }

    private static Step step(String op, Map<String, Object> attrs) {
        return new Step(op, "test", List.of(), List.of("y"), attrs);
    }

    @Test
    @Tag("gpu")
    void nnKernelsMatchTheInterpreter() {
        assumeTrue(gpu(), "no usable GPU");
        try (Cuda cuda = Cuda.open(0); NnKernels nn = new NnKernels(cuda)) {
            long[] shape = {4, 16, 14, 14};
            int n = (int) Tensor.size(shape);
            float[] xv = normals(1, n);
            Tensor x = Tensor.floats(shape, xv);
            DeviceMemory xd = upload(cuda, xv);
            DeviceMemory yd = cuda.allocate(16L * n);
            nn.unary(NnKernels.Unary.SIGMOID, n, xd, yd);
            assertTrue(maxErr(download(cuda, yd, n), Interpreter.unary(x, v -> 1 / (1 + Math.exp(-v))).data()) < 1e-6, "sigmoid");
            float[] cv = normals(2, 16);
            Tensor c = Tensor.floats(new long[] {16, 1, 1}, cv);
            DeviceMemory cd = upload(cuda, cv);
            nn.binary(NnKernels.Binary.MUL, shape, Shapes.strides(shape), Shapes.broadcastStrides(c.shape(), shape), xd, cd, yd);
            assertTrue(maxErr(download(cuda, yd, n), Interpreter.binary(x, c, (a, b) -> a * b).data()) == 0, "broadcast mul");
            float[] ones = new float[8];
            java.util.Arrays.fill(ones, 1.5f);
            DeviceMemory sd = upload(cuda, ones);
            DeviceMemory bd = upload(cuda, new float[8]);
            long[] g = {4, 8, n / 32};
            Tensor norm = NnReference.instanceNorm(step("InstanceNormalization", Map.of("epsilon", 1e-5)), x.reshape(g),
                    Tensor.floats(new long[] {8}, ones), Tensor.floats(new long[] {8}, new float[8]));
            nn.instanceNorm(32, 8, n / 32, xd, sd, bd, 1e-5f, yd);
            assertTrue(maxErr(download(cuda, yd, n), norm.data()) < 1e-5, "group norm");
            nn.softmax(n / 14, 14, xd, yd);
            Tensor sm = NnReference.softmax(step("Softmax", Map.of()), x);
            assertTrue(maxErr(download(cuda, yd, n), sm.data()) < 1e-6, "softmax");
            nn.resizeNearest(64, 14, 14, 2, 2, xd, yd);
            Tensor up = NnReference.resize(step("Resize", Map.of("mode", "nearest", "coordinate_transformation_mode", "asymmetric",
                    "nearest_mode", "floor")), x, java.util.Arrays.asList(x, null, Tensor.floats(new long[] {4}, new double[] {1, 1, 2, 2})));
            assertTrue(maxErr(download(cuda, yd, 4 * n), up.data()) == 0, "resize");
            for (DeviceMemory m : new DeviceMemory[] {xd, yd, cd, sd, bd}) {
                m.close();
            }
        }
    }

    /** CPU half of the executor check, runnable without ONNX Runtime: the interpreter vs the shipped ORT outputs. */
    @Test
    void interpreterMatchesTheShippedOnnxRuntimeOutputs() {
        for (String file : OrtReference.MODELS) {
            OnnxProgram p = OnnxProgram.load(Fixtures.modelsDir().resolve(file), OrtReference.BATCH);
            Map<String, Tensor> in = new java.util.HashMap<>();
            OrtReference.inputs(file, p).forEach((name, v) -> in.put(name, Tensor.floats(shapeOf(p, name), v)));
            Map<String, Tensor> ours = Interpreter.run(p, in);
            for (var ref : OrtReference.outputs(file, p).entrySet()) {
                var err = OrtReference.Error.of(ours.get(ref.getKey()).toFloats(), ref.getValue());
                System.out.printf("interpreter vs shipped ORT output %s: max abs err %.3g (max |out| %.3g)%n", file, err.maxAbs(),
                        err.maxRef());
                assertTrue(err.maxAbs() <= 1e-5 * (1 + err.maxRef()), file + ": interpreter vs ORT max abs err " + err.maxAbs());
            }
        }
    }

    private static long[] shapeOf(OnnxProgram p, String input) {
        return p.inputs().stream().filter(v -> v.name().equals(input)).findFirst().orElseThrow().shape();
    }

    /**
     * Each shipped float32 U-Net on the GPU vs ONNX Runtime CPU's outputs stored in models/ort-reference/ (so no
     * ONNX Runtime is needed on the GPU machine), and a CUDA-graph replay bit-equal to the direct run. Writes the
     * error table to target/gpu-executor-errors.md (relative to the working directory).
     */
    @Test
    @Tag("gpu")
    void shippedUNetsMatchOnnxRuntimeAndReplayAsAGraph() throws Exception {
        assumeTrue(gpu(), "no usable GPU");
        List<String> table = new ArrayList<>(List.of("| model | batch | max abs err | max rel err (vs max abs out) | graph replay |",
                "|---|---|---|---|---|"));
        List<String> failures = new ArrayList<>();
        for (String file : OrtReference.MODELS) {
            Path model = Fixtures.modelsDir().resolve(file);
            int batch = OrtReference.BATCH;
            OnnxProgram p = OnnxProgram.load(model, batch);
            List<DeviceMemory> owned = new ArrayList<>();
            try (Cuda cuda = Cuda.open(0); GpuContext ctx = GpuContext.open(cuda)) {
                GpuExecutor ex = new GpuExecutor(p, ctx, bytes -> {
                    DeviceMemory m = cuda.allocate(bytes);
                    owned.add(m);
                    return m;
                });
                Map<String, float[]> inputs = OrtReference.inputs(file, p);
                try (Arena a = Arena.ofConfined()) {
                    for (var in : inputs.entrySet()) {
                        float[] v = in.getValue();
                        cuda.upload(ex.buffer(in.getKey()), 0, a.allocateFrom(ValueLayout.JAVA_FLOAT, v), 4L * v.length);
                    }
                }
                ex.run();
                String out = p.outputs().get(0).name();
                float[] ref = OrtReference.outputs(file, p).get(out);
                float[] got = download(cuda, ex.buffer(out), ref.length);
                var err = OrtReference.Error.of(got, ref);
                CudaGraph graph = cuda.capture(ex::run);
                graph.launch();
                float[] replay = download(cuda, ex.buffer(out), ref.length);
                graph.close();
                ex.close();
                boolean same = java.util.Arrays.equals(replay, got);
                table.add("| " + file + " | " + batch + " | " + String.format("%.3g", err.maxAbs()) + " | "
                        + String.format("%.3g", err.relative()) + " | " + (same ? "bit-equal" : "DIFFERS") + " |");
                if (!(err.maxAbs() <= 1e-3 * (1 + err.maxRef()))) {
                    failures.add(file + ": GPU vs ORT max abs err " + err.maxAbs());
                }
                if (!same) {
                    failures.add(file + ": graph replay differs from the direct run");
                }
            } finally {
                owned.forEach(DeviceMemory::close);
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/gpu-executor-errors.md"), table);
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    /**
     * GPU vs CPU sampling for the same seed: {@link UNetSampling}'s fixed run with the GPU executor on the cuda
     * backend against the ONNX Runtime CPU samples in models/ort-reference/ (max |gpu - cpu| <= 1e-5 max |cpu|).
     * Writes target/gpu-sample-errors.md.
     */
    @Test
    @Tag("gpu")
    void shippedUNetsSampleOnTheGpuAsOnTheCpu() throws Exception {
        assumeTrue(gpu(), "no usable GPU");
        List<String> table = new ArrayList<>(List.of("| model | samples, NFE | max abs err | max rel err (vs max abs sample) |",
                "|---|---|---|---|"));
        List<String> failures = new ArrayList<>();
        for (String file : List.of("mnist-vp.onnx", "mnist-edm.onnx")) {
            var process = UNetSampling.process(file);
            float[] got;
            try (CudaBackend cuda = (CudaBackend) Backends.open(BackendKind.CUDA)) {
                GpuOnnxScoreModel model = cuda.closeWithBackend(GpuOnnxScoreModel.open(Fixtures.modelsDir().resolve(file), process, cuda));
                got = UNetSampling.sample(model, cuda, process);
            }
            var err = OrtReference.Error.of(got, OrtReference.read(OrtReference.dir().resolve(OrtReference.stem(file) + ".sample.npy")));
            table.add("| " + file + " | " + UNetSampling.COUNT + ", " + UNetSampling.NFE + " | " + String.format("%.3g", err.maxAbs())
                    + " | " + String.format("%.3g", err.relative()) + " |");
            if (!(err.relative() <= 1e-5)) {
                failures.add(file + ": GPU vs CPU samples max rel err " + err.relative());
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/gpu-sample-errors.md"), table);
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }
}
