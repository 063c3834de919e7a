package org.gddim.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.gddim.bindings.raw.gdk_nn_h;

/**
 * Typed entry points of libgdk_cuda's network kernels (kernels-cu/include/gdk_nn.h) on the stream of a
 * {@link Cuda}: device buffers as {@link DeviceMemory} (sizes checked here), shapes and strides as long arrays
 * copied into a small native block this object owns (the launchers read it before returning, so every call can be
 * captured in a CUDA graph). A bad status becomes a {@link NativeException}.
 */
public final class NnKernels implements AutoCloseable {
    /** Largest tensor rank of the strided ops. */
    public static final int MAX_RANK = gdk_nn_h.GDK_NN_MAX_RANK();

    /** Unary ops (gdk_nn.h GDK_NN_*). */
    public enum Unary {
        IDENTITY(gdk_nn_h.GDK_NN_IDENTITY()), SIGMOID(gdk_nn_h.GDK_NN_SIGMOID()), SILU(gdk_nn_h.GDK_NN_SILU()),
        SIN(gdk_nn_h.GDK_NN_SIN()), COS(gdk_nn_h.GDK_NN_COS()), EXP(gdk_nn_h.GDK_NN_EXP()), LOG(gdk_nn_h.GDK_NN_LOG()),
        SQRT(gdk_nn_h.GDK_NN_SQRT()), RECIPROCAL(gdk_nn_h.GDK_NN_RECIPROCAL()), NEG(gdk_nn_h.GDK_NN_NEG()),
        TANH(gdk_nn_h.GDK_NN_TANH()), RELU(gdk_nn_h.GDK_NN_RELU()), ABS(gdk_nn_h.GDK_NN_ABS());

        final int code;

        Unary(int code) {
            this.code = code;
        }
    }

    /** Binary ops with broadcasting (gdk_nn.h GDK_NN_ADD ...). */
    public enum Binary {
        ADD(gdk_nn_h.GDK_NN_ADD()), SUB(gdk_nn_h.GDK_NN_SUB()), MUL(gdk_nn_h.GDK_NN_MUL()), DIV(gdk_nn_h.GDK_NN_DIV()),
        POW(gdk_nn_h.GDK_NN_POW());

        final int code;

        Binary(int code) {
            this.code = code;
        }
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment shape = arena.allocate(ValueLayout.JAVA_LONG, MAX_RANK);
    private final MemorySegment s0 = arena.allocate(ValueLayout.JAVA_LONG, MAX_RANK);
    private final MemorySegment s1 = arena.allocate(ValueLayout.JAVA_LONG, MAX_RANK);
    private final Cuda cuda;

    /** Loads libgdk_cuda.so (throws {@link LibraryUnavailableException} saying why it cannot). */
    public NnKernels(Cuda cuda) {
        NativeLibraries.lookup(NativeLibraries.Library.GDK_CUDA);
        this.cuda = cuda;
    }

    public void unary(Unary op, long n, DeviceMemory x, DeviceMemory y) {
        requireFloats("x", x, n);
        requireFloats("y", y, n);
        check("gdk_nn_unary_f32", gdk_nn_h.gdk_nn_unary_f32(cuda.stream(), op.code, n, x.address(), y.address()));
    }

    /** out (shape) = a op b, operands read with the given element strides (0 = broadcast); gdk_nn.h. */
    public void binary(Binary op, long[] outShape, long[] aStrides, long[] bStrides, DeviceMemory a, DeviceMemory b,
            DeviceMemory out) {
        requireFloats("out", out, size(outShape));
        requireFloats("a", a, extent(outShape, aStrides));
        requireFloats("b", b, extent(outShape, bStrides));
        int rank = put(outShape, aStrides, bStrides);
        check("gdk_nn_binary_f32", gdk_nn_h.gdk_nn_binary_f32(cuda.stream(), op.code, rank, shape, s0, s1, a.address(),
                b.address(), out.address()));
    }

