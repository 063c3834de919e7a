package org.gddim.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.gddim.bindings.raw.cudnn_h;

/**
 * A cuDNN 9 handle (libcudnn.so.9, loaded at run time) bound to the stream of a {@link Cuda}, and the 2-d float32
 * NCHW convolutions of the GPU ONNX executor: {@link #conv2d} builds the descriptors once and picks an algorithm
 * (cudnnGetConvolutionForwardAlgorithm_v7's first choice that needs no more than the workspace limit, else
 * IMPLICIT_PRECOMP_GEMM); {@link #forward} enqueues {@code y = conv(x, w)} without allocating or synchronising, so
 * it can be captured in a CUDA graph. Math is restricted to FMA kernels (no TF32), to stay within float32 of ONNX
 * Runtime's CPU results. Failures throw {@link NativeException} with cudnnGetErrorString's text.
 */
public final class Cudnn implements AutoCloseable {
    /** Largest workspace a convolution may ask for (bytes). */
    public static final long WORKSPACE_LIMIT = 64L << 20;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
    private final MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);

    private Cudnn(MemorySegment handle) {
        this.handle = handle;
    }

    /** Loads cuDNN (throws {@link LibraryUnavailableException} saying why it cannot) and binds a handle to the stream. */
    public static Cudnn open(Cuda cuda) {
        NativeLibraries.lookup(NativeLibraries.Library.CUDNN);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check("cudnnCreate", cudnn_h.cudnnCreate(out));
            MemorySegment h = out.get(ValueLayout.ADDRESS, 0);
            check("cudnnSetStream", cudnn_h.cudnnSetStream(h, cuda.stream()));
            return new Cudnn(h);
        }
    }

    /** cudnnGetVersion(), e.g. 90800 for 9.8.0. */
    public long version() {
        return cudnn_h.cudnnGetVersion();
    }

    /** One convolution's descriptors, algorithm and workspace need; close it to free the descriptors. */
    public final class Conv2d implements AutoCloseable {
        private final MemorySegment x;
        private final MemorySegment w;
        private final MemorySegment conv;
        private final MemorySegment y;
        private final int algo;
        private final long workspaceBytes;

        private Conv2d(MemorySegment x, MemorySegment w, MemorySegment conv, MemorySegment y, int algo, long workspaceBytes) {
            this.x = x;
            this.w = w;
            this.conv = conv;
            this.y = y;
            this.algo = algo;
            this.workspaceBytes = workspaceBytes;
        }

        public int algorithm() {
            return algo;
        }

        public long workspaceBytes() {
            return workspaceBytes;
        }

        @Override
        public void close() {
            check("cudnnDestroyTensorDescriptor", cudnn_h.cudnnDestroyTensorDescriptor(x));
            check("cudnnDestroyTensorDescriptor", cudnn_h.cudnnDestroyTensorDescriptor(y));
            check("cudnnDestroyFilterDescriptor", cudnn_h.cudnnDestroyFilterDescriptor(w));
            check("cudnnDestroyConvolutionDescriptor", cudnn_h.cudnnDestroyConvolutionDescriptor(conv));
        }
    }

    /**
     * Plans {@code y (n, k, ho, wo) = conv(x (n, c, h, w), w (k, c / groups, kh, kw))} with symmetric pads
     * (ONNX pads begin = end), strides and dilations; the output shape must match what cuDNN computes.
     */
    public Conv2d conv2d(int n, int c, int h, int w, int k, int kh, int kw, int padH, int padW, int strideH, int strideW,
            int dilH, int dilW, int groups, int ho, int wo) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check("cudnnCreateTensorDescriptor", cudnn_h.cudnnCreateTensorDescriptor(out));
            MemorySegment xd = out.get(ValueLayout.ADDRESS, 0);
            check("cudnnSetTensor4dDescriptor", cudnn_h.cudnnSetTensor4dDescriptor(xd, cudnn_h.CUDNN_TENSOR_NCHW(),
                    cudnn_h.CUDNN_DATA_FLOAT(), n, c, h, w));
            check("cudnnCreateFilterDescriptor", cudnn_h.cudnnCreateFilterDescriptor(out));
            MemorySegment wd = out.get(ValueLayout.ADDRESS, 0);
            check("cudnnSetFilter4dDescriptor", cudnn_h.cudnnSetFilter4dDescriptor(wd, cudnn_h.CUDNN_DATA_FLOAT(),
                    cudnn_h.CUDNN_TENSOR_NCHW(), k, c / groups, kh, kw));
            check("cudnnCreateConvolutionDescriptor", cudnn_h.cudnnCreateConvolutionDescriptor(out));
            MemorySegment cd = out.get(ValueLayout.ADDRESS, 0);
            check("cudnnSetConvolution2dDescriptor", cudnn_h.cudnnSetConvolution2dDescriptor(cd, padH, padW, strideH, strideW,
                    dilH, dilW, cudnn_h.CUDNN_CROSS_CORRELATION(), cudnn_h.CUDNN_DATA_FLOAT()));
            check("cudnnSetConvolutionGroupCount", cudnn_h.cudnnSetConvolutionGroupCount(cd, groups));
            check("cudnnSetConvolutionMathType", cudnn_h.cudnnSetConvolutionMathType(cd, cudnn_h.CUDNN_FMA_MATH()));
            check("cudnnCreateTensorDescriptor", cudnn_h.cudnnCreateTensorDescriptor(out));
            MemorySegment yd = out.get(ValueLayout.ADDRESS, 0);
            check("cudnnSetTensor4dDescriptor", cudnn_h.cudnnSetTensor4dDescriptor(yd, cudnn_h.CUDNN_TENSOR_NCHW(),
                    cudnn_h.CUDNN_DATA_FLOAT(), n, k, ho, wo));
            int count = cudnn_h.CUDNN_CONVOLUTION_FWD_ALGO_COUNT();
            long size = cudnn_h.sizeof_cudnnConvolutionFwdAlgoPerf_t();
            MemorySegment perf = a.allocate(size * count, 8);
            MemorySegment returned = a.allocate(ValueLayout.JAVA_INT);
            check("cudnnGetConvolutionForwardAlgorithm_v7", cudnn_h.cudnnGetConvolutionForwardAlgorithm_v7(handle, xd, wd, cd,
                    yd, count, returned, perf));
            int algo = cudnn_h.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM();
            for (int i = 0; i < returned.get(ValueLayout.JAVA_INT, 0); i++) {
                MemorySegment p = perf.asSlice(i * size, size);
                if (p.get(ValueLayout.JAVA_INT, cudnn_h.offsetof_cudnnConvolutionFwdAlgoPerf_t_status()) == 0
                        && p.get(ValueLayout.JAVA_LONG, cudnn_h.offsetof_cudnnConvolutionFwdAlgoPerf_t_memory()) <= WORKSPACE_LIMIT) {
                    algo = p.get(ValueLayout.JAVA_INT, cudnn_h.offsetof_cudnnConvolutionFwdAlgoPerf_t_algo());
                    break;
                }
            }
            MemorySegment ws = a.allocate(ValueLayout.JAVA_LONG);
            check("cudnnGetConvolutionForwardWorkspaceSize", cudnn_h.cudnnGetConvolutionForwardWorkspaceSize(handle, xd, wd, cd,
                    yd, algo, ws));
            return new Conv2d(xd, wd, cd, yd, algo, ws.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    /** Enqueues {@code y = conv(x, w)} on the stream (no allocation, no synchronisation). */
    public void forward(Conv2d plan, DeviceMemory x, DeviceMemory w, DeviceMemory y, DeviceMemory workspace) {
        if (plan.workspaceBytes > 0 && (workspace == null || workspace.bytes() < plan.workspaceBytes)) {
            throw new IllegalArgumentException("the convolution needs a workspace of " + plan.workspaceBytes + " bytes");
        }
        check("cudnnConvolutionForward", cudnn_h.cudnnConvolutionForward(handle, one, plan.x, x.address(), plan.w, w.address(),
                plan.conv, plan.algo, workspace == null ? MemorySegment.NULL : workspace.address(),
                workspace == null ? 0 : workspace.bytes(), zero, plan.y, y.address()));
    }

    /** Throws {@link NativeException} unless {@code status} is CUDNN_STATUS_SUCCESS. */
    static void check(String function, int status) {
        if (status != cudnn_h.CUDNN_STATUS_SUCCESS()) {
            throw new NativeException(function, status, cudnn_h.cudnnGetErrorString(status).reinterpret(256).getString(0));
        }
    }

    @Override
    public void close() {
        check("cudnnDestroy", cudnn_h.cudnnDestroy(handle));
        arena.close();
    }
}
