package org.gddim.executor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.gddim.bindings.Cudnn;
import org.gddim.bindings.DeviceMemory;
import org.gddim.bindings.NnKernels;

/**
 * Runs an {@link OnnxProgram} on the GPU: the float32 constants that steps read are uploaded once (one allocation),
 * activations live at the {@link ArenaPlan}'s offsets in one allocation, and every step is turned, when the
 * executor is built, into a launch on the {@link GpuContext}'s stream: Conv on cuDNN (+ bias add), Gemm/MatMul on
 * cuBLAS, everything else on libgdk_cuda's nn kernels; view ops cost nothing. {@link #run()} only enqueues those
 * launches (no allocation, no host synchronisation), so a caller can capture it in a CUDA graph together with the
 * solver's kernels. A step the GPU path does not support is refused at build time, naming the node.
 * NOT YET VERIFIED ON A GPU (docs/gpu-executor.md).
 */
public final class GpuExecutor {
    /** Ops the GPU path launches (a subset of the interpreter's, float32 only). */
    public static final Set<String> SUPPORTED = new TreeSet<>(List.of("Identity", "Cast", "Reshape", "Unsqueeze", "Squeeze",
            "Flatten", "Concat", "Transpose", "Slice", "Add", "Sub", "Mul", "Div", "Pow", "Sin", "Cos", "Exp", "Log", "Sqrt",
            "Reciprocal", "Neg", "Abs", "Sigmoid", "Tanh", "Relu", "Conv", "Gemm", "MatMul", "InstanceNormalization",
            "Softmax", "Resize"));

    private static final Map<String, NnKernels.Unary> UNARY = Map.ofEntries(Map.entry("Sin", NnKernels.Unary.SIN),
            Map.entry("Cos", NnKernels.Unary.COS), Map.entry("Exp", NnKernels.Unary.EXP), Map.entry("Log", NnKernels.Unary.LOG),
            Map.entry("Sqrt", NnKernels.Unary.SQRT), Map.entry("Reciprocal", NnKernels.Unary.RECIPROCAL),
            Map.entry("Neg", NnKernels.Unary.NEG), Map.entry("Abs", NnKernels.Unary.ABS),
            Map.entry("Sigmoid", NnKernels.Unary.SIGMOID), Map.entry("Tanh", NnKernels.Unary.TANH),
            Map.entry("Relu", NnKernels.Unary.RELU));
    private static final Map<String, NnKernels.Binary> BINARY = Map.of("Add", NnKernels.Binary.ADD, "Sub",
            NnKernels.Binary.SUB, "Mul", NnKernels.Binary.MUL, "Div", NnKernels.Binary.DIV, "Pow", NnKernels.Binary.POW);

    private final OnnxProgram program;
    private final ArenaPlan plan;
    private final GpuContext gpu;
    private final DeviceMemory arena;
    private final Map<String, DeviceMemory> constants = new HashMap<>();
    private final List<Runnable> launches = new ArrayList<>();
    private final List<Cudnn.Conv2d> convs = new ArrayList<>();
    private DeviceMemory workspace;

    /**
     * Builds the launches of {@code program}; {@code allocate} returns zeroed device memory the caller owns (and
     * frees after {@link #close()}). Throws {@link OnnxProgramException} for a step the GPU path cannot run.
     */
    public GpuExecutor(OnnxProgram program, GpuContext gpu, LongFunction<DeviceMemory> allocate) {
        this.program = program;
        this.plan = new ArenaPlan(program);
        this.gpu = gpu;
        for (Step s : program.steps()) {
            requireSupported(s);
        }
        uploadConstants(allocate);
        this.arena = allocate.apply(Math.max(plan.bytes(), ArenaPlan.ALIGN));
        long ws = 0;
        for (Step s : program.steps()) {
            if (!ArenaPlan.isView(s, program)) {
                compile(s);
            }
        }
        for (Cudnn.Conv2d c : convs) {
            ws = Math.max(ws, c.workspaceBytes());
        }
        this.workspace = ws > 0 ? allocate.apply(ws) : null;
    }

    public OnnxProgram program() {
        return program;
    }

    public ArenaPlan plan() {
        return plan;
    }

    /** The device buffer of an input or output (a view into the arena; write inputs before {@link #run()}). */
    public DeviceMemory buffer(String name) {
        ValueInfo v = program.values().get(name);
        if (v == null) {
            throw new IllegalArgumentException("'" + name + "' is not a tensor of " + program.source());
        }
        return arena.slice(plan.offset(name), v.bytes());
    }

    /** Enqueues the whole network on the stream (capturable: no allocation, no synchronisation). */
    public void run() {
        for (Runnable r : launches) {
            r.run();
        }
    }

    /** Frees the convolution descriptors (device memory belongs to the allocator's owner). */
    public void close() {
        convs.forEach(Cudnn.Conv2d::close);
        convs.clear();
    }

