package org.gddim.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.gddim.bindings.raw.cublas_h;

/**
 * A cuBLAS handle (libcublas.so.13, loaded at run time) bound to the stream of a {@link Cuda}, with its own
 * workspace set up front (cuBLAS must not allocate inside a CUDA graph capture), and the ROW-MAJOR float32 products
 * of the GPU ONNX executor (Gemm, MatMul): cuBLAS is column-major, so {@code C = op(A) op(B)} row-major is computed
 * as {@code C^T = op(B)^T op(A)^T}. Default math mode (no TF32). Failures throw {@link NativeException} with
 * cublasGetStatusName and cublasGetStatusString.
 */
public final class Cublas implements AutoCloseable {
    /** Workspace handed to cuBLAS (bytes; NVIDIA recommends 32 MiB on Hopper). */
    public static final long WORKSPACE = 32L << 20;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final DeviceMemory workspace;
    private final MemorySegment alpha = arena.allocate(ValueLayout.JAVA_FLOAT);
    private final MemorySegment beta = arena.allocate(ValueLayout.JAVA_FLOAT);

    private Cublas(MemorySegment handle, DeviceMemory workspace) {
        this.handle = handle;
        this.workspace = workspace;
    }

    /** Loads cuBLAS (throws {@link LibraryUnavailableException} saying why it cannot) and binds a handle to the stream. */
    public static Cublas open(Cuda cuda) {
        NativeLibraries.lookup(NativeLibraries.Library.CUBLAS);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ValueLayout.ADDRESS);
            check("cublasCreate_v2", cublas_h.cublasCreate_v2(out));
            MemorySegment h = out.get(ValueLayout.ADDRESS, 0);
            check("cublasSetStream_v2", cublas_h.cublasSetStream_v2(h, cuda.stream()));
            check("cublasSetMathMode", cublas_h.cublasSetMathMode(h, cublas_h.CUBLAS_DEFAULT_MATH()));
            DeviceMemory ws = cuda.allocate(WORKSPACE);
            check("cublasSetWorkspace_v2", cublas_h.cublasSetWorkspace_v2(h, ws.address(), ws.bytes()));
            return new Cublas(h, ws);
        }
    }

    /** The library version, e.g. 130000. */
    public int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            check("cublasGetVersion_v2", cublas_h.cublasGetVersion_v2(handle, v));
            return v.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * Row-major {@code C (m, n) = alpha op(A) op(B) + beta C}, op(A) (m, k), op(B) (k, n), repeated over
     * {@code batch} matrices spaced {@code strideA/B/C} floats apart (stride 0 broadcasts one matrix).
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alphaValue, DeviceMemory a, long strideA,
            DeviceMemory b, long strideB, float betaValue, DeviceMemory c, long strideC, int batch) {
        requireFloats("C", c, (long) m * n + strideC * (batch - 1));
        requireFloats("A", a, (long) m * k + strideA * (batch - 1));
        requireFloats("B", b, (long) k * n + strideB * (batch - 1));
        alpha.set(ValueLayout.JAVA_FLOAT, 0, alphaValue);
        beta.set(ValueLayout.JAVA_FLOAT, 0, betaValue);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        int opA = transA ? cublas_h.CUBLAS_OP_T() : cublas_h.CUBLAS_OP_N();
        int opB = transB ? cublas_h.CUBLAS_OP_T() : cublas_h.CUBLAS_OP_N();
        if (batch == 1) {
            check("cublasSgemm_v2", cublas_h.cublasSgemm_v2(handle, opB, opA, n, m, k, alpha, b.address(), ldb, a.address(), lda,
                    beta, c.address(), n));
        } else {
            check("cublasSgemmStridedBatched", cublas_h.cublasSgemmStridedBatched(handle, opB, opA, n, m, k, alpha, b.address(),
                    ldb, strideB, a.address(), lda, strideA, beta, c.address(), n, strideC, batch));
        }
    }

    private static void requireFloats(String name, DeviceMemory m, long n) {
        if (m.bytes() < 4 * n) {
            throw new IllegalArgumentException(name + " holds " + m.bytes() / 4 + " floats, the product needs " + n);
        }
    }

    /** Throws {@link NativeException} unless {@code status} is CUBLAS_STATUS_SUCCESS. */
    static void check(String function, int status) {
        if (status != cublas_h.CUBLAS_STATUS_SUCCESS()) {
            throw new NativeException(function, status, cublas_h.cublasGetStatusName(status).reinterpret(128).getString(0)
                    + ": " + cublas_h.cublasGetStatusString(status).reinterpret(256).getString(0));
        }
    }

    @Override
    public void close() {
        check("cublasDestroy_v2", cublas_h.cublasDestroy_v2(handle));
        workspace.close();
        arena.close();
    }
}