    public void axpby(long n, float alpha, DeviceMemory x, float beta, DeviceMemory y, DeviceMemory out) {
        requireFloats("x", x, n);
        requireFloats("y", y, n);
        requireFloats("out", out, n);
        check("gdk_nn_axpby_f32", gdk_nn_h.gdk_nn_axpby_f32(cuda.stream(), n, alpha, x.address(), beta, y.address(),
                out.address()));
    }

    public void fill(long n, float value, DeviceMemory out) {
        requireFloats("out", out, n);
        check("gdk_nn_fill_f32", gdk_nn_h.gdk_nn_fill_f32(cuda.stream(), n, value, out.address()));
    }

    /** InstanceNormalization over (groups / channels, channels, len); scale and bias (channels). */
    public void instanceNorm(long groups, long channels, long len, DeviceMemory x, DeviceMemory scale, DeviceMemory bias,
            float eps, DeviceMemory y) {
        requireFloats("x", x, groups * len);
        requireFloats("y", y, groups * len);
        requireFloats("scale", scale, channels);
        requireFloats("bias", bias, channels);
        check("gdk_nn_instance_norm_f32", gdk_nn_h.gdk_nn_instance_norm_f32(cuda.stream(), groups, channels, len, x.address(),
                scale.address(), bias.address(), eps, y.address()));
    }

    public void softmax(long rows, long cols, DeviceMemory x, DeviceMemory y) {
        requireFloats("x", x, rows * cols);
        requireFloats("y", y, rows * cols);
        check("gdk_nn_softmax_f32", gdk_nn_h.gdk_nn_softmax_f32(cuda.stream(), rows, cols, x.address(), y.address()));
    }

    /** dst[sum i_k dstStrides_k] = src[srcOffset + sum i_k srcStrides_k] over {@code copyShape}. */
    public void stridedCopy(long[] copyShape, long[] srcStrides, long srcOffset, DeviceMemory src, long[] dstStrides,
            DeviceMemory dst) {
        requireFloats("src", src, srcOffset + extent(copyShape, srcStrides));
        requireFloats("dst", dst, extent(copyShape, dstStrides));
        int rank = put(copyShape, srcStrides, dstStrides);
        check("gdk_nn_strided_copy_f32", gdk_nn_h.gdk_nn_strided_copy_f32(cuda.stream(), rank, shape, s0, srcOffset,
                src.address(), s1, dst.address()));
    }

    public void resizeNearest(long planes, long h, long w, long scaleH, long scaleW, DeviceMemory x, DeviceMemory y) {
        requireFloats("x", x, planes * h * w);
        requireFloats("y", y, planes * h * w * scaleH * scaleW);
        check("gdk_nn_resize_nearest_f32", gdk_nn_h.gdk_nn_resize_nearest_f32(cuda.stream(), planes, h, w, scaleH, scaleW,
                x.address(), y.address()));
    }

    private int put(long[] dims, long[] a, long[] b) {
        if (dims.length > MAX_RANK || a.length != dims.length || b.length != dims.length) {
            throw new IllegalArgumentException("rank " + dims.length + " (max " + MAX_RANK + ") with strides of rank "
                    + a.length + " and " + b.length);
        }
        for (int i = 0; i < dims.length; i++) {
            shape.setAtIndex(ValueLayout.JAVA_LONG, i, dims[i]);
            s0.setAtIndex(ValueLayout.JAVA_LONG, i, a[i]);
            s1.setAtIndex(ValueLayout.JAVA_LONG, i, b[i]);
        }
        return dims.length;
    }

    private static long size(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** 1 + the largest element offset the strides reach over {@code dims} (0 for an empty shape). */
    private static long extent(long[] dims, long[] strides) {
        long last = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                return 0;
            }
            last += (dims[i] - 1) * strides[i];
        }
        return last + 1;
    }

    private static void requireFloats(String name, DeviceMemory m, long n) {
        if (m.bytes() < 4 * n) {
            throw new IllegalArgumentException(name + " holds " + m.bytes() / 4 + " floats, need " + n);
        }
    }

    private static void check(String function, int status) {
        if (status != 0) {
            throw new NativeException(function, status, Gdk.statusText(status));
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
