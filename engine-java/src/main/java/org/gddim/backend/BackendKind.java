package org.gddim.backend;

/** The backends, by their command-line names. */
public enum BackendKind {
    /** Pure Java, element by element in double: the reference every other backend is tested against. */
    JAVA("java"),
    /** libgdk C kernels through FFM on zero-copy native segments. */
    NATIVE("native"),
    /** CUDA kernels on device memory (issue D; not in this version). */
    CUDA("cuda");

    private final String cliName;

    BackendKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
