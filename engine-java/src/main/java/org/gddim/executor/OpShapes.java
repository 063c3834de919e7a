package org.gddim.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Static shape inference: the output type and shape of every supported op from its inputs' shapes and the values
 * of its constant inputs (shapes, axes, scales, which constant folding has made constant). Also the list of ops the
 * executor supports. Shape rules follow the ONNX operator specification (opset 13-17 forms).
 */
final class OpShapes {
    private OpShapes() {}

    /** Every op type the program accepts (the GPU executor runs a subset on float32; GpuExecutor.SUPPORTED). */
    static final Set<String> SUPPORTED = new TreeSet<>(List.of("Constant", "Identity", "Cast", "Shape", "Size", "Reshape",
            "Unsqueeze", "Squeeze", "Flatten", "Gather", "Concat", "Transpose", "Slice", "Add", "Sub", "Mul", "Div", "Pow",
            "Sin", "Cos", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs", "Sigmoid", "Tanh", "Relu", "Conv", "Gemm",
            "MatMul", "InstanceNormalization", "Softmax", "ReduceSum", "ReduceMean", "Resize"));

    /** Output infos of {@code s}; {@code consts.get(i)} is input i's value when it is a constant, else null. */
    static List<ValueInfo> infer(Step s, List<ValueInfo> in, List<Tensor> consts) {
        ValueInfo x = in.get(0);
        long[] sh = x.shape();
        ElemType type = x.type();
        long[] out = switch (s.op()) {
            case "Identity", "Sin", "Cos", "Exp", "Log", "Sqrt", "Reciprocal", "Neg", "Abs", "Sigmoid", "Tanh", "Relu",
                    "Softmax", "InstanceNormalization" -> sh;
            case "Cast" -> {
                type = ElemType.of((int) s.i("to", 1), s.where());
                yield sh;
            }
            case "Reshape", "Unsqueeze", "Squeeze", "Flatten" -> reshaped(s, sh, consts);
            case "Gather" -> gatherShape(sh, in.get(1).shape(), Shapes.axis(s.i("axis", 0), sh.length, s.where()));
            case "Concat" -> {
                List<long[]> shapes = new ArrayList<>();
                in.forEach(v -> shapes.add(v.shape()));
                yield concatShape(s, shapes);
            }
            case "Transpose" -> {
                int[] p = perm(s, sh.length);
                long[] o = new long[sh.length];
                for (int i = 0; i < p.length; i++) {
                    o[i] = sh[p[i]];
                }
                yield o;
            }
            case "Slice" -> slice(s, sh, consts).shape();
            case "Add", "Sub", "Mul", "Div", "Pow" -> {
                long[] b = Shapes.broadcast(sh, in.get(1).shape());
                if (b == null) {
                    throw new OnnxProgramException(s.where() + ": shapes " + Shapes.str(sh) + " and "
                            + Shapes.str(in.get(1).shape()) + " do not broadcast");
                }
                yield b;
            }
            case "Conv" -> convShape(s, sh, in.get(1).shape());
            case "Gemm" -> {
                long[] w = in.get(1).shape();
                long m = s.i("transA", 0) != 0 ? sh[1] : sh[0];
                long n = s.i("transB", 0) != 0 ? w[0] : w[1];
                yield new long[] {m, n};
            }
            case "MatMul" -> matmulShape(s, sh, in.get(1).shape());
            case "ReduceSum", "ReduceMean" -> reducedShape(s, sh, reduceAxes(s, sh.length, consts));
            case "Resize" -> resizeShape(s, sh, consts);
            case "Shape", "Size" -> throw new IllegalStateException("folded before inference");
            default -> throw new OnnxProgramException(s.where() + ": op " + s.op() + " is not supported; supported: "
                    + SUPPORTED);
        };
        return List.of(new ValueInfo(s.output(), type, out));
    }

