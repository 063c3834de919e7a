package org.gddim.executor;

import org.gddim.bindings.Cublas;
import org.gddim.bindings.Cuda;
import org.gddim.bindings.Cudnn;
import org.gddim.bindings.NnKernels;

/**
 * The libraries a {@link GpuExecutor} launches into, all bound to the one stream of {@code cuda} (the solver's):
 * libgdk_cuda's network kernels, cuDNN and cuBLAS. Closing it releases the handles, not the stream.
 */
public record GpuContext(Cuda cuda, NnKernels nn, Cudnn cudnn, Cublas cublas) implements AutoCloseable {
    /** Loads libgdk_cuda, cuDNN 9 and cuBLAS 13 on {@code cuda}'s stream (LibraryUnavailableException if one is missing). */
    public static GpuContext open(Cuda cuda) {
        NnKernels nn = new NnKernels(cuda);
        Cudnn cudnn = null;
        try {
            cudnn = Cudnn.open(cuda);
            return new GpuContext(cuda, nn, cudnn, Cublas.open(cuda));
        } catch (RuntimeException e) {
            if (cudnn != null) {
                cudnn.close();
            }
            nn.close();
            throw e;
        }
    }

    @Override
    public void close() {
        cublas.close();
        cudnn.close();
        nn.close();
    }
}
