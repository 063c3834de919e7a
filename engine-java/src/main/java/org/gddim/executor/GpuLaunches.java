package org.gddim.executor;

import java.util.Arrays;
import org.gddim.bindings.Cudnn;
import org.gddim.bindings.DeviceMemory;
import org.gddim.bindings.NnKernels;

/**
 * The multi-call launches of {@link GpuExecutor}: Conv (cuDNN, then a broadcast bias add in place), Gemm and MatMul
 * (cuBLAS row-major products, Gemm's C added by a broadcast kernel), and the layout ops as strided copies (Concat:
 * one copy per input into its slice; Transpose: permuted source strides; Slice: offset and stepped strides) or the
 * nearest 2-d upsampling kernel (Resize). Each refuses, naming the node, the forms it does not handle.
 */
final class GpuLaunches {
    private GpuLaunches() {}

    static void conv(GpuExecutor ex, Step s, long[] o, DeviceMemory out) {
        long[] x = ex.shape(s.input(0));
        long[] w = ex.shape(s.input(1));
        long[] pads = OpShapes.orDefault(s.ints("pads"), 4, 0);
        long[] st = OpShapes.orDefault(s.ints("strides"), 2, 1);
        long[] dl = OpShapes.orDefault(s.ints("dilations"), 2, 1);
        if (pads[0] != pads[2] || pads[1] != pads[3]) {
            throw new OnnxProgramException(s.where() + ": asymmetric pads " + Arrays.toString(pads)
                    + " are not supported by the GPU executor");
        }
        Cudnn.Conv2d plan = ex.gpu().cudnn().conv2d((int) x[0], (int) x[1], (int) x[2], (int) x[3], (int) w[0], (int) w[2],
                (int) w[3], (int) pads[0], (int) pads[1], (int) st[0], (int) st[1], (int) dl[0], (int) dl[1],
                (int) s.i("group", 1), (int) o[2], (int) o[3]);
        ex.addConv(plan);
        DeviceMemory in = ex.memory(s.input(0));
        DeviceMemory weight = ex.memory(s.input(1));
        ex.add(() -> ex.gpu().cudnn().forward(plan, in, weight, out, ex.workspace()));
        if (!s.input(2).isEmpty()) {
            addInPlace(ex, o, s.input(2), new long[] {1, o[1], 1, 1}, out);
        }
    }

    /** out += c, with c of shape cShape broadcast to out's shape. */
    private static void addInPlace(GpuExecutor ex, long[] o, String c, long[] cShape, DeviceMemory out) {
        DeviceMemory bias = ex.memory(c);
        long[] so = Shapes.strides(o);
        long[] sc = Shapes.broadcastStrides(cShape, o);
        ex.add(() -> ex.gpu().nn().binary(NnKernels.Binary.ADD, o, so, sc, out, bias, out));
    }

    static void gemm(GpuExecutor ex, Step s, long[] o, DeviceMemory out) {
        boolean ta = s.i("transA", 0) != 0;
        boolean tb = s.i("transB", 0) != 0;
        float alpha = (float) s.f("alpha", 1);
        long[] a = ex.shape(s.input(0));
        int m = (int) o[0];
        int n = (int) o[1];
        int k = (int) (ta ? a[0] : a[1]);
        DeviceMemory am = ex.memory(s.input(0));
        DeviceMemory bm = ex.memory(s.input(1));
        ex.add(() -> ex.gpu().cublas().sgemm(ta, tb, m, n, k, alpha, am, 0, bm, 0, 0f, out, 0, 1));
        if (!s.input(2).isEmpty()) {
            if (s.f("beta", 1) != 1) {
                throw new OnnxProgramException(s.where() + ": Gemm with beta != 1 is not supported by the GPU executor");
            }
            addInPlace(ex, o, s.input(2), ex.shape(s.input(2)), out);
        }
    }

