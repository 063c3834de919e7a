package org.gddim.backend;

/** The backends, by their command-line names. */
public enum BackendKind {
    /** Pure Java, element by element in double: the reference every other backend is tested against. */
    JAVA,
    /** libgdk C kernels through FFM on zero-copy native segments. */
    NATIVE,
    /** CUDA kernels on device memory (libgdk_cuda via FFM), optionally replayed as one CUDA graph per batch. */
    CUDA;

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
