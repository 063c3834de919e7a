package org.gddim.bindings;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * cuDNN and cuBLAS are loaded at run time by soname; where they are missing (this CPU machine) opening them fails
 * with a {@link LibraryUnavailableException} that names the library and how to point the engine at it, before any
 * CUDA call is made. Where they are present the test is reported as skipped (the GPU tests exercise them).
 */
class CudnnCublasLoadingTest {
    @Test
    void aMissingCudnnIsReportedByName() {
        assumeTrue(NativeLibraries.load(NativeLibraries.Library.CUDNN) instanceof NativeLibraries.Missing, "cuDNN is present");
        var e = assertThrows(LibraryUnavailableException.class, () -> Cudnn.open(null));
        assertTrue(e.getMessage().startsWith("libcudnn.so.9 is not available: ") && e.getMessage().contains("GDDIM_LIBCUDNN"),
                e.getMessage());
    }

    @Test
    void aMissingCublasIsReportedByName() {
        assumeTrue(NativeLibraries.load(NativeLibraries.Library.CUBLAS) instanceof NativeLibraries.Missing, "cuBLAS is present");
        var e = assertThrows(LibraryUnavailableException.class, () -> Cublas.open(null));
        assertTrue(e.getMessage().startsWith("libcublas.so.13 is not available: ") && e.getMessage().contains("GDDIM_LIBCUBLAS"),
                e.getMessage());
    }
}