    /** MatMul with batch dimensions that are, per operand, either the output's or all ones (one matrix, stride 0). */
    static void matmul(GpuExecutor ex, Step s, long[] o, DeviceMemory out) {
        long[] a = ex.shape(s.input(0));
        long[] b = ex.shape(s.input(1));
        int r = o.length;
        int m = (int) o[r - 2];
        int n = (int) o[r - 1];
        int k = (int) a[a.length - 1];
        long batch = Tensor.size(Arrays.copyOf(o, r - 2));
        long batchA = Tensor.size(Arrays.copyOf(a, a.length - 2));
        long batchB = Tensor.size(Arrays.copyOf(b, b.length - 2));
        if ((batchA != batch && batchA != 1) || (batchB != batch && batchB != 1)) {
            throw new OnnxProgramException(s.where() + ": MatMul batch broadcasting of " + Shapes.str(a) + " by "
                    + Shapes.str(b) + " is not supported by the GPU executor");
        }
        DeviceMemory am = ex.memory(s.input(0));
        DeviceMemory bm = ex.memory(s.input(1));
        if (batchB == 1 && batchA == batch) { // one weight matrix: fold the batch into the rows
            int rows = (int) (batch * m);
            ex.add(() -> ex.gpu().cublas().sgemm(false, false, rows, n, k, 1f, am, 0, bm, 0, 0f, out, 0, 1));
        } else {
            long strideA = batchA == 1 ? 0 : (long) m * k;
            long strideB = batchB == 1 ? 0 : (long) k * n;
            ex.add(() -> ex.gpu().cublas().sgemm(false, false, m, n, k, 1f, am, strideA, bm, strideB, 0f, out, (long) m * n,
                    (int) batch));
        }
    }

    static void layout(GpuExecutor ex, Step s, long[] o, DeviceMemory out) {
        NnKernels nn = ex.gpu().nn();
        long[] so = Shapes.strides(o);
        switch (s.op()) {
            case "Concat" -> {
                int axis = Shapes.axis(s.i("axis", 0), o.length, s.where());
                long at = 0;
                for (String in : s.inputs()) {
                    long[] sh = ex.shape(in);
                    DeviceMemory src = ex.memory(in);
                    long offset = at * so[axis];
                    DeviceMemory dst = out.slice(4 * offset, out.bytes() - 4 * offset);
                    long[] ss = Shapes.strides(sh);
                    ex.add(() -> nn.stridedCopy(sh, ss, 0, src, so, dst));
                    at += sh[axis];
                }
            }
            case "Transpose" -> {
                long[] x = ex.shape(s.input(0));
                int[] perm = OpShapes.perm(s, x.length);
                long[] sx = Shapes.strides(x);
                long[] src = new long[perm.length];
                for (int i = 0; i < perm.length; i++) {
                    src[i] = sx[perm[i]];
                }
                DeviceMemory in = ex.memory(s.input(0));
                ex.add(() -> nn.stridedCopy(o, src, 0, in, so, out));
            }
            case "Slice" -> {
                long[] x = ex.shape(s.input(0));
                java.util.List<Tensor> args = new java.util.ArrayList<>();
                for (String in : s.inputs()) {
                    args.add(in.isEmpty() ? null : ex.program().constants().get(in));
                }
                OpShapes.SliceSpec spec = OpShapes.slice(s, x, args);
                long[] sx = Shapes.strides(x);
                long base = 0;
                long[] src = new long[x.length];
                for (int i = 0; i < x.length; i++) {
                    base += spec.start()[i] * sx[i];
                    src[i] = spec.step()[i] * sx[i];
                }
                long b = base;
                DeviceMemory in = ex.memory(s.input(0));
                ex.add(() -> nn.stridedCopy(o, src, b, in, so, out));
            }
            default -> { // Resize
                long[] x = ex.shape(s.input(0));
                boolean simple = x.length == 4 && o[0] == x[0] && o[1] == x[1] && o[2] % x[2] == 0 && o[3] % x[3] == 0
                        && "asymmetric".equals(s.s("coordinate_transformation_mode", "half_pixel"))
                        && "floor".equals(s.s("nearest_mode", "round_prefer_floor"));
                if (!simple) {
                    throw new OnnxProgramException(s.where() + ": the GPU executor runs Resize as nearest, asymmetric, floor "
                            + "with integer scales on (N, C, H, W) only");
                }
                DeviceMemory in = ex.memory(s.input(0));
                ex.add(() -> nn.resizeNearest(x[0] * x[1], x[2], x[3], o[2] / x[2], o[3] / x[3], in, out));
            }
        }
    }
}
