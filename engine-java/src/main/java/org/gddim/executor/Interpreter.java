package org.gddim.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Runs an {@link OnnxProgram} in plain Java: the CPU reference of the GPU executor, and the evaluator that constant
 * folding uses. Every op computes in double and rounds its output to the output's element type (float32 for
 * activations), so it agrees with ONNX Runtime's float32 kernels to a few float32 ulps per op. Slow loops, no
 * threads: meant for tests and small batches. The heavy ops live in {@link NnReference}.
 */
public final class Interpreter {
    private Interpreter() {}

    /** Runs {@code program} on {@code inputs} (by graph input name); returns every graph output by name. */
    public static Map<String, Tensor> run(OnnxProgram program, Map<String, Tensor> inputs) {
        Map<String, Tensor> env = new HashMap<>(program.constants());
        for (ValueInfo in : program.inputs()) {
            Tensor t = inputs.get(in.name());
            if (t == null || !Arrays.equals(t.shape(), in.shape())) {
                throw new IllegalArgumentException("input '" + in.name() + "' must be " + in + ", got " + t);
            }
            env.put(in.name(), t);
        }
        for (Step s : program.steps()) {
            List<Tensor> args = new ArrayList<>();
            for (String name : s.inputs()) {
                args.add(name.isEmpty() ? null : env.get(name));
            }
            List<Tensor> outs = eval(s, args);
            for (int i = 0; i < s.outputs().size(); i++) {
                env.put(s.outputs().get(i), outs.get(i));
            }
        }
        Map<String, Tensor> out = new HashMap<>();
        for (ValueInfo o : program.outputs()) {
            out.put(o.name(), env.get(o.name()));
        }
        return out;
    }

