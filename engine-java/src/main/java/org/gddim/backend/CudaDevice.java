package org.gddim.backend;

import org.gddim.bindings.Cuda;
import org.gddim.bindings.CudaKernels;
import org.gddim.bindings.DeviceMemory;

/**
 * The CUDA device a backend runs on, as score models that run on the same stream need it (the device GMM oracle,
 * the ONNX executor): the context, libgdk_cuda's kernels, device memory and resources freed with the backend.
 * A backend offers it through {@link Backend#cudaDevice()}; code outside {@code backend/} asks for this capability
 * and never names the concrete backend.
 */
public interface CudaDevice {
    /** The context and its stream. */
    Cuda cuda();

    /** libgdk_cuda's kernels on that stream. */
    CudaKernels kernels();

    /** Device memory of {@code bytes}, zeroed, freed with the backend (for device models' tables). */
    DeviceMemory allocateBytes(long bytes);

    /** Closes {@code resource} (e.g. a device model's cuDNN/cuBLAS handles) when the backend closes, before its stream. */
    <T extends AutoCloseable> T closeWithBackend(T resource);
}