    private void requireSupported(Step s) {
        String why = null;
        if (!SUPPORTED.contains(s.op())) {
            why = "the GPU executor does not run " + s.op() + "; it runs " + SUPPORTED;
        } else {
            for (String in : s.inputs()) {
                ValueInfo v = program.values().get(in);
                Tensor c = program.constants().get(in);
                boolean shapeArg = c != null && (c.type() == ElemType.INT64 || c.type() == ElemType.INT32);
                if ((v != null && v.type() != ElemType.FLOAT) || (c != null && c.type() != ElemType.FLOAT && !shapeArg)) {
                    why = "the GPU executor runs float32 tensors only; input '" + in + "' is " + (v != null ? v.type() : c.type());
                }
            }
        }
        if (why != null) {
            throw new OnnxProgramException("model " + program.source() + ": " + s.where() + ": " + why);
        }
    }

    private void uploadConstants(LongFunction<DeviceMemory> allocate) {
        Map<String, Long> offsets = new HashMap<>();
        long total = 0;
        for (Step s : program.steps()) {
            for (String in : s.inputs()) {
                Tensor c = program.constants().get(in);
                if (c != null && c.type() == ElemType.FLOAT && !offsets.containsKey(in)) {
                    offsets.put(in, total);
                    total += (4 * c.size() + ArenaPlan.ALIGN - 1) / ArenaPlan.ALIGN * ArenaPlan.ALIGN;
                }
            }
        }
        if (total == 0) {
            return;
        }
        DeviceMemory weights = allocate.apply(total);
        try (Arena host = Arena.ofConfined()) {
            MemorySegment staging = host.allocate(total, 64);
            offsets.forEach((name, off) -> {
                float[] f = program.constants().get(name).toFloats();
                MemorySegment.copy(f, 0, staging, ValueLayout.JAVA_FLOAT, off, f.length);
                constants.put(name, weights.slice(off, 4L * f.length));
            });
            gpu.cuda().upload(weights, 0, staging, total);
        }
    }

    /** The device buffer of a step input or output: an uploaded constant or an arena view. */
    private DeviceMemory mem(String name) {
        DeviceMemory c = constants.get(name);
        return c != null ? c : buffer(name);
    }

    private long[] shapeOf(String name) {
        Tensor c = program.constants().get(name);
        return c != null ? c.shape() : program.values().get(name).shape();
    }

    private void compile(Step s) {
        NnKernels nn = gpu.nn();
        long[] outShape = program.values().get(s.output()).shape();
        DeviceMemory out = buffer(s.output());
        NnKernels.Unary unary = UNARY.get(s.op());
        NnKernels.Binary binary = BINARY.get(s.op());
        if (unary != null) {
            DeviceMemory x = mem(s.input(0));
            long n = Tensor.size(outShape);
            launches.add(() -> nn.unary(unary, n, x, out));
        } else if (binary != null) {
            DeviceMemory a = mem(s.input(0));
            DeviceMemory b = mem(s.input(1));
            long[] sa = Shapes.broadcastStrides(shapeOf(s.input(0)), outShape);
            long[] sb = Shapes.broadcastStrides(shapeOf(s.input(1)), outShape);
            launches.add(() -> nn.binary(binary, outShape, sa, sb, a, b, out));
        } else {
            switch (s.op()) {
                case "Conv" -> GpuLaunches.conv(this, s, outShape, out);
                case "Gemm" -> GpuLaunches.gemm(this, s, outShape, out);
                case "MatMul" -> GpuLaunches.matmul(this, s, outShape, out);
                case "InstanceNormalization" -> {
                    long[] x = shapeOf(s.input(0));
                    DeviceMemory in = mem(s.input(0));
                    DeviceMemory scale = mem(s.input(1));
                    DeviceMemory bias = mem(s.input(2));
                    long groups = x[0] * x[1];
                    float eps = (float) s.f("epsilon", 1e-5);
                    launches.add(() -> nn.instanceNorm(groups, x[1], Tensor.size(x) / groups, in, scale, bias, eps, out));
                }
                case "Softmax" -> {
                    int axis = Shapes.axis(s.i("axis", -1), outShape.length, s.where());
                    if (axis != outShape.length - 1) {
                        throw new OnnxProgramException(s.where() + ": the GPU executor runs Softmax on the last axis only");
                    }
                    DeviceMemory in = mem(s.input(0));
                    long cols = outShape[axis];
                    launches.add(() -> nn.softmax(Tensor.size(outShape) / cols, cols, in, out));
                }
                case "Concat", "Transpose", "Slice", "Resize" -> GpuLaunches.layout(this, s, outShape, out);
                default -> throw new OnnxProgramException(s.where() + ": no GPU launch for " + s.op());
            }
        }
    }

    // ---- used by GpuLaunches ------------------------------------------------------------------------------------
    GpuContext gpu() {
        return gpu;
    }

    DeviceMemory memory(String name) {
        return mem(name);
    }

    long[] shape(String name) {
        return shapeOf(name);
    }

    void add(Runnable launch) {
        launches.add(launch);
    }

    void addConv(Cudnn.Conv2d conv) {
        convs.add(conv);
    }

    /** The convolution workspace (allocated after every conv is planned, hence read at launch time). */
    DeviceMemory workspace() {
        return workspace;
    }

    @Override
    public String toString() {
        return "GpuExecutor(" + program.source() + ", " + launches.size() + " launches, arena " + plan.bytes() + " bytes, "
                + Arrays.toString(program.inputs().toArray()) + ")";
    }
}