    /** Evaluates one node on concrete tensors ({@code null} for an omitted optional input). */
    static List<Tensor> eval(Step s, List<Tensor> in) {
        Tensor x = in.isEmpty() ? null : in.get(0);
        Tensor r = switch (s.op()) {
            case "Identity" -> x;
            case "Cast" -> cast(x, ElemType.of((int) s.i("to", 1), s.where()));
            case "Shape" -> shape(s, x.shape());
            case "Size" -> new Tensor(ElemType.INT64, new long[0], new double[] {x.size()});
            case "Reshape", "Unsqueeze", "Squeeze", "Flatten" -> x.reshape(OpShapes.reshaped(s, x.shape(), in));
            case "Gather" -> gather(s, x, in.get(1));
            case "Concat" -> concat(s, in);
            case "Transpose" -> transpose(x, OpShapes.perm(s, x.rank()));
            case "Slice" -> slice(s, x, in);
            case "Add" -> binary(x, in.get(1), Double::sum);
            case "Sub" -> binary(x, in.get(1), (a, b) -> a - b);
            case "Mul" -> binary(x, in.get(1), (a, b) -> a * b);
            case "Div" -> binary(x, in.get(1), x.type() == ElemType.FLOAT || x.type() == ElemType.DOUBLE
                    ? (a, b) -> a / b : (a, b) -> (double) ((long) a / (long) b));
            case "Pow" -> binary(x, in.get(1), Math::pow);
            case "Sin" -> unary(x, Math::sin);
            case "Cos" -> unary(x, Math::cos);
            case "Exp" -> unary(x, Math::exp);
            case "Log" -> unary(x, Math::log);
            case "Sqrt" -> unary(x, Math::sqrt);
            case "Reciprocal" -> unary(x, v -> 1 / v);
            case "Neg" -> unary(x, v -> -v);
            case "Abs" -> unary(x, Math::abs);
            case "Sigmoid" -> unary(x, v -> 1 / (1 + Math.exp(-v)));
            case "Tanh" -> unary(x, Math::tanh);
            case "Relu" -> unary(x, v -> Math.max(v, 0));
            case "Conv" -> NnReference.conv(s, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case "Gemm" -> NnReference.gemm(s, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case "MatMul" -> NnReference.matmul(x, in.get(1));
            case "InstanceNormalization" -> NnReference.instanceNorm(s, x, in.get(1), in.get(2));
            case "Softmax" -> NnReference.softmax(s, x);
            case "ReduceSum", "ReduceMean" -> NnReference.reduce(s, x, in);
            case "Resize" -> NnReference.resize(s, x, in);
            default -> throw new OnnxProgramException(s.where() + ": op " + s.op() + " is not supported; supported: "
                    + OpShapes.SUPPORTED);
        };
        return List.of(r);
    }

    static Tensor cast(Tensor x, ElemType to) {
        double[] d = new double[x.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = to.round(x.data()[i]);
        }
        return new Tensor(to, x.shape(), d);
    }

    static Tensor shape(Step s, long[] sh) {
        int r = sh.length;
        int start = (int) s.i("start", 0);
        int end = (int) s.i("end", r);
        start = Math.clamp(start < 0 ? start + r : start, 0, r);
        end = Math.clamp(end < 0 ? end + r : end, 0, r);
        return Tensor.longs(Arrays.copyOfRange(sh, start, Math.max(start, end)));
    }

    static Tensor unary(Tensor x, DoubleUnaryOperator f) {
        double[] d = new double[x.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x.type().round(f.applyAsDouble(x.data()[i]));
        }
        return new Tensor(x.type(), x.shape(), d);
    }

    static Tensor binary(Tensor a, Tensor b, DoubleBinaryOperator f) {
        long[] out = Shapes.broadcast(a.shape(), b.shape());
        if (out == null) {
            throw new OnnxProgramException("shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + " do not broadcast");
        }
        long[] sa = Shapes.broadcastStrides(a.shape(), out);
        long[] sb = Shapes.broadcastStrides(b.shape(), out);
        double[] d = new double[(int) Tensor.size(out)];
        int r = out.length;
        long[] idx = new long[r];
        for (int i = 0; i < d.length; i++) {
            long ia = 0;
            long ib = 0;
            for (int k = 0; k < r; k++) {
                ia += idx[k] * sa[k];
                ib += idx[k] * sb[k];
            }
            d[i] = a.type().round(f.applyAsDouble(a.data()[(int) ia], b.data()[(int) ib]));
            for (int k = r - 1; k >= 0 && ++idx[k] == out[k]; k--) {
                idx[k] = 0;
            }
        }
        return new Tensor(a.type(), out, d);
    }

    private static Tensor gather(Step s, Tensor x, Tensor indices) {
        int axis = Shapes.axis(s.i("axis", 0), x.rank(), s.where());
        long[] sh = x.shape();
        long outer = Tensor.size(Arrays.copyOfRange(sh, 0, axis));
        long inner = Tensor.size(Arrays.copyOfRange(sh, axis + 1, sh.length));
        long[] idx = indices.longs();
        long[] outShape = OpShapes.gatherShape(sh, indices.shape(), axis);
        double[] d = new double[(int) Tensor.size(outShape)];
        int p = 0;
        for (long o = 0; o < outer; o++) {
            for (long j : idx) {
                long jj = j < 0 ? j + sh[axis] : j;
                for (long i = 0; i < inner; i++) {
                    d[p++] = x.data()[(int) ((o * sh[axis] + jj) * inner + i)];
                }
            }
        }
        return new Tensor(x.type(), outShape, d);
    }

    private static Tensor concat(Step s, List<Tensor> in) {
        List<long[]> shapes = new ArrayList<>();
        for (Tensor t : in) {
            shapes.add(t.shape());
        }
        long[] out = OpShapes.concatShape(s, shapes);
        int axis = Shapes.axis(s.i("axis", 0), out.length, s.where());
        long outer = Tensor.size(Arrays.copyOfRange(out, 0, axis));
        double[] d = new double[(int) Tensor.size(out)];
        int p = 0;
        for (long o = 0; o < outer; o++) {
            for (Tensor t : in) {
                int chunk = (int) (t.size() / outer);
                System.arraycopy(t.data(), (int) (o * chunk), d, p, chunk);
                p += chunk;
            }
        }
        return new Tensor(in.get(0).type(), out, d);
    }

    static Tensor transpose(Tensor x, int[] perm) {
        long[] sh = x.shape();
        long[] out = new long[sh.length];
        long[] st = Shapes.strides(sh);
        long[] pst = new long[sh.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = sh[perm[i]];
            pst[i] = st[perm[i]];
        }
        return strided(x, out, pst, 0);
    }

    /** out[idx] = x.data[base + sum idx_k * strides_k] over the shape {@code out}. */
    private static Tensor strided(Tensor x, long[] out, long[] strides, long base) {
        double[] d = new double[(int) Tensor.size(out)];
        long[] idx = new long[out.length];
        for (int i = 0; i < d.length; i++) {
            long j = base;
            for (int k = 0; k < out.length; k++) {
                j += idx[k] * strides[k];
            }
            d[i] = x.data()[(int) j];
            for (int k = out.length - 1; k >= 0 && ++idx[k] == out[k]; k--) {
                idx[k] = 0;
            }
        }
        return new Tensor(x.type(), out, d);
    }

    private static Tensor slice(Step s, Tensor x, List<Tensor> in) {
        OpShapes.SliceSpec spec = OpShapes.slice(s, x.shape(), in);
        long[] st = Shapes.strides(x.shape());
        long base = 0;
        long[] strides = new long[st.length];
        for (int k = 0; k < st.length; k++) {
            base += spec.start()[k] * st[k];
            strides[k] = spec.step()[k] * st[k];
        }
        return strided(x, spec.shape(), strides, base);
    }
}