    /** Output shape of the view ops (Reshape, Unsqueeze, Squeeze, Flatten); the axes/shape come from input 1 or attributes. */
    static long[] reshaped(Step s, long[] sh, List<Tensor> in) {
        Tensor arg = in.size() > 1 ? in.get(1) : null;
        switch (s.op()) {
            case "Reshape" -> {
                if (arg == null) {
                    throw new OnnxProgramException(s.where() + ": the target shape must be a constant (it is computed at run time)");
                }
                long[] t = arg.longs();
                boolean allowZero = s.i("allowzero", 0) != 0;
                long known = 1;
                int infer = -1;
                for (int i = 0; i < t.length; i++) {
                    if (t[i] == 0 && !allowZero) {
                        t[i] = sh[i];
                    }
                    if (t[i] == -1) {
                        infer = i;
                    } else {
                        known *= t[i];
                    }
                }
                if (infer >= 0) {
                    t[infer] = Tensor.size(sh) / known;
                }
                if (Tensor.size(t) != Tensor.size(sh)) {
                    throw new OnnxProgramException(s.where() + ": cannot reshape " + Shapes.str(sh) + " to " + Arrays.toString(arg.longs()));
                }
                return t;
            }
            case "Flatten" -> {
                int axis = (int) s.i("axis", 1);
                axis = axis < 0 ? axis + sh.length : axis;
                return new long[] {Tensor.size(Arrays.copyOfRange(sh, 0, axis)), Tensor.size(Arrays.copyOfRange(sh, axis, sh.length))};
            }
            case "Unsqueeze" -> {
                long[] axes = arg != null ? arg.longs() : s.ints("axes");
                int r = sh.length + axes.length;
                boolean[] added = new boolean[r];
                for (long a : axes) {
                    added[Shapes.axis(a, r, s.where())] = true;
                }
                long[] o = new long[r];
                for (int i = 0, j = 0; i < r; i++) {
                    o[i] = added[i] ? 1 : sh[j++];
                }
                return o;
            }
            default -> { // Squeeze
                long[] axes = arg != null ? arg.longs() : s.ints("axes");
                boolean[] drop = new boolean[sh.length];
                if (axes == null) {
                    for (int i = 0; i < sh.length; i++) {
                        drop[i] = sh[i] == 1;
                    }
                } else {
                    for (long a : axes) {
                        drop[Shapes.axis(a, sh.length, s.where())] = true;
                    }
                }
                return java.util.stream.IntStream.range(0, sh.length).filter(i -> !drop[i]).mapToLong(i -> sh[i]).toArray();
            }
        }
    }

    static int[] perm(Step s, int rank) {
        long[] p = s.ints("perm");
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = p == null ? rank - 1 - i : (int) p[i];
        }
        return out;
    }

    static long[] gatherShape(long[] sh, long[] idx, int axis) {
        long[] o = new long[sh.length - 1 + idx.length];
        int p = 0;
        for (int i = 0; i < axis; i++) {
            o[p++] = sh[i];
        }
        for (long d : idx) {
            o[p++] = d;
        }
        for (int i = axis + 1; i < sh.length; i++) {
            o[p++] = sh[i];
        }
        return o;
    }

    static long[] concatShape(Step s, List<long[]> shapes) {
        long[] o = shapes.get(0).clone();
        int axis = Shapes.axis(s.i("axis", 0), o.length, s.where());
        for (int k = 1; k < shapes.size(); k++) {
            long[] t = shapes.get(k);
            for (int i = 0; i < o.length; i++) {
                if (i != axis && t[i] != o[i] || t.length != o.length) {
                    throw new OnnxProgramException(s.where() + ": cannot concatenate " + Shapes.str(shapes.get(0)) + " and "
                            + Shapes.str(t) + " on axis " + axis);
                }
            }
            o[axis] += t[axis];
        }
        return o;
    }

    /** Start index, step and output shape of a Slice (inputs: data, starts, ends, axes, steps). */
    record SliceSpec(long[] start, long[] step, long[] shape) {}

    static SliceSpec slice(Step s, long[] sh, List<Tensor> in) {
        if (in.size() < 3 || in.get(1) == null || in.get(2) == null) {
            throw new OnnxProgramException(s.where() + ": starts and ends must be constants");
        }
        long[] starts = in.get(1).longs();
        long[] ends = in.get(2).longs();
        long[] axes = in.size() > 3 && in.get(3) != null ? in.get(3).longs() : null;
        long[] steps = in.size() > 4 && in.get(4) != null ? in.get(4).longs() : null;
        long[] start = new long[sh.length];
        long[] step = new long[sh.length];
        long[] shape = sh.clone();
        Arrays.fill(step, 1);
        for (int k = 0; k < starts.length; k++) {
            int a = axes == null ? k : Shapes.axis(axes[k], sh.length, s.where());
            long st = steps == null ? 1 : steps[k];
            if (st <= 0) {
                throw new OnnxProgramException(s.where() + ": only positive slice steps are supported");
            }
            long b = starts[k] < 0 ? starts[k] + sh[a] : starts[k];
            long e = ends[k] < 0 ? ends[k] + sh[a] : Math.min(ends[k], sh[a]);
            b = Math.clamp(b, 0, sh[a]);
            e = Math.clamp(e, 0, sh[a]);
            start[a] = b;
            step[a] = st;
            shape[a] = Math.max(0, (e - b + st - 1) / st);
        }
        return new SliceSpec(start, step, shape);
    }

    static long[] convShape(Step s, long[] x, long[] w) {
        if (x.length != 4 || w.length != 4) {
            throw new OnnxProgramException(s.where() + ": only 2-d convolutions (NCHW) are supported, got input "
                    + Shapes.str(x) + " and weight " + Shapes.str(w));
        }
        if (!"NOTSET".equals(s.s("auto_pad", "NOTSET"))) {
            throw new OnnxProgramException(s.where() + ": auto_pad is not supported; export with explicit pads");
        }
        long[] pads = orDefault(s.ints("pads"), 4, 0);
        long[] strides = orDefault(s.ints("strides"), 2, 1);
        long[] dil = orDefault(s.ints("dilations"), 2, 1);
        long[] o = {x[0], w[0], 0, 0};
        for (int i = 0; i < 2; i++) {
            o[i + 2] = (x[i + 2] + pads[i] + pads[i + 2] - dil[i] * (w[i + 2] - 1) - 1) / strides[i] + 1;
        }
        if (x[1] != w[1] * s.i("group", 1)) {
            throw new OnnxProgramException(s.where() + ": input has " + x[1] + " channels, weight expects " + w[1] + " x group");
        }
        return o;
    }

    static long[] orDefault(long[] v, int n, long dflt) {
        if (v != null) {
            return v;
        }
        long[] o = new long[n];
        Arrays.fill(o, dflt);
        return o;
    }

    static long[] matmulShape(Step s, long[] a, long[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new OnnxProgramException(s.where() + ": MatMul of rank < 2 operands is not supported");
        }
        if (a[a.length - 1] != b[b.length - 2]) {
            throw new OnnxProgramException(s.where() + ": cannot multiply " + Shapes.str(a) + " by " + Shapes.str(b));
        }
        long[] batch = Shapes.broadcast(Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
        if (batch == null) {
            throw new OnnxProgramException(s.where() + ": batch dimensions of " + Shapes.str(a) + " and " + Shapes.str(b) + " do not broadcast");
        }
        long[] o = Arrays.copyOf(batch, batch.length + 2);
        o[batch.length] = a[a.length - 2];
        o[batch.length + 1] = b[b.length - 1];
        return o;
    }

    /** The reduced axes (sorted, normalised), from input 1 (ReduceSum, opset 13+) or the axes attribute. */
    static int[] reduceAxes(Step s, int rank, List<Tensor> in) {
        long[] axes = in.size() > 1 && in.get(1) != null ? in.get(1).longs() : s.ints("axes");
        if (axes == null || axes.length == 0) {
            return java.util.stream.IntStream.range(0, rank).toArray();
        }
        return Arrays.stream(axes).mapToInt(a -> Shapes.axis(a, rank, s.where())).sorted().toArray();
    }

    static long[] reducedShape(Step s, long[] sh, int[] axes) {
        boolean keep = s.i("keepdims", 1) != 0;
        List<Long> o = new ArrayList<>();
        for (int i = 0; i < sh.length; i++) {
            final int ii = i;
            boolean reduced = Arrays.stream(axes).anyMatch(a -> a == ii);
            if (!reduced) {
                o.add(sh[i]);
            } else if (keep) {
                o.add(1L);
            }
        }
        return o.stream().mapToLong(Long::longValue).toArray();
    }

    /** Integer scale factors of a nearest-neighbour Resize (inputs: X, roi, scales, sizes). */
    static long[] resizeShape(Step s, long[] sh, List<Tensor> in) {
        if (!"nearest".equals(s.s("mode", "nearest"))) {
            throw new OnnxProgramException(s.where() + ": only mode=nearest Resize is supported, got " + s.s("mode", ""));
        }
        Tensor scales = in.size() > 2 ? in.get(2) : null;
        Tensor sizes = in.size() > 3 ? in.get(3) : null;
        if (sizes != null && sizes.size() > 0) {
            return sizes.longs();
        }
        if (scales == null || scales.size() != sh.length) {
            throw new OnnxProgramException(s.where() + ": Resize needs constant scales or sizes");
        }
        long[] o = new long[sh.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (long) Math.floor(sh[i] * (float) scales.data()[i]);
        }
        return o;
    }
}
